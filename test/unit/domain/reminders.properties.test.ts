// Properties of dueReminders over random records, clocks, zones, snoozes and mutes.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { dueReminders, noReminderFacts, openKey, openSubjects, type DueInput, type ReminderFacts, type SentReminder, type Snooze } from '../../../src/domain/reminders/due';
import { reminderRuleIds, type ReminderRuleId } from '../../../src/domain/reminders/rules';
import type { SupervisionRecord } from '../../../src/domain/supervision-record';
import { addDays } from '../../../src/domain/dates';
import { avigukPreset } from '../../../src/domain/pathway';
import { progress } from '../../../src/domain/progress';
import { clientCase, enrolment, supervisorId, traineeId } from '../../fakes/domain-builders';
import { reminderFacts } from '../../fakes/reminders';

const numRuns = 150;
const hour = 3_600_000;
const base = Date.UTC(2026, 2, 2, 0, 0, 0);

const factsArb: fc.Arbitrary<ReminderFacts> = fc
  .record({
    sessions: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 8 }).map((n) => `s${n}`), day: fc.integer({ min: 0, max: 40 }) }), { selector: (s) => s.id, maxLength: 6 }),
    records: fc.array(fc.record({ session: fc.integer({ min: 1, max: 8 }).map((n) => `s${n}`), status: fc.constantFrom('awaiting_cosign', 'returned', 'cosigned'), day: fc.integer({ min: 0, max: 40 }) }), { maxLength: 6 }),
    planned: fc.array(fc.record({ id: fc.integer({ min: 1, max: 5 }).map((n) => `p${n}`), hours: fc.integer({ min: 0, max: 60 * 24 }) }), { maxLength: 4 }),
    contract: fc.option(fc.record({ signed: fc.boolean(), managerSigned: fc.boolean(), day: fc.integer({ min: 0, max: 40 }) })),
    draft: fc.boolean(),
    active: fc.option(fc.record({ cadence: fc.constantFrom('fortnightly' as const, 'monthly' as const), startDay: fc.integer({ min: -30, max: 30 }), protectedMinutes: fc.constantFrom(0, 120, 240) })),
    clips: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 5 }).map((n) => `k${n}`), ended: fc.option(fc.integer({ min: -90, max: 40 })), heldDay: fc.option(fc.integer({ min: -400, max: 40 })), opened: fc.boolean() }), { selector: (c) => c.id, maxLength: 4 }),
    onPathway: fc.boolean(),
    unreachableDay: fc.option(fc.integer({ min: 0, max: 60 })),
    uploads: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 5 }).map((n) => `u${n}`), hours: fc.integer({ min: 0, max: 60 * 24 }), ttlHours: fc.integer({ min: 1, max: 24 * 10 }), committed: fc.boolean() }), { selector: (u) => u.id, maxLength: 4 }),
  })
  .map(({ sessions, records, planned, contract, draft, active, uploads, clips, unreachableDay, onPathway }) => {
    const iso = (d: number): string => new Date(base + d * 24 * hour).toISOString();
    const seen = new Set<string>();
    const recs: SupervisionRecord[] = [];
    for (const r of records) {
      if (seen.has(r.session)) continue;
      seen.add(r.session);
      const at = iso(r.day);
      const state: SupervisionRecord['state'] = r.status === 'awaiting_cosign' ? { status: r.status, submittedAt: at } : r.status === 'returned' ? { status: r.status, submittedAt: at, returnedAt: at, comment: 'c' } : { status: r.status, submittedAt: at, cosignedAt: at, comment: null };
      recs.push({ id: r.session, enrolmentId: 'enrolment-1', sessionId: r.session, revision: 1, content: { learningQuestion: 'q', whatWasWorking: 'w', principles: [], learningPoints: 'l', nextSteps: 'n', consentConfirmed: true }, vocabulary: { id: 'v', version: 1 }, state });
    }
    const uniquePlanned = [...new Map(planned.map((p) => [p.id, p])).values()];
    return {
      ...noReminderFacts,
      enrolments: [enrolment()],
      sessions: sessions.map((s) => ({ id: s.id, enrolmentId: 'enrolment-1', heldOn: addDays('2026-03-02', s.day), minutes: 60, mode: 'teams' as const, caseIds: [], clipIds: [] })),
      records: recs,
      planned: uniquePlanned.map((p) => reminderFacts.planned({ id: p.id, start: new Date(base + p.hours * hour).toISOString(), end: new Date(base + (p.hours + 1) * hour).toISOString() })),
      // No contract at all, a draft, or one sent for signatures.
      contracts: active ? [reminderFacts.activeContract({ terms: { startsOn: addDays('2026-03-02', active.startDay), supervisionCadence: active.cadence, protectedMinutesPerWeek: active.protectedMinutes } })] : contract ? [reminderFacts.contract({ signatures: { ...(contract.signed ? { trainee: iso(contract.day) } : {}), ...(contract.managerSigned ? { line_manager: iso(contract.day) } : {}) } })] : draft ? [reminderFacts.draftContract()] : [],
      services: [reminderFacts.service()],
      pathways: onPathway ? [avigukPreset] : [],
      // Each clip in its own case: ended on a day around the walk (or still open), and perhaps on hold since a day.
      cases: clips.map((c) => clientCase(`case-${c.id}`, c.ended === null ? {} : { endOfInvolvement: addDays('2026-01-02', c.ended) })),
      clips: clips.map((c) => reminderFacts.clip({ id: c.id, caseId: `case-${c.id}`, ...(c.heldDay === null ? {} : { legalHoldSince: iso(c.heldDay) }) })),
      clipViews: clips.filter((c) => c.opened).map((c) => ({ clipId: c.id, personId: supervisorId })),
      unreachable: unreachableDay === null ? [] : [{ personId: traineeId, at: iso(unreachableDay), httpStatus: 403 }],
      uploads: uploads.map((u) => {
        const startedAt = new Date(base + u.hours * hour).toISOString();
        return reminderFacts.upload({ id: u.id, startedAt, expiresAt: new Date(base + (u.hours + u.ttlHours) * hour).toISOString(), state: u.committed ? 'committed' : 'open' });
      }),
    };
  });

