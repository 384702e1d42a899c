import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { audit } from '../../src/app/authorise';
import { identify } from '../../src/app/people';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { outboxRowOf } from '../../src/domain/reminders/delivery';
import type { Enrolment } from '../../src/domain/practice';
import { reminderFacts } from '../fakes/reminders';
import { startBotHarness, type BotHarness } from './bot-harness';

/**
 * The clip rules' cards acted on in the bot: refresh (and snooze, mute) read the clip records and the audit,
 * so a card about a clip the supervisor has since opened says it is done instead of asking again.
 */
describe('bot: a clip reminder card knows when the clip was opened', () => {
  let h: BotHarness;
  let alex: Enrolment;
  const clipId = 'clip-for-review';
  let key: string;

  before(async () => {
    h = await startBotHarness({ now: new Date('2026-06-15T10:00:00Z') });
    alex = (await h.app.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId.endsWith(demoPeople.trainee.objectId))!;
    const consented = (await h.app.store.cases.list(alex.id)).map((c) => c.value).find((c) => c.consent.supervisor_viewing.granted)!;
    await h.clips.clips.create(reminderFacts.clip({ id: clipId, caseId: consented.id, enrolmentId: alex.id, uploadedAt: '2026-06-12T09:00:00.000Z' }));
    const subject = `clip:${alex.id}:${clipId}`;
    key = `clip.unopened|${subject}|0`;
    const row = outboxRowOf(
      { key, ruleId: 'clip.unopened', personId: alex.supervisorId, localDate: '2026-06-15', dueAt: '2026-06-15T09:00:00.000Z', itemKeys: [key], items: [{ key, subject, about: { kind: 'clip.unopened', enrolmentId: alex.id, clipId, uploadedAt: '2026-06-12T09:00:00.000Z' } }] },
      { epoch: 1, at: '2026-06-15T09:00:00.000Z' },
    );
    await h.reminders.outbox.create({ ...row, state: { status: 'delivered', activityId: 'activity-1', at: '2026-06-15T09:00:05.000Z', closing: false } });
  });
  after(async () => h?.stop());

  const refreshed = async (): Promise<string> => JSON.stringify((await h.as('supervisor').invoke('reminder.refresh', { key })).card);

  it('shows the clip still waiting while the supervisor has not opened it', async () => {
    const card = await refreshed();
    assert.match(card, /A clip is waiting for your review/);
    assert.doesNotMatch(card, /Clip opened/);
  });

  it('turns to done once the supervisor opened it (a playback started), and says so on refresh', async () => {
    const supervisor = (await identify(h.app, { tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId }))!;
    await audit(h.app, { actor: supervisor, action: 'view_clip', object: { kind: 'clip', id: clipId }, subject: alex.traineeId, purpose: 'supervision' });
    const card = await refreshed();
    assert.match(card, /Clip opened/);
  });
});
