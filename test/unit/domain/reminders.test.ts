import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { dueReminders, noReminderFacts, openSubjects, unanchoredSubjects, type DueInput, type ReminderFacts } from '../../../src/domain/reminders/due';
import { defaultReminderRules, occurrenceIndex, reminderRuleIds, reminderRuleLabels, reminderRuleProblems, withDefaultRules } from '../../../src/domain/reminders/rules';
import type { SupervisionRecord } from '../../../src/domain/supervision-record';
import type { PlannedSupervision } from '../../../src/domain/scheduling/planned-supervision';
import type { Contract } from '../../../src/domain/contract';
import { cases as someCases, clientCase, cycles, enrolment, lineManagerId, sessions as someSessions, signOff, supervisorId, traineeId } from '../../fakes/domain-builders';
import { avigukPreset } from '../../../src/domain/pathway';
import { addDays } from '../../../src/domain/dates';
import { adminId, reminderFacts } from '../../fakes/reminders';

/** One enrolment whose contract is signed: nothing to remind of until a test adds something. */
const none: ReminderFacts = { ...noReminderFacts, enrolments: [enrolment()], contracts: [reminderFacts.activeContract()] };
const input = (facts: Partial<ReminderFacts>, now: string, extra: Partial<DueInput> = {}): DueInput => ({
  facts: { ...none, ...facts },
  rules: new Map(),
  now,
  defaultZone: 'Europe/London',
  people: new Map(),
  snoozes: [],
  mutes: [],
  sent: [],
  firstSeen: new Map(),
  ...extra,
});
const session = (id: string, heldOn: string) => ({ id, enrolmentId: 'enrolment-1', heldOn, minutes: 60, mode: 'teams' as const, caseIds: [], clipIds: [] });
const record = (sessionId: string, state: SupervisionRecord['state']): SupervisionRecord => ({
  id: sessionId,
  enrolmentId: 'enrolment-1',
  sessionId,
  revision: 2,
  content: { learningQuestion: 'q', whatWasWorking: 'w', principles: ['being_attentive'], learningPoints: 'l', nextSteps: 'n', consentConfirmed: true },
  vocabulary: { id: 'v', version: 1 },
  state,
});
const asSent = (o: ReturnType<typeof dueReminders>) => o.map((x) => ({ key: x.key, personId: x.personId, ruleId: x.ruleId, localDate: x.localDate, itemKeys: x.itemKeys }));