const optionsArb = fc.record({
  zone: fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Kolkata'),
  weekends: fc.boolean(),
  muted: fc.subarray([...reminderRuleIds]),
  snoozeHours: fc.option(fc.integer({ min: 1, max: 24 * 7 })),
});

/** Hourly clock steps from `base`, across several weeks. */
const stepsArb = fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 40 });

type Options = { readonly zone: string; readonly weekends: boolean; readonly muted: readonly ReminderRuleId[]; readonly snoozeHours: number | null };

/** A snooze, when drawn, on every session's record reminder: quiet until then, then once more. */
const snoozesOf = (facts: ReminderFacts, o: Options): Snooze[] =>
  o.snoozeHours === null ? [] : facts.sessions.map((s) => ({ personId: traineeId, ruleId: 'record.write', subject: `record:enrolment-1:${s.id}`, until: new Date(base + 20 * 24 * hour + o.snoozeHours! * hour).toISOString() }));

const inputAt = (facts: ReminderFacts, o: Options, at: { ms: number; sent: SentReminder[] }): DueInput => ({
  facts,
  rules: new Map(),
  now: new Date(at.ms).toISOString(),
  defaultZone: 'Europe/London',
  people: new Map([[traineeId, { zone: o.zone, weekends: o.weekends }]]),
  snoozes: snoozesOf(facts, o),
  mutes: o.muted.map((ruleId) => ({ personId: traineeId, ruleId })),
  sent: at.sent,
  firstSeen: new Map([
    ['contract:enrolment-1:1', new Date(base).toISOString()],
    ['contract:enrolment-1:1:draft', new Date(base).toISOString()],
    ['stage:enrolment-1:1:meeting', new Date(base).toISOString()],
    ['stage:enrolment-1:1:behind', new Date(base).toISOString()],
  ]),
});
const record = (due: ReturnType<typeof dueReminders>): SentReminder[] => due.map((o) => ({ key: o.key, personId: o.personId, ruleId: o.ruleId, localDate: o.localDate, itemKeys: o.itemKeys }));

