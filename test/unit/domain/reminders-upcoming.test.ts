import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { dueReminders, noReminderFacts, type DueInput, type ReminderFacts } from '../../../src/domain/reminders/due';
import { reminderRuleLabel } from '../../../src/domain/reminders/labels';
import { defaultReminderRules, reminderRuleIds } from '../../../src/domain/reminders/rules';
import { summariseReminders } from '../../../src/domain/reminders/summary';
import { upcomingReminders, type UpcomingInput } from '../../../src/domain/reminders/upcoming';
import type { OutboxRow } from '../../../src/domain/reminders/delivery';
import { enrolment, supervisorId, traineeId } from '../../fakes/domain-builders';
import { reminderFacts } from '../../fakes/reminders';

const session = (id: string, heldOn: string) => ({ id, enrolmentId: 'enrolment-1', heldOn, minutes: 60, mode: 'teams' as const, caseIds: [], clipIds: [] });
// A signed contract, so the only thing open is the record (no contract.draft, and supervision is not overdue).
const facts = (heldOn: string): ReminderFacts => ({ ...noReminderFacts, enrolments: [enrolment()], sessions: [session('s1', heldOn)], contracts: [reminderFacts.activeContract()] });
const due = (f: ReminderFacts, now: string, extra: Partial<DueInput> = {}): DueInput => ({ facts: f, rules: new Map(), now, defaultZone: 'Europe/London', people: new Map(), snoozes: [], mutes: [], sent: [], firstSeen: new Map(), ...extra });
const upcoming = (d: DueInput): UpcomingInput => ({ ...d, personId: traineeId, prefs: d.people.get(traineeId) });
const sentOf = (o: ReturnType<typeof dueReminders>) => o.map((x) => ({ key: x.key, personId: x.personId, ruleId: x.ruleId, localDate: x.localDate, itemKeys: x.itemKeys }));

// 2026-06-01 is a Monday; 09:00 in London is 08:00 UTC (summer time).
describe('Unit › reminders › upcoming and the admin summary', () => {
  it('says when the next reminder goes, and dueReminders agrees to the minute', () => {
    const f = facts('2026-06-01');
    const first = upcomingReminders(upcoming(due(f, '2026-06-01T10:00:00.000Z')));
    assert.deepEqual(first.map((u) => [u.ruleId, u.state, u.at]), [['record.write', 'scheduled', '2026-06-03T08:00:00.000Z']]);
    assert.equal(dueReminders(due(f, '2026-06-03T07:59:00.000Z')).length, 0);
    const sent = dueReminders(due(f, '2026-06-03T08:00:00.000Z'));
    assert.equal(sent.length, 1);
    const after = upcomingReminders(upcoming(due(f, '2026-06-03T08:05:00.000Z', { sent: sentOf(sent) })));
    assert.deepEqual(after.map((u) => [u.state, u.at]), [['scheduled', '2026-06-08T08:00:00.000Z']], 'then the 7-day one, on Monday');
  });

  it('moves a reminder that falls at a weekend to Monday, unless the person takes weekends, in their own zone', () => {
    const f = facts('2026-06-04');
    assert.equal(upcomingReminders(upcoming(due(f, '2026-06-04T12:00:00.000Z')))[0]!.at, '2026-06-08T08:00:00.000Z');
    const people = new Map([[traineeId, { weekends: true, zone: 'America/New_York', startMinute: 8 * 60 }]]);
    assert.equal(upcomingReminders(upcoming(due(f, '2026-06-04T12:00:00.000Z', { people })))[0]!.at, '2026-06-06T12:00:00.000Z');
  });

  it('shows a reminder that is due now as due, a snoozed one until when, a muted or switched-off rule as such', () => {
    const f = facts('2026-06-01');
    const now = '2026-06-03T10:00:00.000Z';
    assert.equal(upcomingReminders(upcoming(due(f, now)))[0]!.state, 'due');
    const snoozes = [{ personId: traineeId, ruleId: 'record.write' as const, subject: 'record:enrolment-1:s1', until: '2026-06-04T08:00:00.000Z' }];
    assert.deepEqual(upcomingReminders(upcoming(due(f, now, { snoozes })))[0]!.at, '2026-06-04T08:00:00.000Z');
    assert.equal(upcomingReminders(upcoming(due(f, now, { mutes: [{ personId: traineeId, ruleId: 'record.write' }] })))[0]!.state, 'muted');
    const off = new Map([['service-1', { ...defaultReminderRules, 'record.write': { enabled: false, afterDays: [2], thenEveryDays: null } }]]);
    assert.equal(upcomingReminders(upcoming(due(f, now, { rules: off })))[0]!.state, 'off');
    // The supervisor has their own (the trainee will be overdue for supervision a month on), none of the trainee's.
    assert.deepEqual(upcomingReminders({ ...upcoming(due(f, now)), personId: supervisorId }).map((u) => u.ruleId), ['supervision.overdue'], 'nothing of someone else’s');
  });

  it('labels every rule, and words a rule it does not know', () => {
    for (const id of reminderRuleIds) assert.ok(reminderRuleLabel(id).label.length > 3);
    assert.deepEqual(reminderRuleLabel('stage.behind'), { label: 'Stage behind', audience: 'trainee' });
    assert.equal(reminderRuleLabel('retention.due').audience, 'admin');
  });

  it('groups outbox rows by state with reasons, counts per rule, and caps each group', () => {
    const base = { ruleId: 'record.write' as const, personId: traineeId, localDate: '2026-06-01', dueAt: '2026-06-01T08:00:00.000Z', itemKeys: [], items: [], epoch: 1, createdAt: '2026-06-01T08:00:00.000Z', sends: 1 };
    const rows: OutboxRow[] = [
      { ...base, key: 'a', state: { status: 'delivered', activityId: 'x', at: '2026-06-01T08:00:00.000Z', closing: false } },
      { ...base, key: 'b', state: { status: 'closed', activityId: 'x', at: '2026-06-02T08:00:00.000Z' } },
      { ...base, key: 'c', state: { status: 'dead', reason: 'Out of attempts', at: '2026-06-02T08:00:00.000Z' } },
      { ...base, key: 'd', ruleId: 'record.cosign', state: { status: 'undeliverable', httpStatus: 404, at: '2026-06-02T08:00:00.000Z' } },
    ];
    const s = summariseReminders({ rows, snoozes: [], mutes: [], unreachable: [], ruleIds: reminderRuleIds, now: '2026-06-03T00:00:00.000Z', limit: 1 });
    assert.equal(s.counts.sent, 2);
    assert.equal(s.lines.sent.length, 1);
    assert.equal(s.lines.sent[0]!.key, 'b', 'newest first');
    assert.equal(s.more.sent, 1);
    assert.equal(s.lines.dead[0]!.reason, 'Out of attempts');
    assert.match(s.lines.undeliverable[0]!.reason!, /404/);
    assert.equal(s.perRule.get('record.cosign')!.undeliverable, 1);
    assert.equal(s.perRule.get('record.write')!.sent, 2);
  });
});