// 2026-06-01 is a Monday; 10:00 in London is 09:00 UTC (summer time).
describe('Unit › reminders', () => {
  describe('rules', () => {
    it('has default rules without problems', () => {
      assert.deepEqual(reminderRuleProblems(defaultReminderRules), []);
    });
    it('refuses days that do not go up, and a repeat of 0', () => {
      const rules = { ...defaultReminderRules, 'record.write': { enabled: true, afterDays: [7, 2], thenEveryDays: 0 } };
      assert.equal(reminderRuleProblems(rules).length, 2);
    });
    it('labels every rule for people, with its audience', () => {
      assert.deepEqual(Object.keys(reminderRuleLabels).sort(), [...reminderRuleIds].sort());
      assert.deepEqual(Object.keys(defaultReminderRules).sort(), [...reminderRuleIds].sort());
      for (const id of reminderRuleIds) assert.ok(reminderRuleLabels[id].label.length > 3, id);
      assert.equal(reminderRuleLabels['admin.undeliverable'].audience, 'admin');
    });
    it('merges a service’s stored rules over the defaults (a rule added later gets its default)', () => {
      const old = { 'record.write': { enabled: false, afterDays: [3], thenEveryDays: null } };
      const merged = withDefaultRules(old);
      assert.deepEqual(merged['record.write'], old['record.write']);
      assert.deepEqual(merged['contract.draft'], defaultReminderRules['contract.draft']);
      assert.deepEqual(reminderRuleProblems(merged), []);
    });
    it('counts the latest occurrence only, then every N days', () => {
      const rule = { enabled: true, afterDays: [2], thenEveryDays: 7 };
      assert.equal(occurrenceIndex(rule, 1), null);
      assert.equal(occurrenceIndex(rule, 2), 0);
      assert.equal(occurrenceIndex(rule, 8), 0);
      assert.equal(occurrenceIndex(rule, 9), 1);
      assert.equal(occurrenceIndex(rule, 30), 4);
    });
  });

  describe('dueReminders', () => {
    it('reminds the trainee to write the record two days after the session, in working hours', () => {
      const due = dueReminders(input({ sessions: [session('s1', '2026-05-29')] }, '2026-06-01T09:00:00.000Z'));
      assert.equal(due.length, 1);
      assert.equal(due[0]!.personId, traineeId);
      assert.equal(due[0]!.ruleId, 'record.write');
      assert.equal(due[0]!.key, 'record.write|record:enrolment-1:s1|0');
      // Day 2 was Sunday 31 May: due at Monday's start of working hours.
      assert.equal(due[0]!.dueAt, '2026-06-01T08:00:00.000Z');
    });

    it('says nothing before the day, outside working hours or at weekends', () => {
      const s = [session('s1', '2026-05-28')];
      assert.equal(dueReminders(input({ sessions: s }, '2026-05-29T09:00:00.000Z')).length, 0, 'day 1');
      assert.equal(dueReminders(input({ sessions: s }, '2026-05-30T09:00:00.000Z')).length, 0, 'Saturday');
      assert.equal(dueReminders(input({ sessions: s }, '2026-06-01T06:59:00.000Z')).length, 0, 'Monday 07:59 in London');
      assert.equal(dueReminders(input({ sessions: s }, '2026-06-01T16:00:00.000Z')).length, 0, 'Monday 17:00 in London');
      assert.equal(dueReminders(input({ sessions: s }, '2026-05-30T09:00:00.000Z', { people: new Map([[traineeId, { weekends: true }]]) })).length, 1, 'weekends asked for');
    });

    it('works in the person’s own time zone', () => {
      const people = new Map([[traineeId, { zone: 'America/New_York' }]]);
      const s = [session('s1', '2026-05-28')];
      assert.equal(dueReminders(input({ sessions: s }, '2026-06-01T09:00:00.000Z', { people })).length, 0, '05:00 in New York');
      assert.equal(dueReminders(input({ sessions: s }, '2026-06-01T14:00:00.000Z', { people })).length, 1, '10:00 in New York');
    });

    it('reminds again at 7 days, once, and never for the same occurrence twice', () => {
      const s = [session('s1', '2026-05-25')];
      const first = dueReminders(input({ sessions: s }, '2026-05-27T09:00:00.000Z'));
      assert.equal(first.length, 1);
      assert.equal(dueReminders(input({ sessions: s }, '2026-05-28T09:00:00.000Z', { sent: asSent(first) })).length, 0);
      const again = dueReminders(input({ sessions: s }, '2026-06-01T09:00:00.000Z', { sent: asSent(first) }));
      assert.deepEqual(again.map((o) => o.key), ['record.write|record:enrolment-1:s1|1']);
      assert.equal(dueReminders(input({ sessions: s }, '2026-06-15T09:00:00.000Z', { sent: asSent([...first, ...again]) })).length, 0);
    });

    it('says nothing once the record is written', () => {
      const due = dueReminders(input({ sessions: [session('s1', '2026-05-25')], records: [record('s1', { status: 'awaiting_cosign', submittedAt: '2026-05-31T09:00:00.000Z' })] }, '2026-06-01T09:00:00.000Z'));
      assert.deepEqual(due.map((o) => o.ruleId), []);
    });

    it('reminds after a booked supervision ended, keeping its key when the session is logged', () => {
      const planned: PlannedSupervision = reminderFacts.planned({ id: 'p1', start: '2026-05-28T09:00:00.000Z', end: '2026-05-28T10:00:00.000Z' });
      const due = dueReminders(input({ planned: [planned] }, '2026-06-01T09:00:00.000Z'));
      assert.deepEqual(due.map((o) => o.key), ['record.write|planned:enrolment-1:p1|0']);
      const logged = { ...planned, state: { status: 'recorded' as const, eventId: 'ev', sessionId: 's9', at: '2026-06-01T09:30:00.000Z' } };
      const later = dueReminders(input({ planned: [logged], sessions: [session('s9', '2026-05-28')] }, '2026-06-01T10:00:00.000Z', { sent: asSent(due) }));
      assert.deepEqual(later, [], 'the same occurrence, already sent');
    });

    it('tells the trainee the day before a booked supervision, and only then', () => {
      const planned = reminderFacts.planned({ id: 'p2', start: '2026-06-03T09:00:00.000Z', end: '2026-06-03T10:00:00.000Z' });
      assert.deepEqual(dueReminders(input({ planned: [planned] }, '2026-06-02T09:00:00.000Z')).map((o) => o.ruleId), ['supervision.tomorrow']);
      assert.deepEqual(dueReminders(input({ planned: [planned] }, '2026-06-01T09:00:00.000Z')), []);
      assert.deepEqual(dueReminders(input({ planned: [planned] }, '2026-06-03T08:00:00.000Z')), [], 'not on the day itself');
    });

    it('sends the supervisor one digest of every record waiting to be co-signed', () => {
      const records = [record('s1', { status: 'awaiting_cosign', submittedAt: '2026-05-27T09:00:00.000Z' }), record('s2', { status: 'awaiting_cosign', submittedAt: '2026-05-28T09:00:00.000Z' })];
      const sessions = [session('s1', '2026-05-26'), session('s2', '2026-05-27')];
      const due = dueReminders(input({ records, sessions }, '2026-06-01T09:00:00.000Z'));
      assert.equal(due.length, 1);
      assert.equal(due[0]!.personId, supervisorId);
      assert.equal(due[0]!.key, `record.cosign|digest|${supervisorId}|2026-06-01`);
      assert.equal(due[0]!.items.length, 2);
      assert.equal(due[0]!.itemKeys.length, 2);
    });

    it('sends at most one card per person per rule per day, as a digest', () => {
      const sessions = [session('s1', '2026-05-25'), session('s2', '2026-05-28')];
      const due = dueReminders(input({ sessions }, '2026-06-01T09:00:00.000Z'));
      assert.equal(due.length, 1);
      assert.equal(due[0]!.items.length, 2);
      // A third session becomes due later the same day: it waits until tomorrow.
      const more = [...sessions, session('s3', '2026-05-30')];
      assert.deepEqual(dueReminders(input({ sessions: more }, '2026-06-01T15:00:00.000Z', { sent: asSent(due) })), []);
      assert.equal(dueReminders(input({ sessions: more }, '2026-06-02T09:00:00.000Z', { sent: asSent(due) })).length, 1);
    });

    it('reminds the trainee of a returned record', () => {
      const due = dueReminders(input({ sessions: [session('s1', '2026-05-20')], records: [record('s1', { status: 'returned', submittedAt: 'x', returnedAt: '2026-05-29T09:00:00.000Z', comment: 'More' })] }, '2026-06-01T09:00:00.000Z'));
      assert.deepEqual(due.map((o) => [o.ruleId, o.personId]), [['record.returned', traineeId]]);
    });

    it('reminds the line manager of a contract waiting for their signature, then weekly', () => {
      const contract: Contract = reminderFacts.contract({ signatures: { trainee: '2026-05-20T09:00:00.000Z' } });
      const first = dueReminders(input({ contracts: [contract] }, '2026-06-01T09:00:00.000Z'));
      assert.deepEqual(first.map((o) => [o.ruleId, o.personId, o.key]), [['contract.sign', lineManagerId, 'contract.sign|contract:enrolment-1:1|1']]);
      assert.equal(dueReminders(input({ contracts: [contract] }, '2026-06-04T09:00:00.000Z', { sent: asSent(first) })).length, 0);
      assert.equal(dueReminders(input({ contracts: [contract] }, '2026-06-05T09:00:00.000Z', { sent: asSent(first) })).length, 1);
      const signed = reminderFacts.contract({ signatures: { trainee: '2026-05-20T09:00:00.000Z', line_manager: '2026-06-02T09:00:00.000Z' } });
      assert.equal(dueReminders(input({ contracts: [signed] }, '2026-06-08T09:00:00.000Z')).length, 0);
    });

    it('anchors a contract nobody signed yet at when Attune first saw it', () => {
      const contract = reminderFacts.contract({ signatures: {} });
      assert.deepEqual(unanchoredSubjects({ ...none, contracts: [contract] }, { now: '2026-06-01T09:00:00.000Z', firstSeen: new Map() }), ['contract:enrolment-1:1']);
      const firstSeen = new Map([['contract:enrolment-1:1', '2026-05-28T09:00:00.000Z']]);
      assert.equal(dueReminders(input({ contracts: [contract] }, '2026-06-01T09:00:00.000Z')).length, 0);
      assert.equal(dueReminders(input({ contracts: [contract] }, '2026-06-01T09:00:00.000Z', { firstSeen })).length, 1);
    });

    it('reminds the trainee of a draft contract a week after Attune first saw it, then weekly, and stops once it is sent', () => {
      const draft = reminderFacts.draftContract();
      assert.deepEqual(unanchoredSubjects({ ...none, contracts: [draft] }, { now: '2026-06-01T09:00:00.000Z', firstSeen: new Map() }), ['contract:enrolment-1:1:draft']);
      const firstSeen = new Map([['contract:enrolment-1:1:draft', '2026-06-01T09:00:00.000Z']]);
      assert.deepEqual(dueReminders(input({ contracts: [draft] }, '2026-06-05T09:00:00.000Z', { firstSeen })), [], 'day 4');
      const first = dueReminders(input({ contracts: [draft] }, '2026-06-08T09:00:00.000Z', { firstSeen }));
      assert.deepEqual(first.map((o) => [o.ruleId, o.personId, o.key]), [['contract.draft', traineeId, 'contract.draft|contract:enrolment-1:1:draft|0']]);
      assert.equal(dueReminders(input({ contracts: [draft] }, '2026-06-08T07:59:00.000Z', { firstSeen })).length, 0, '08:59 in London');
      assert.equal(dueReminders(input({ contracts: [draft] }, '2026-06-12T09:00:00.000Z', { firstSeen, sent: asSent(first) })).length, 0);
      assert.deepEqual(dueReminders(input({ contracts: [draft] }, '2026-06-15T09:00:00.000Z', { firstSeen, sent: asSent(first) })).map((o) => o.key), ['contract.draft|contract:enrolment-1:1:draft|1']);
      const sent = reminderFacts.contract({ signatures: {} });
      assert.deepEqual(dueReminders(input({ contracts: [sent] }, '2026-06-15T09:00:00.000Z', { firstSeen, sent: asSent(first) })).filter((o) => o.ruleId === 'contract.draft'), []);
      assert.ok(!openSubjects({ ...none, contracts: [sent] }, '2026-06-15T09:00:00.000Z').has('contract.draft|contract:enrolment-1:1:draft'), 'closes when sent');
    });

    it('reminds a trainee with no contract at all a week after the enrolment started', () => {
      const e = enrolment({ startedOn: '2026-05-25' });
      assert.deepEqual(dueReminders(input({ enrolments: [e], contracts: [] }, '2026-05-29T09:00:00.000Z')), []);
      const due = dueReminders(input({ enrolments: [e], contracts: [] }, '2026-06-01T09:00:00.000Z'));
      assert.deepEqual(due.map((o) => [o.ruleId, o.key]), [['contract.draft', 'contract.draft|contract:enrolment-1:none|0']]);
      assert.deepEqual(due[0]!.items.map((i) => i.about), [{ kind: 'contract.draft', enrolmentId: 'enrolment-1', version: null }]);
      assert.deepEqual(dueReminders(input({ enrolments: [e], contracts: [reminderFacts.contract({ signatures: {} })] }, '2026-06-01T09:00:00.000Z')), [], 'drafted and sent');
    });

    it('reminds the trainee of an unfinished upload the next working day, and stops once it is finished, abandoned or expired', () => {
      // Started on Friday afternoon: the next day is Saturday, so Monday morning.
      const u = reminderFacts.upload({ id: 'u1', startedAt: '2026-05-29T15:00:00.000Z' });
      assert.deepEqual(dueReminders(input({ uploads: [u] }, '2026-05-29T15:30:00.000Z')), [], 'the same day');
      assert.deepEqual(dueReminders(input({ uploads: [u] }, '2026-06-01T07:30:00.000Z')), [], 'Monday 08:30 in London');
      const due = dueReminders(input({ uploads: [u] }, '2026-06-01T08:00:00.000Z'));
      assert.deepEqual(due.map((o) => [o.ruleId, o.personId, o.key, o.dueAt]), [['upload.unfinished', traineeId, 'upload.unfinished|upload:enrolment-1:u1|0', '2026-06-01T08:00:00.000Z']]);
      assert.deepEqual(dueReminders(input({ uploads: [u] }, '2026-06-02T09:00:00.000Z', { sent: asSent(due) })), [], 'once');
      assert.deepEqual(dueReminders(input({ uploads: [reminderFacts.upload({ id: 'u1', startedAt: '2026-05-29T15:00:00.000Z', state: 'committed' })] }, '2026-06-01T09:00:00.000Z')), [], 'finished');
      assert.deepEqual(dueReminders(input({ uploads: [] }, '2026-06-01T09:00:00.000Z')), [], 'abandoned: the session is gone');
      const expiring = reminderFacts.upload({ id: 'u2', startedAt: '2026-05-29T15:00:00.000Z', expiresAt: '2026-06-01T06:00:00.000Z' });
      assert.deepEqual(dueReminders(input({ uploads: [expiring] }, '2026-06-01T09:00:00.000Z')), [], 'expired');
      assert.ok(!openSubjects({ ...none, uploads: [expiring] }, '2026-06-01T09:00:00.000Z').has('upload.unfinished|upload:enrolment-1:u2'));
    });

    it('tells the supervisor of a trainee with no supervision for longer than the contract’s cadence, weekly, until a session is logged', () => {
      const monthly = reminderFacts.activeContract({ terms: { startsOn: '2026-04-01', supervisionCadence: 'monthly' } });
      const s = [session('s1', '2026-05-04')];
      // A month after 4 May is 4 June (a Thursday); "longer than" is the day after.
      assert.deepEqual(dueReminders(input({ contracts: [monthly], sessions: s, records: [record('s1', { status: 'cosigned', submittedAt: 'x', cosignedAt: 'y', comment: null })] }, '2026-06-04T09:00:00.000Z')), []);
      const facts = { contracts: [monthly], sessions: s, records: [record('s1', { status: 'cosigned', submittedAt: 'x', cosignedAt: 'y', comment: null })] };
      const due = dueReminders(input(facts, '2026-06-05T09:00:00.000Z'));
      assert.deepEqual(due.map((o) => [o.ruleId, o.personId, o.key, o.dueAt]), [['supervision.overdue', supervisorId, 'supervision.overdue|overdue:enrolment-1:2026-05-04|0', '2026-06-05T08:00:00.000Z']]);
      assert.deepEqual(due[0]!.items[0]!.about, { kind: 'supervision.overdue', enrolmentId: 'enrolment-1', traineeId, lastOn: '2026-05-04', fromOn: '2026-05-04', cadence: 'monthly' });
      assert.deepEqual(dueReminders(input(facts, '2026-06-11T09:00:00.000Z', { sent: asSent(due) })), []);
      assert.deepEqual(dueReminders(input(facts, '2026-06-12T09:00:00.000Z', { sent: asSent(due) })).map((o) => o.key), ['supervision.overdue|overdue:enrolment-1:2026-05-04|1']);
      // A session logged: the old gap is closed; the new one runs a month from it.
      const logged = { ...facts, sessions: [...s, session('s2', '2026-06-08')] };
      assert.ok(!openSubjects({ ...none, ...logged }, '2026-06-12T09:00:00.000Z').has('supervision.overdue|overdue:enrolment-1:2026-05-04'));
      assert.deepEqual(dueReminders(input(logged, '2026-06-12T09:00:00.000Z', { sent: asSent(due) })).filter((o) => o.ruleId === 'supervision.overdue'), []);
    });

    it('counts a fortnightly cadence from the contract’s start when nothing was held, and says nothing once supervision is booked', () => {
      const fortnightly = reminderFacts.activeContract({ terms: { startsOn: '2026-05-15', supervisionCadence: 'fortnightly' } });
      assert.deepEqual(dueReminders(input({ contracts: [fortnightly] }, '2026-05-29T09:00:00.000Z')), [], 'a fortnight exactly');
      const due = dueReminders(input({ contracts: [fortnightly] }, '2026-06-01T09:00:00.000Z'));
      assert.deepEqual(due.map((o) => o.key), ['supervision.overdue|overdue:enrolment-1:2026-05-15|0']);
      assert.equal(due[0]!.items[0]!.about.kind === 'supervision.overdue' && due[0]!.items[0]!.about.lastOn, null);
      const planned = reminderFacts.planned({ id: 'p1', start: '2026-06-04T09:00:00.000Z', end: '2026-06-04T10:00:00.000Z' });
      assert.deepEqual(dueReminders(input({ contracts: [fortnightly], planned: [planned] }, '2026-06-01T09:00:00.000Z')).filter((o) => o.ruleId === 'supervision.overdue'), [], 'booked');
      assert.deepEqual(dueReminders(input({ contracts: [reminderFacts.contract({ signatures: {} })] }, '2026-06-01T09:00:00.000Z')).filter((o) => o.ruleId === 'supervision.overdue'), [], 'no active contract, no cadence agreed');
    });

    describe('service admins (always a digest)', () => {
      const services = [reminderFacts.service()];
      const ended = clientCase('c1', { endOfInvolvement: '2026-04-20' });

      it('lists clips whose retention date is within 14 days, from the day it is, and closes for a clip held or deleted', () => {
        // Kept 2 months after 20 April: deleted after 20 June; 14 days before is Saturday 6 June, so Monday.
        const later = clientCase('c3', { endOfInvolvement: '2026-05-20' });
        const facts = { services, cases: [ended, later, clientCase('open-case')], clips: [reminderFacts.clip({ id: 'k1' }), reminderFacts.clip({ id: 'k2', caseId: 'open-case' }), reminderFacts.clip({ id: 'k3', caseId: 'c3' })] };
        assert.deepEqual(dueReminders(input(facts, '2026-06-05T09:00:00.000Z')), []);
        assert.deepEqual(dueReminders(input(facts, '2026-06-06T09:00:00.000Z', { people: new Map([[adminId, { weekends: true }]]) })).map((o) => o.key), [`admin.retention_soon|digest|${adminId}|2026-06-06`], 'weekends asked for');
        const due = dueReminders(input(facts, '2026-06-08T09:00:00.000Z'));
        assert.deepEqual(due.map((o) => [o.ruleId, o.personId, o.key]), [['admin.retention_soon', adminId, `admin.retention_soon|digest|${adminId}|2026-06-08`]]);
        assert.deepEqual(due[0]!.items.map((i) => i.about), [{ kind: 'admin.retention_soon', enrolmentId: 'enrolment-1', clipId: 'k1', deleteAfter: '2026-06-20' }], 'not the clip kept until 20 July, nor one whose case is open');
        assert.deepEqual(dueReminders(input(facts, '2026-06-10T09:00:00.000Z', { sent: asSent(due) })), [], 'weekly');
        assert.equal(dueReminders(input(facts, '2026-06-15T09:00:00.000Z', { sent: asSent(due) })).length, 1);
        const held = { ...facts, clips: [reminderFacts.clip({ id: 'k1', legalHoldSince: '2026-06-09T09:00:00.000Z' })] };
        assert.deepEqual(dueReminders(input(held, '2026-06-15T09:00:00.000Z', { sent: asSent(due) })), [], 'put on hold');
        assert.ok(!openSubjects({ ...none, ...held }, '2026-06-15T09:00:00.000Z').has('admin.retention_soon|retention:enrolment-1:k1:2026-06-20'));
        assert.deepEqual(dueReminders(input({ ...facts, clips: [] }, '2026-06-15T09:00:00.000Z', { sent: asSent(due) })), [], 'deleted');
        assert.deepEqual(dueReminders(input({ ...facts, services: [reminderFacts.service({ admins: [] })] }, '2026-06-08T09:00:00.000Z')), [], 'no admin, no card');
      });

      it('lists legal holds older than a year to every admin of the service, and closes when the hold is lifted', () => {
        const two = [reminderFacts.service({ admins: [adminId, `${adminId}-2`] })];
        const facts = { services: two, clips: [reminderFacts.clip({ id: 'k1', legalHoldSince: '2025-06-01T10:00:00.000Z' }), reminderFacts.clip({ id: 'k2', legalHoldSince: '2025-09-01T10:00:00.000Z' })] };
        assert.deepEqual(dueReminders(input(facts, '2026-05-29T09:00:00.000Z')), []);
        const due = dueReminders(input(facts, '2026-06-01T09:00:00.000Z')).sort((a, b) => a.personId.localeCompare(b.personId));
        assert.deepEqual(due.map((o) => [o.ruleId, o.personId]), [['admin.legal_hold_old', adminId], ['admin.legal_hold_old', `${adminId}-2`]]);
        assert.deepEqual(due[0]!.items.map((i) => i.about), [{ kind: 'admin.legal_hold_old', enrolmentId: 'enrolment-1', clipId: 'k1', heldSince: '2025-06-01T10:00:00.000Z' }], 'the younger hold is not listed');
        assert.notEqual(due[0]!.itemKeys[0], due[1]!.itemKeys[0], 'each admin’s own occurrence');
        const lifted = { ...facts, clips: [reminderFacts.clip({ id: 'k1' })] };
        assert.ok(!openSubjects({ ...none, ...lifted }, '2026-06-02T09:00:00.000Z').has('admin.legal_hold_old|hold:enrolment-1:k1:2025-06-01T10:00:00.000Z'));
        assert.deepEqual(dueReminders(input(lifted, '2026-06-08T09:00:00.000Z', { sent: asSent(due) })).filter((o) => o.ruleId === 'admin.legal_hold_old'), []);
      });

      it('lists people Teams refuses to reach to the admins of their service, once each, until they are reachable again', () => {
        const unreachable = [{ personId: traineeId, at: '2026-06-01T10:00:00.000Z', httpStatus: 403 }];
        const facts = { services: [reminderFacts.service(), reminderFacts.service({ id: 'service-2' })], unreachable, enrolments: [enrolment(), enrolment({ id: 'enrolment-2', serviceId: 'service-2' })], contracts: [reminderFacts.activeContract(), reminderFacts.activeContract({ enrolmentId: 'enrolment-2' })] };
        assert.deepEqual(dueReminders(input(facts, '2026-06-01T09:30:00.000Z')), [], 'before it happened');
        const due = dueReminders(input(facts, '2026-06-01T10:30:00.000Z'));
        assert.deepEqual(due.map((o) => [o.ruleId, o.personId, o.items.length, o.dueAt]), [['admin.undeliverable', adminId, 1, '2026-06-01T10:00:00.000Z']]);
        assert.deepEqual(due[0]!.items[0]!.about, { kind: 'admin.undeliverable', personId: traineeId, since: '2026-06-01T10:00:00.000Z', httpStatus: 403 });
        assert.deepEqual(dueReminders(input({ ...facts, unreachable: [] }, '2026-06-08T10:30:00.000Z', { sent: asSent(due) })), [], 'reachable again');
        assert.equal(dueReminders(input(facts, '2026-06-08T10:30:00.000Z', { sent: asSent(due) })).length, 1, 'still refused: weekly');
      });
    });

    it('tells the trainee their stage meeting is due once every requirement is met, from when Attune saw it, until it is signed off', () => {
      const from = '2026-03-12';
      const work = { cases: someCases(2), cycles: [...cycles('c1', 3, from), ...cycles('c2', 3, addDays(from, 3))], sessions: someSessions(7, 60, from) };
      const facts = { ...work, enrolments: [enrolment({ startedOn: '2026-03-02' })], pathways: [avigukPreset] };
      const subject = 'stage:enrolment-1:1:meeting';
      assert.ok(unanchoredSubjects({ ...none, ...facts }, { now: '2026-06-01T09:00:00.000Z', firstSeen: new Map() }).includes(subject));
      assert.deepEqual(dueReminders(input(facts, '2026-06-01T09:00:00.000Z')).filter((o) => o.ruleId === 'stage.meeting_due'), [], 'not before it is seen');
      const firstSeen = new Map([[subject, '2026-06-01T09:00:00.000Z']]);
      const due = dueReminders(input(facts, '2026-06-01T09:00:00.000Z', { firstSeen })).filter((o) => o.ruleId === 'stage.meeting_due');
      assert.deepEqual(due.map((o) => [o.personId, o.key]), [[traineeId, `stage.meeting_due|${subject}|0`]]);
      assert.deepEqual(due[0]!.items[0]!.about, { kind: 'stage.meeting_due', enrolmentId: 'enrolment-1', stage: 1, reason: 'meeting_due', meeting: 'transition' });
      assert.deepEqual(dueReminders(input(facts, '2026-06-12T09:00:00.000Z', { firstSeen, sent: asSent(due) })).filter((o) => o.ruleId === 'stage.meeting_due'), [], 'a fortnight before the next');
      assert.equal(dueReminders(input(facts, '2026-06-15T09:00:00.000Z', { firstSeen, sent: asSent(due) })).filter((o) => o.ruleId === 'stage.meeting_due').length, 1);
      const signed = { ...facts, meetings: [signOff(1, '2026-06-03')] };
      assert.ok(!openSubjects({ ...none, ...signed }, '2026-06-04T09:00:00.000Z').has(`stage.meeting_due|${subject}`), 'signed off');
      assert.deepEqual(dueReminders(input(signed, '2026-06-15T09:00:00.000Z', { firstSeen, sent: asSent(due) })).filter((o) => o.ruleId === 'stage.meeting_due'), []);
    });

    it('tells the trainee their pathway is behind its projection (it would end after the accreditation window)', () => {
      const facts = { enrolments: [enrolment({ startedOn: '2024-09-02' })], pathways: [avigukPreset] };
      const subject = 'stage:enrolment-1:1:behind';
      const firstSeen = new Map([[subject, '2026-06-01T09:00:00.000Z']]);
      const due = dueReminders(input(facts, '2026-06-01T09:00:00.000Z', { firstSeen })).filter((o) => o.ruleId === 'stage.meeting_due');
      assert.equal(due.length, 1);
      const about = due[0]!.items[0]!.about;
      assert.ok(about.kind === 'stage.meeting_due' && about.reason === 'behind' && about.windowCloses === '2026-09-02' && about.projectedCompletion > about.windowCloses, JSON.stringify(about));
      const onTrack = { ...facts, enrolments: [enrolment({ startedOn: '2026-05-01' })] };
      assert.ok(![...openSubjects({ ...none, ...onTrack }, '2026-06-01T09:00:00.000Z')].some((k) => k.startsWith('stage.meeting_due|')), 'on track: nothing');
    });

    it('tells the supervisor of a clip shared for review two days after it was uploaded, again at 7, until they open it', () => {
      const noViewing = clientCase('c2', { consent: { ...clientCase('c2').consent, supervisor_viewing: { granted: false, recordedAt: '2026-05-01T09:00:00Z' } } });
      const facts = { cases: [clientCase('c1'), noViewing], clips: [reminderFacts.clip({ id: 'k1', uploadedAt: '2026-05-27T14:00:00.000Z' }), reminderFacts.clip({ id: 'k2', caseId: 'c2', uploadedAt: '2026-05-27T14:00:00.000Z' })] };
      assert.deepEqual(dueReminders(input(facts, '2026-05-28T14:00:00.000Z')), [], 'day 1');
      const due = dueReminders(input(facts, '2026-05-29T09:00:00.000Z'));
      assert.deepEqual(due.map((o) => [o.ruleId, o.personId, o.key, o.dueAt]), [['clip.unopened', supervisorId, 'clip.unopened|clip:enrolment-1:k1|0', '2026-05-29T08:00:00.000Z']], 'not the clip the family did not consent to a supervisor seeing');
      assert.deepEqual(dueReminders(input(facts, '2026-06-02T09:00:00.000Z', { sent: asSent(due) })), []);
      const again = dueReminders(input(facts, '2026-06-03T09:00:00.000Z', { sent: asSent(due) }));
      assert.deepEqual(again.map((o) => o.key), ['clip.unopened|clip:enrolment-1:k1|1']);
      assert.deepEqual(dueReminders(input(facts, '2026-06-17T09:00:00.000Z', { sent: asSent([...due, ...again]) })).filter((o) => o.ruleId === 'clip.unopened'), [], 'no more after 7 days');
      const opened = { ...facts, clipViews: [{ clipId: 'k1', personId: supervisorId }] };
      assert.deepEqual(dueReminders(input(opened, '2026-06-03T09:00:00.000Z', { sent: asSent(due) })), []);
      assert.ok(!openSubjects({ ...none, ...opened }, '2026-06-03T09:00:00.000Z').has('clip.unopened|clip:enrolment-1:k1'), 'opened closes it');
      const byOthers = { ...facts, clipViews: [{ clipId: 'k1', personId: traineeId }] };
      assert.equal(dueReminders(input(byOthers, '2026-06-03T09:00:00.000Z', { sent: asSent(due) })).length, 1, 'the trainee watching it is not the supervisor opening it');
      assert.ok(![...openSubjects({ ...none, ...facts }, '2026-06-30T09:00:00.000Z')].some((k) => k.startsWith('clip.unopened|')), 'older than 30 days: not chased');
    });

    it('tells the line manager when a report with protected time has recorded no practice for three weeks, until something is', () => {
      const contract = reminderFacts.activeContract({ terms: { startsOn: '2026-04-01', protectedMinutesPerWeek: 120 } });
      const cosigned = record('s1', { status: 'cosigned', submittedAt: 'x', cosignedAt: 'y', comment: null });
      const facts = { contracts: [contract], sessions: [session('s1', '2026-05-08')], records: [cosigned], planned: [reminderFacts.planned({ id: 'p1', start: '2026-07-01T09:00:00.000Z', end: '2026-07-01T10:00:00.000Z' })] };
      const only = (due: ReturnType<typeof dueReminders>) => due.filter((o) => o.ruleId === 'protected_time.unused');
      // Three weeks after Friday 8 May is Friday 29 May.
      assert.deepEqual(only(dueReminders(input(facts, '2026-05-28T09:00:00.000Z'))), []);
      const due = only(dueReminders(input(facts, '2026-05-29T09:00:00.000Z')));
      assert.deepEqual(due.map((o) => [o.personId, o.key]), [[lineManagerId, 'protected_time.unused|protected:enrolment-1:2026-05-08|0']]);
      assert.deepEqual(due[0]!.items[0]!.about, { kind: 'protected_time.unused', enrolmentId: 'enrolment-1', traineeId, lastOn: '2026-05-08', protectedMinutesPerWeek: 120 });
      assert.deepEqual(only(dueReminders(input(facts, '2026-06-11T09:00:00.000Z', { sent: asSent(due) }))), [], 'a fortnight before the next');
      assert.equal(only(dueReminders(input(facts, '2026-06-12T09:00:00.000Z', { sent: asSent(due) }))).length, 1);
      const filmed = { ...facts, cycles: [{ id: 'y1', enrolmentId: 'enrolment-1', caseId: 'c1', filmedOn: '2026-06-01' }] };
      assert.ok(!openSubjects({ ...none, ...filmed }, '2026-06-02T09:00:00.000Z').has('protected_time.unused|protected:enrolment-1:2026-05-08'), 'filming closes it');
      assert.deepEqual(only(dueReminders(input(filmed, '2026-06-12T09:00:00.000Z', { sent: asSent(due) }))), []);
      const none0 = { ...facts, contracts: [reminderFacts.activeContract({ terms: { startsOn: '2026-04-01', protectedMinutesPerWeek: 0 } })] };
      assert.deepEqual(only(dueReminders(input(none0, '2026-06-12T09:00:00.000Z'))), [], 'no protected time agreed');
    });

    it('honours mutes and switched-off rules', () => {
      const s = [session('s1', '2026-05-25')];
      assert.equal(dueReminders(input({ sessions: s }, '2026-06-01T09:00:00.000Z', { mutes: [{ personId: traineeId, ruleId: 'record.write' }] })).length, 0);
      const rules = new Map([['service-1', { ...defaultReminderRules, 'record.write': { ...defaultReminderRules['record.write'], enabled: false } }]]);
      assert.equal(dueReminders(input({ sessions: s }, '2026-06-01T09:00:00.000Z', { rules })).length, 0);
    });

    it('keeps a snoozed item quiet until the snooze ends, then reminds once more', () => {
      const s = [session('s1', '2026-05-28')];
      const first = dueReminders(input({ sessions: s }, '2026-06-01T09:00:00.000Z'));
      const snoozes = [{ personId: traineeId, ruleId: 'record.write' as const, subject: 'record:enrolment-1:s1', until: '2026-06-02T08:00:00.000Z' }];
      assert.equal(dueReminders(input({ sessions: s }, '2026-06-01T12:00:00.000Z', { sent: asSent(first), snoozes })).length, 0);
      const woke = dueReminders(input({ sessions: s }, '2026-06-02T09:00:00.000Z', { sent: asSent(first), snoozes }));
      assert.equal(woke.length, 1);
      assert.match(woke[0]!.key, /~2026-06-02T08:00:00.000Z$/);
      assert.equal(dueReminders(input({ sessions: s }, '2026-06-02T10:00:00.000Z', { sent: asSent([...first, ...woke]), snoozes })).length, 0);
    });

    it('lists what is still open, so cards about anything else are done', () => {
      const open = openSubjects({ ...none, sessions: [session('s1', '2026-05-25'), session('s2', '2026-05-25')], records: [record('s2', { status: 'cosigned', submittedAt: 'x', cosignedAt: 'y', comment: null })] }, '2026-06-01T09:00:00.000Z');
      assert.deepEqual([...open].filter((k) => k.startsWith('record.')), ['record.write|record:enrolment-1:s1']);
    });
  });
});
