import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { AdminReminders, MyReminders, ReminderPreview, ReminderRulesView } from '../../../src/contract/http/reminders';
import type { ReminderStore } from '../../../src/ports/reminders';
import { reminderRuleIds } from '../../../src/domain/reminders/rules';
import { devSignIn, getJson, startTestApp, type TestApp } from '../../support/app';
import { idOf, otherAdminId, seedReminderStates } from '../../support/reminder-seed';

describe('reminder pages API (admin and personal)', () => {
  let app: TestApp;
  let store: ReminderStore;
  const tokens: Record<string, string> = {};
  const now = new Date();

  before(async () => {
    app = await startTestApp();
    store = await seedReminderStates(app, now);
    for (const [who, id] of Object.entries({ admin: idOf('admin'), trainee: idOf('trainee'), second: idOf('secondTrainee'), supervisor: idOf('supervisor'), other: otherAdminId })) tokens[who] = await devSignIn(app.baseUrl, id);
  });
  after(async () => app.stop());

  const send = async <T = Record<string, unknown>>(who: string, request: string, o: { body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> => {
    const [method, path] = request.split(' ') as [string, string];
    const { body, headers = {} } = o;
    const res = await fetch(`${app.baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json()) as T };
  };

  describe('GET /api/admin/reminders', () => {
    it('groups the service’s cards by state, with reasons, per-rule counts and display names', async () => {
      const res = await getJson<AdminReminders>(`${app.baseUrl}/api/admin/reminders`, tokens['admin']);
      assert.equal(res.status, 200);
      assert.equal(res.body.counts.sent, 1);
      assert.equal(res.body.counts.waiting, 1);
      assert.equal(res.body.counts.undeliverable, 1);
      assert.equal(res.body.counts.dead, 1);
      const group = (g: string) => res.body.groups.find((x) => x.group === g)!;
      assert.match(group('undeliverable').lines[0]!.reason!, /403/);
      assert.match(group('dead').lines[0]!.reason!, /502 after 8 attempts/);
      assert.equal(group('sent').lines[0]!.personName, 'Alex Wilber');
      assert.deepEqual(res.body.perRule.map((r) => r.ruleId), [...reminderRuleIds]);
      const write = res.body.perRule.find((r) => r.ruleId === 'record.write')!;
      assert.equal(write.counts.sent + write.counts.waiting + write.counts.undeliverable + write.counts.dead, 4);
      assert.equal(write.audience, 'trainee');
      assert.ok(!JSON.stringify(res.body).includes('seed-other'), 'another service’s card is not listed');
    });

    it('caps each group and says how many more there are', async () => {
      const res = await getJson<AdminReminders>(`${app.baseUrl}/api/admin/reminders?limit=1`, tokens['admin']);
      assert.ok(res.body.groups.every((g) => g.lines.length <= 1));
      const bad = await getJson(`${app.baseUrl}/api/admin/reminders?limit=0`, tokens['admin']);
      assert.equal(bad.status, 400);
    });

    it('shows another service’s admin only their own service, and refuses anyone else', async () => {
      const other = await getJson<AdminReminders>(`${app.baseUrl}/api/admin/reminders`, tokens['other']);
      assert.equal(other.status, 200);
      assert.equal(other.body.counts.sent, 1);
      assert.equal(other.body.counts.dead + other.body.counts.waiting + other.body.counts.undeliverable, 0);
      assert.ok(!JSON.stringify(other.body).includes('Alex Wilber'));
      for (const who of ['trainee', 'supervisor']) assert.equal((await getJson(`${app.baseUrl}/api/admin/reminders`, tokens[who])).status, 404);
    });
  });

  describe('reminder rules', () => {
    it('reads every rule over the defaults, with labels and a version', async () => {
      const res = await getJson<ReminderRulesView>(`${app.baseUrl}/api/admin/reminders/rules`, tokens['admin']);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.rules.map((r) => r.id), [...reminderRuleIds]);
      assert.deepEqual(res.body.rules.find((r) => r.id === 'record.write')!.afterDays, [2, 7]);
      assert.equal(res.body.rules.find((r) => r.id === 'contract.sign')!.audience, 'line_manager');
      assert.equal((await getJson(`${app.baseUrl}/api/admin/reminders/rules`, tokens['trainee'])).status, 404);
    });

    it('saves a change with the version read, refuses a stale version, and keeps services apart', async () => {
      const first = (await getJson<ReminderRulesView>(`${app.baseUrl}/api/admin/reminders/rules`, tokens['admin'])).body;
      const change = { rules: { 'record.write': { enabled: true, afterDays: [1, 3], thenEveryDays: 7 } } };
      const ok = await send<ReminderRulesView>('admin', 'PUT /api/admin/reminders/rules', { body: change, headers: { 'If-Match': first.etag } });
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.body.rules.find((r) => r.id === 'record.write')!.afterDays, [1, 3]);
      assert.notEqual(ok.body.etag, first.etag);
      const stale = await send('admin', 'PUT /api/admin/reminders/rules', { body: { rules: { 'record.write': { enabled: false, afterDays: [2], thenEveryDays: null } } }, headers: { 'If-Match': first.etag } });
      assert.equal(stale.status, 409);
      const now2 = (await getJson<ReminderRulesView>(`${app.baseUrl}/api/admin/reminders/rules`, tokens['admin'])).body;
      assert.equal(now2.rules.find((r) => r.id === 'record.write')!.enabled, true, 'the stale change was not written');
      const second = await send<ReminderRulesView>('admin', 'PUT /api/admin/reminders/rules', { body: { rules: { 'record.write': { enabled: true, afterDays: [1, 4], thenEveryDays: null } } }, headers: { 'If-Match': now2.etag } });
      assert.equal(second.status, 200);
      assert.equal(second.body.rules.find((r) => r.id === 'record.write')!.thenEveryDays, null);
      const other = (await getJson<ReminderRulesView>(`${app.baseUrl}/api/admin/reminders/rules`, tokens['other'])).body;
      assert.deepEqual(other.rules.find((r) => r.id === 'record.write')!.afterDays, [2, 7], 'the other service keeps its defaults');
      const notAdmin = await send('trainee', 'PUT /api/admin/reminders/rules', { body: change, headers: { 'If-Match': first.etag } });
      assert.equal(notAdmin.status, 404);
      const noVersion = await send('admin', 'PUT /api/admin/reminders/rules', { body: change });
      assert.equal(noVersion.status, 400);
    });

    it('refuses bad rules with every problem listed', async () => {
      const view = (await getJson<ReminderRulesView>(`${app.baseUrl}/api/admin/reminders/rules`, tokens['admin'])).body;
      const bad = await send<{ error: { details: string[] } }>('admin', 'PUT /api/admin/reminders/rules', { body: { rules: { 'record.write': { enabled: true, afterDays: [5, 2], thenEveryDays: 0 }, 'record.cosign': { enabled: true, afterDays: [], thenEveryDays: null }, 'no.such': { enabled: true, afterDays: [1], thenEveryDays: null } } }, headers: { 'If-Match': view.etag } });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.details.some((d) => /no\.such/.test(d)));
      const bad2 = await send<{ error: { details: string[] } }>('admin', 'PUT /api/admin/reminders/rules', { body: { rules: { 'record.write': { enabled: true, afterDays: [5, 2], thenEveryDays: 0 }, 'record.cosign': { enabled: true, afterDays: [], thenEveryDays: null } } }, headers: { 'If-Match': view.etag } });
      assert.equal(bad2.status, 400);
      const details = bad2.body.error.details.join(' ');
      assert.match(details, /record\.write: reminder days must go up/);
      assert.match(details, /record\.write: repeat every 1 to 90 days/);
      assert.match(details, /record\.cosign: give 1 to 12 reminder days/);
    });

    it('previews a rule’s card as Adaptive Card JSON with sample data', async () => {
      const res = await getJson<ReminderPreview>(`${app.baseUrl}/api/admin/reminders/preview/record.cosign`, tokens['admin']);
      assert.equal(res.status, 200);
      assert.equal(res.body.card.type, 'AdaptiveCard');
      assert.match(JSON.stringify(res.body.card), /co-sign/);
      assert.equal((await getJson(`${app.baseUrl}/api/admin/reminders/preview/no.such`, tokens['admin'])).status, 404);
      assert.equal((await getJson(`${app.baseUrl}/api/admin/reminders/preview/record.write`, tokens['trainee'])).status, 404);
    });
  });

  describe('my reminders', () => {
    it('tells the trainee what they will be reminded of, and when', async () => {
      const res = await getJson<MyReminders>(`${app.baseUrl}/api/me/reminders`, tokens['trainee']);
      assert.equal(res.status, 200);
      assert.equal(res.body.zone, 'Europe/London');
      const seeded = res.body.upcoming.find((u) => u.what.includes(new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10)));
      assert.ok(seeded, 'the session without a record is listed');
      assert.equal(seeded.ruleId, 'record.write');
      assert.ok(seeded.at, 'with a time');
      // The second trainee sees nothing of Alex's.
      const megan = await getJson<MyReminders>(`${app.baseUrl}/api/me/reminders`, tokens['second']);
      assert.ok(!megan.body.upcoming.some((u) => u.what.includes(seeded.what)));
    });

    it('changes the person’s own preferences, validating the time zone', async () => {
      const ok = await send<MyReminders>('trainee', 'PUT /api/me/reminders/preferences', { body: { zone: 'America/New_York', startMinute: 8 * 60, endMinute: 16 * 60, weekends: true } });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.zone, 'America/New_York');
      assert.deepEqual(ok.body.preferences, { zone: 'America/New_York', startMinute: 480, endMinute: 960, weekends: true });
      const bad = await send<{ error: { details: string[] } }>('trainee', 'PUT /api/me/reminders/preferences', { body: { zone: 'Mars/Olympus', startMinute: 600, endMinute: 500, weekends: false } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details.length, 2);
      const megan = await getJson<MyReminders>(`${app.baseUrl}/api/me/reminders`, tokens['second']);
      assert.equal(megan.body.zone, 'Europe/London', 'another person’s preferences are unchanged');
    });

    it('unmutes only one’s own mute', async () => {
      await store.mutes.create({ personId: idOf('trainee'), ruleId: 'record.returned', mutedAt: now.toISOString() });
      const mine = await getJson<MyReminders>(`${app.baseUrl}/api/me/reminders`, tokens['trainee']);
      assert.deepEqual(mine.body.mutes.map((m) => m.ruleId), ['record.returned']);
      // Megan cannot remove Alex's mute: she has none of her own, and Alex's stays.
      const theirs = await send('second', 'DELETE /api/me/reminders/mutes/record.returned');
      assert.equal(theirs.status, 404, JSON.stringify(theirs.body));
      assert.ok(await store.mutes.get({ partition: idOf('trainee'), id: 'record.returned' }));
      const ok = await send<MyReminders>('trainee', 'DELETE /api/me/reminders/mutes/record.returned');
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.body.mutes, []);
      assert.equal((await send('trainee', 'DELETE /api/me/reminders/mutes/record.returned')).status, 404);
    });

    it('cancels only one’s own snoozes', async () => {
      const until = new Date(now.getTime() + 3 * 86_400_000).toISOString();
      await store.snoozes.create({ personId: idOf('trainee'), ruleId: 'record.write', subject: 'record:demo-0001:seed-session', until });
      const mine = await getJson<MyReminders>(`${app.baseUrl}/api/me/reminders`, tokens['trainee']);
      assert.equal(mine.body.snoozes.length, 1);
      assert.ok(mine.body.upcoming.some((u) => u.state === 'snoozed' && u.at === until));
      assert.equal((await send('second', 'DELETE /api/me/reminders/snoozes/record.write')).status, 404);
      const ok = await send<MyReminders>('trainee', 'DELETE /api/me/reminders/snoozes/record.write');
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.body.snoozes, []);
    });
  });
});