describe('Unit › reminders (properties)', () => {
  it('never makes an occurrence due twice, walking the clock forward with what was sent', () => {
    fc.assert(
      fc.property(factsArb, optionsArb, stepsArb, (facts, o, steps) => {
        const sent: SentReminder[] = [];
        const seen = new Set<string>();
        let ms = base + 20 * 24 * hour;
        for (const step of steps) {
          ms += step * hour;
          const due = dueReminders(inputAt(facts, o, { ms, sent }));
          for (const d of due) {
            for (const k of new Set([d.key, ...d.itemKeys])) {
              assert.ok(!seen.has(k), `due twice: ${k}`);
              seen.add(k);
            }
          }
          sent.push(...record(due));
        }
      }),
      { numRuns },
    );
  });

  it('makes nothing due about a thing already done', () => {
    fc.assert(
      fc.property(factsArb, optionsArb, fc.integer({ min: 0, max: 60 * 24 }), (facts, o, hours) => {
        const ms = base + hours * hour;
        const open = openSubjects(facts, new Date(ms).toISOString());
        const due = dueReminders(inputAt(facts, o, { ms, sent: [] }));
        const written = new Set(facts.records.map((r) => `record:${r.enrolmentId}:${r.sessionId}`));
        for (const d of due) {
          for (const item of d.items) {
            assert.ok(open.has(openKey(d.ruleId, item.subject)), `not open: ${item.subject}`);
            if (d.ruleId === 'record.write') assert.ok(!written.has(item.subject), 'a record was written for it');
            if (d.ruleId === 'record.cosign') assert.ok(facts.records.some((r) => r.state.status === 'awaiting_cosign' && item.subject === `record:enrolment-1:${r.id}`));
            if (d.ruleId === 'supervision.overdue' && item.about.kind === 'supervision.overdue') {
              const { fromOn } = item.about;
              assert.ok(!facts.sessions.some((x) => x.heldOn > fromOn && x.heldOn <= new Date(ms).toISOString().slice(0, 10)), 'a later session was held');
              assert.ok(!facts.planned.some((p) => p.state.status === 'booked' && p.window.end > new Date(ms).toISOString()), 'supervision is booked');
            }
            const today = new Date(ms).toISOString().slice(0, 10);
            if (item.about.kind === 'admin.retention_soon') {
              const { clipId, deleteAfter } = item.about;
              const clip = facts.clips.find((c) => c.id === clipId);
              assert.ok(clip && !clip.legalHold, 'on hold or gone');
              assert.ok(addDays(deleteAfter, -14) <= today, `not within 14 days: ${deleteAfter} on ${today}`);
            }
            if (item.about.kind === 'admin.legal_hold_old') {
              const { clipId, heldSince } = item.about;
              assert.ok(facts.clips.find((c) => c.id === clipId)?.legalHold, 'hold lifted');
              assert.ok(addDays(heldSince.slice(0, 10), 365) <= today, 'younger than a year');
            }
            if (item.about.kind === 'admin.undeliverable') assert.ok(facts.unreachable.some((u) => u.personId === (item.about as { personId: string }).personId), 'reachable');
            if (item.about.kind === 'stage.meeting_due') {
              const p = progress({ enrolment: facts.enrolments[0]!, pathway: avigukPreset }, { cases: facts.cases, cycles: facts.cycles, supervision: facts.sessions, meetings: facts.meetings }, new Date(ms));
              assert.ok(facts.pathways.length === 1 && !p.accredited);
              if (item.about.reason === 'behind') assert.ok(['at_risk', 'overdue'].includes(p.projection.status), 'on track');
              else assert.equal(p.stages.find((x) => x.stage === p.currentStage)?.meeting.status, 'due');
            }
            if (item.about.kind === 'clip.unopened') {
              const { clipId } = item.about;
              assert.ok(facts.clips.some((c) => c.id === clipId && c.state === 'available'), 'deleted');
              assert.ok(!facts.clipViews.some((v) => v.clipId === clipId && v.personId === d.personId), 'opened');
            }
            if (item.about.kind === 'protected_time.unused') {
              const { lastOn } = item.about;
              const after = (x: string | undefined): boolean => x !== undefined && x > lastOn && x <= today;
              assert.ok(!facts.sessions.some((x) => after(x.heldOn)) && !facts.clips.some((x) => after(x.uploadedAt.slice(0, 10))) && !facts.uploads.some((x) => after(x.startedAt.slice(0, 10))), 'practice recorded since');
              assert.ok(facts.contracts.some((c) => c.state.status === 'active' && c.terms.protectedMinutesPerWeek > 0));
            }
            if (d.ruleId === 'contract.draft') assert.ok(facts.contracts.every((c) => c.state.status === 'draft'), 'a contract was sent');
            if (d.ruleId === 'upload.unfinished') {
              const u = facts.uploads.find((x) => item.subject === `upload:enrolment-1:${x.id}`);
              assert.ok(u && u.state === 'open' && u.expiresAt > new Date(ms).toISOString(), 'finished or expired');
            }
          }
        }
      }),
      { numRuns },
    );
  });

  it('gives the same output for the same input, whatever order the records come in', () => {
    fc.assert(
      fc.property(factsArb, optionsArb, fc.integer({ min: 0, max: 60 * 24 }), (facts, o, hours) => {
        const ms = base + hours * hour;
        const a = dueReminders(inputAt(facts, o, { ms, sent: [] }));
        const b = dueReminders(inputAt(facts, o, { ms, sent: [] }));
        const reversed = { ...facts, sessions: [...facts.sessions].reverse(), records: [...facts.records].reverse(), planned: [...facts.planned].reverse(), uploads: [...facts.uploads].reverse(), clips: [...facts.clips].reverse(), cases: [...facts.cases].reverse() };
        assert.deepEqual(a, b);
        assert.deepEqual(dueReminders(inputAt(reversed, o, { ms, sent: [] })), a);
      }),
      { numRuns },
    );
  });

  it('sends at most one card per person, rule and local day, only in working hours', () => {
    fc.assert(
      fc.property(factsArb, optionsArb, stepsArb, (facts, o, steps) => {
        const sent: SentReminder[] = [];
        const days = new Set<string>();
        let ms = base + 20 * 24 * hour;
        for (const step of steps) {
          ms += step * hour;
          for (const d of dueReminders(inputAt(facts, o, { ms, sent }))) {
            const day = `${d.personId}|${d.ruleId}|${d.localDate}`;
            assert.ok(!days.has(day), `two cards on one day: ${day}`);
            days.add(day);
            const local = new Intl.DateTimeFormat('en-GB', { timeZone: d.personId === traineeId ? o.zone : 'Europe/London', hour: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(new Date(ms));
            const h = Number(local.find((p) => p.type === 'hour')?.value);
            const wd = local.find((p) => p.type === 'weekday')?.value ?? '';
            assert.ok(h >= 9 && h < 17, `outside working hours: ${h}`);
            if (!(d.personId === traineeId && o.weekends)) assert.ok(!['Sat', 'Sun'].includes(wd), 'at a weekend');
            sent.push(...record([d]));
          }
        }
      }),
      { numRuns },
    );
  });
});
