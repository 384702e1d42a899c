import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { renderReminderCard } from '../../../bot/cards/reminder-cards';
import type { ReminderAbout } from '../../../src/domain/reminders/due';
import { reminderRuleIds, type ReminderRuleId } from '../../../src/domain/reminders/rules';

type Node = Record<string, unknown>;
const links = { publicUrl: 'https://attune.example', teamsAppId: null };
const cardOf = (about: ReminderAbout, ruleId: ReminderRuleId = about.kind, state: 'due' | 'done' = 'due') =>
  renderReminderCard({ key: `${ruleId}|x|0`, ruleId, items: [{ key: `${ruleId}|x|0`, subject: 'x', about }], state }, links) as unknown as { version: string; body: Node[]; actions: Node[] };
const textOf = (card: { body: Node[] }): string => JSON.stringify(card.body);
const buttons = (card: { actions: Node[] }) => card.actions.filter((a) => a.verb !== 'reminder.snooze' && a.verb !== 'reminder.mute');

/** One item of each rule's kind. */
const samples: Readonly<Record<ReminderRuleId, ReminderAbout>> = {
  'record.write': { kind: 'record.write', enrolmentId: 'e1', heldOn: '2026-06-01', sessionId: 's1', plannedId: null },
  'record.returned': { kind: 'record.returned', enrolmentId: 'e1', recordId: 's1', revision: 3 },
  'record.cosign': { kind: 'record.cosign', enrolmentId: 'e1', recordId: 's1', traineeId: 't:a', submittedAt: '2026-06-02T09:00:00Z' },
  'contract.sign': { kind: 'contract.sign', enrolmentId: 'e1', version: 2 },
  'supervision.tomorrow': { kind: 'supervision.tomorrow', enrolmentId: 'e1', plannedId: 'p1', start: '2026-06-03T09:00:00Z' },
  'contract.draft': { kind: 'contract.draft', enrolmentId: 'e1', version: 1 },
  'upload.unfinished': { kind: 'upload.unfinished', enrolmentId: 'e1', uploadId: 'u1', startedAt: '2026-06-01T09:00:00Z', expiresAt: '2026-06-07T09:00:00Z' },
  'supervision.overdue': { kind: 'supervision.overdue', enrolmentId: 'e1', traineeId: 't:a', lastOn: '2026-05-04', fromOn: '2026-05-04', cadence: 'monthly' },
  'admin.retention_soon': { kind: 'admin.retention_soon', enrolmentId: 'e1', clipId: 'k1', deleteAfter: '2026-06-20' },
  'admin.legal_hold_old': { kind: 'admin.legal_hold_old', enrolmentId: 'e1', clipId: 'k1', heldSince: '2025-06-01T10:00:00Z' },
  'admin.undeliverable': { kind: 'admin.undeliverable', personId: 't:p', since: '2026-06-01T10:00:00Z', httpStatus: 403 },
  'stage.meeting_due': { kind: 'stage.meeting_due', enrolmentId: 'e1', stage: 1, reason: 'meeting_due', meeting: 'transition' },
  'clip.unopened': { kind: 'clip.unopened', enrolmentId: 'e1', clipId: 'k1', uploadedAt: '2026-05-27T14:00:00Z' },
  'protected_time.unused': { kind: 'protected_time.unused', enrolmentId: 'e1', traineeId: 't:a', lastOn: '2026-05-08', protectedMinutesPerWeek: 120 },
};

describe('Unit › reminder cards', () => {
  for (const id of reminderRuleIds) {
    const about = samples[id];
    if (!about) continue;
    it(`${id}: draws its item as Adaptive Cards 1.5, and a done card with no buttons`, () => {
      const card = cardOf(about);
      assert.equal(card.version, '1.5');
      assert.ok(card.body.length >= 3);
      assert.ok(!/undefined|\$\{/.test(JSON.stringify(card)), 'every field filled');
      const done = cardOf(about, id, 'done');
      assert.match(textOf(done), /Done: /);
      assert.deepEqual(done.actions, []);
    });
  }

  it('contract.draft: opens the draft, or the contract form when there is none yet', () => {
    assert.deepEqual(buttons(cardOf(samples['contract.draft'])).map((a) => [a.type, a.verb, a.data]), [['Action.Execute', 'contract.edit', { enrolmentId: 'e1', version: 1 }]]);
    const none = cardOf({ kind: 'contract.draft', enrolmentId: 'e1', version: null });
    assert.match(textOf(none), /has not been drafted yet/);
    assert.deepEqual(buttons(none).map((a) => [a.type, a.verb]), [['Action.Execute', 'contract.form']]);
  });

  it('supervision.overdue: says since when, and finds a time to book', () => {
    const card = cardOf(samples['supervision.overdue']);
    assert.match(textOf(card), /last supervision was on 2026-05-04 \(monthly/);
    assert.deepEqual(buttons(card).map((a) => [a.verb, a.data]), [['schedule.times', { enrolmentId: 'e1' }]]);
    assert.match(textOf(cardOf({ kind: 'supervision.overdue', enrolmentId: 'e1', traineeId: 't:a', lastOn: null, fromOn: '2026-05-15', cadence: 'fortnightly' })), /no supervision since their contract started on 2026-05-15/);
  });

  it('stage.meeting_due: the meeting to book, or how far behind, and the progress card', () => {
    const card = cardOf(samples['stage.meeting_due']);
    assert.match(textOf(card), /Stage 1 is complete: book your transition meeting/);
    assert.deepEqual(buttons(card).map((a) => a.verb), ['progress.show']);
    assert.match(textOf(cardOf({ kind: 'stage.meeting_due', enrolmentId: 'e1', stage: 2, reason: 'behind', projectedCompletion: '2027-01-01', windowCloses: '2026-09-02' })), /finish on 2027-01-01, after your accreditation window closes on 2026-09-02/);
  });

  it('clip.unopened: opens the clip’s page in the tab', () => {
    const card = cardOf(samples['clip.unopened']);
    assert.match(textOf(card), /A clip uploaded on 2026-05-27/);
    assert.deepEqual(buttons(card).map((a) => [a.type, a.url]), [['Action.OpenUrl', 'https://attune.example/tab/index.html#/clips/e1/k1']]);
  });

  it('protected_time.unused: says how much protected time and since when', () => {
    const card = cardOf(samples['protected_time.unused']);
    assert.match(textOf(card), /2 h a week of protected VIG time has recorded no practice since 2026-05-08/);
    assert.deepEqual(buttons(card).map((a) => a.verb), ['progress.show']);
  });

  it('has a sample for every rule', () => {
    assert.deepEqual(reminderRuleIds.filter((id) => !samples[id]), []);
  });

  it('admin digests: say what and since when; the unreachable-people one links to the admin’s reminders page, the clip ones have no button yet (no admin clip list in the tab)', () => {
    assert.match(textOf(cardOf(samples['admin.retention_soon'])), /deleted on 2026-06-20/);
    assert.match(textOf(cardOf(samples['admin.legal_hold_old'])), /legal hold since 2025-06-01/);
    assert.match(textOf(cardOf(samples['admin.undeliverable'])), /refused on 2026-06-01 \(the app was removed/);
    for (const id of ['admin.retention_soon', 'admin.legal_hold_old'] as const) assert.deepEqual(buttons(cardOf(samples[id])), [], id);
    assert.deepEqual(buttons(cardOf(samples['admin.undeliverable'])).map((a) => [a.type, a.url]), [['Action.OpenUrl', 'https://attune.example/tab/index.html#/admin/reminders']]);
  });

  it('upload.unfinished: links to the tab’s upload page (and has no button without a public URL)', () => {
    const card = cardOf(samples['upload.unfinished']);
    assert.match(textOf(card), /started on 2026-06-01.*until 2026-06-07/);
    assert.deepEqual(buttons(card).map((a) => [a.type, a.url]), [['Action.OpenUrl', 'https://attune.example/tab/index.html#/upload']]);
    const bare = renderReminderCard({ key: 'k', ruleId: 'upload.unfinished', items: [{ key: 'k', subject: 'x', about: samples['upload.unfinished'] }], state: 'due' }) as unknown as { actions: Node[] };
    assert.deepEqual(buttons(bare), []);
  });
});
