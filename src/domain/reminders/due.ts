import { consentAllows } from '../consent';
import type { Contract, SupervisionCadence } from '../contract';
import { contractSubject, recordSubject } from '../conversation';
import { addDays, addMonths, daysBetween, type IsoDate } from '../dates';
import type { PersonId } from '../people';
import type { Clip, UploadSession } from '../clips/clip';
import { clipDeleteAfter } from '../clips/retention';
import type { PathwayDefinition, StageMeetingKind } from '../pathway';
import type { Case, Cycle, Enrolment, StageMeeting, SupervisionSession } from '../practice';
import { progress } from '../progress';
import type { ServiceSettings } from '../service';
import type { PlannedSupervision } from '../scheduling/planned-supervision';
import { instantAt, localTimeOf } from '../scheduling/zoned-time';
import type { SupervisionRecord } from '../supervision-record';
import { defaultReminderRules, occurrenceDay, occurrenceIndex, reminderDigestRules, type ReminderRuleId, type ReminderRules } from './rules';

/** An ISO 8601 UTC timestamp. */
export type Instant = string;

/** A person Teams refused to reach (and who has not talked to the bot since). */
export interface UnreachablePerson {
  readonly personId: PersonId;
  readonly at: Instant;
  readonly httpStatus: number;
}

/** The records reminders are derived from (every enrolment's, across services). */
export interface ReminderFacts {
  readonly enrolments: readonly Enrolment[];
  readonly sessions: readonly SupervisionSession[];
  readonly records: readonly SupervisionRecord[];
  readonly planned: readonly PlannedSupervision[];
  readonly contracts: readonly Contract[];
  /** Clip upload sessions (open and finished). */
  readonly uploads: readonly UploadSession[];
  readonly clips: readonly Clip[];
  readonly cases: readonly Case[];
  /** The services (their admins and retention). */
  readonly services: readonly ServiceSettings[];
  /** People Teams refuses to reach now. */
  readonly unreachable: readonly UnreachablePerson[];
  /** Who opened which clip (a playback started: the audit's `view_clip`), for the clips that may be waiting. */
  readonly clipViews: readonly { readonly clipId: string; readonly personId: PersonId }[];
  /** What a trainee's progress on their pathway is computed from. */
  readonly cycles: readonly Cycle[];
  readonly meetings: readonly StageMeeting[];
  readonly pathways: readonly PathwayDefinition[];
}

/** No records at all: a start for callers that load only some. */
export const noReminderFacts: ReminderFacts = { enrolments: [], sessions: [], records: [], planned: [], contracts: [], uploads: [], clips: [], cases: [], services: [], unreachable: [], clipViews: [], cycles: [], meetings: [], pathways: [] };

/** A person's own reminder times: their time zone (else the service's), working hours, and whether weekends are fine. */
export interface ReminderPreferences {
  readonly zone?: string;
  readonly startMinute?: number;
  readonly endMinute?: number;
  readonly weekends?: boolean;
}

/** "Not now": the person snoozed a card; its items are quiet until `until`, then reminded once more. */
export interface Snooze {
  readonly personId: PersonId;
  readonly ruleId: ReminderRuleId;
  readonly subject: string;
  readonly until: Instant;
}

/** "Never for this": the person muted a rule. */
export interface Mute {
  readonly personId: PersonId;
  readonly ruleId: ReminderRuleId;
}

/** A card already claimed (an outbox row): its key, the item occurrences it covered, whom, which rule, which local day. */
export interface SentReminder {
  readonly key: string;
  readonly personId: PersonId;
  readonly ruleId: ReminderRuleId;
  readonly localDate: IsoDate;
  readonly itemKeys: readonly string[];
}

/** What one item on a reminder card is about, and what the card's button does for it. */
export type ReminderAbout =
  | { readonly kind: 'record.write'; readonly enrolmentId: string; readonly heldOn: IsoDate; readonly sessionId: string | null; readonly plannedId: string | null }
  | { readonly kind: 'record.returned'; readonly enrolmentId: string; readonly recordId: string; readonly revision: number }
  | { readonly kind: 'record.cosign'; readonly enrolmentId: string; readonly recordId: string; readonly traineeId: PersonId; readonly submittedAt: Instant }
  | { readonly kind: 'contract.sign'; readonly enrolmentId: string; readonly version: number }
  | { readonly kind: 'supervision.tomorrow'; readonly enrolmentId: string; readonly plannedId: string; readonly start: Instant }
  | { readonly kind: 'upload.unfinished'; readonly enrolmentId: string; readonly uploadId: string; readonly startedAt: Instant; readonly expiresAt: Instant }
  /** `lastOn` null: no supervision since the contract started on `fromOn`. */
  | { readonly kind: 'supervision.overdue'; readonly enrolmentId: string; readonly traineeId: PersonId; readonly lastOn: IsoDate | null; readonly fromOn: IsoDate; readonly cadence: SupervisionCadence }
  | { readonly kind: 'clip.unopened'; readonly enrolmentId: string; readonly clipId: string; readonly uploadedAt: Instant }
  /** No VIG practice recorded since `lastOn` (or since the contract started on it), with protected time agreed. */
  | { readonly kind: 'protected_time.unused'; readonly enrolmentId: string; readonly traineeId: PersonId; readonly lastOn: IsoDate; readonly protectedMinutesPerWeek: number }
  | { readonly kind: 'admin.retention_soon'; readonly enrolmentId: string; readonly clipId: string; readonly deleteAfter: IsoDate }
  | { readonly kind: 'admin.legal_hold_old'; readonly enrolmentId: string; readonly clipId: string; readonly heldSince: Instant }
  /** About no enrolment: `personId` is the person Teams refused. */
  | { readonly kind: 'admin.undeliverable'; readonly personId: PersonId; readonly since: Instant; readonly httpStatus: number }
  /** The current stage's meeting is due (its requirements are met), or the pathway is behind its projection. */
  | { readonly kind: 'stage.meeting_due'; readonly enrolmentId: string; readonly stage: number; readonly reason: 'meeting_due'; readonly meeting: StageMeetingKind }
  | { readonly kind: 'stage.meeting_due'; readonly enrolmentId: string; readonly stage: number; readonly reason: 'behind'; readonly projectedCompletion: IsoDate; readonly windowCloses: IsoDate }
  /** `version` null: no contract at all yet (the trainee drafts the first). */
  | { readonly kind: 'contract.draft'; readonly enrolmentId: string; readonly version: number | null };

/** The enrolment an item is about, or null for one about no enrolment (a person nobody can reach). */
export function enrolmentOf(a: ReminderAbout): string | null {
  return 'enrolmentId' in a ? a.enrolmentId : null;
}

export interface ReminderItem {
  /** The item's occurrence: (rule, subject, occurrence). */
  readonly key: string;
  /** The thing it is about; when the thing is done the subject is no longer open and every card about it closes. */
  readonly subject: string;
  readonly about: ReminderAbout;
}

/** One card to send: to one person, for one rule, on one local day, about one or more items. */
export interface ReminderOccurrence {
  /** Deterministic: the item's key for a single item, (rule, person, day) for a digest. The outbox row key. */
  readonly key: string;
  readonly ruleId: ReminderRuleId;
  readonly personId: PersonId;
  readonly localDate: IsoDate;
  /** When it first became due (the later of its day's working-hours start and the thing's own time). */
  readonly dueAt: Instant;
  /** The item occurrences this card delivers (sent once; `SentReminder.itemKeys`). */
  readonly itemKeys: readonly string[];
  /** Everything the card shows: for a digest, every open item of the rule for the person. */
  readonly items: readonly ReminderItem[];
}

export interface DueInput {
  readonly facts: ReminderFacts;
  /** Each service's rules by service id; a service without its own has the defaults. */
  readonly rules: ReadonlyMap<string, ReminderRules>;
  readonly now: Instant;
  readonly defaultZone: string;
  readonly people: ReadonlyMap<PersonId, ReminderPreferences>;
  readonly snoozes: readonly Snooze[];
  readonly mutes: readonly Mute[];
  readonly sent: readonly SentReminder[];
  /** When Attune first saw an open item that carries no time of its own (a contract nobody has signed yet). */
  readonly firstSeen: ReadonlyMap<string, Instant>;
}

const defaultStart = 9 * 60;
const defaultEnd = 17 * 60;

/** An item open now, before timing: its person, rule, anchor and key base. */
export interface OpenItem {
  readonly ruleId: ReminderRuleId;
  readonly personId: PersonId;
  readonly serviceId: string;
  readonly subject: string;
  /** The stem of its occurrence keys: stays the same when a booked meeting becomes a logged session. */
  readonly keyBase: string;
  /** When the clock starts: an instant, or a date (local midnight of that date in the person's zone). */
  readonly anchor: { readonly instant: Instant } | { readonly date: IsoDate } | null;
  readonly about: ReminderAbout;
}

/**
 * Every item still waiting for someone, whatever the timing: a session without a record, a booked meeting
 * that ended and was not logged, a returned record, a record waiting to be co-signed, a contract without the
 * line manager's signature, a booked supervision still ahead. A thing that is done has no item.
 */
export function openItems(facts: ReminderFacts, now: Instant): OpenItem[] {
  const enrolments = new Map(facts.enrolments.map((e) => [e.id, e]));
  const recordsBySession = new Map(facts.records.map((r) => [`${r.enrolmentId}:${r.sessionId}`, r]));
  const plannedBySession = new Map<string, PlannedSupervision>();
  for (const p of facts.planned) if (p.state.status === 'recorded') plannedBySession.set(`${p.enrolmentId}:${p.state.sessionId}`, p);
  const out: OpenItem[] = [];
  for (const s of facts.sessions) {
    const e = enrolments.get(s.enrolmentId);
    if (!e || recordsBySession.has(`${s.enrolmentId}:${s.id}`)) continue;
    const linked = plannedBySession.get(`${s.enrolmentId}:${s.id}`);
    out.push({
      ruleId: 'record.write',
      personId: e.traineeId,
      serviceId: e.serviceId,
      subject: recordSubject(e.id, s.id),
      keyBase: linked ? `planned:${e.id}:${linked.id}` : recordSubject(e.id, s.id),
      anchor: linked ? { instant: linked.window.end } : { date: s.heldOn },
      about: { kind: 'record.write', enrolmentId: e.id, heldOn: s.heldOn, sessionId: s.id, plannedId: linked?.id ?? null },
    });
  }
  for (const p of facts.planned) {
    const e = enrolments.get(p.enrolmentId);
    if (!e || p.state.status !== 'booked') continue;
    const subject = `planned:${e.id}:${p.id}`;
    if (p.kind === 'supervision' && p.window.end <= now) {
      out.push({ ruleId: 'record.write', personId: e.traineeId, serviceId: e.serviceId, subject, keyBase: subject, anchor: { instant: p.window.end }, about: { kind: 'record.write', enrolmentId: e.id, heldOn: p.window.start.slice(0, 10), sessionId: null, plannedId: p.id } });
    }
    if (p.kind === 'supervision' && p.window.start > now) {
      out.push({ ruleId: 'supervision.tomorrow', personId: e.traineeId, serviceId: e.serviceId, subject, keyBase: `${subject}:${p.window.start}`, anchor: { instant: p.window.start }, about: { kind: 'supervision.tomorrow', enrolmentId: e.id, plannedId: p.id, start: p.window.start } });
    }
  }
  for (const r of facts.records) {
    const e = enrolments.get(r.enrolmentId);
    if (!e) continue;
    const subject = recordSubject(e.id, r.id);
    if (r.state.status === 'returned') {
      out.push({ ruleId: 'record.returned', personId: e.traineeId, serviceId: e.serviceId, subject, keyBase: `${subject}:${r.revision}`, anchor: { instant: r.state.returnedAt }, about: { kind: 'record.returned', enrolmentId: e.id, recordId: r.id, revision: r.revision } });
    } else if (r.state.status === 'awaiting_cosign') {
      out.push({ ruleId: 'record.cosign', personId: e.supervisorId, serviceId: e.serviceId, subject, keyBase: `${subject}:${r.revision}`, anchor: { instant: r.state.submittedAt }, about: { kind: 'record.cosign', enrolmentId: e.id, recordId: r.id, traineeId: e.traineeId, submittedAt: r.state.submittedAt } });
    }
  }
  for (const c of facts.contracts) {
    const e = enrolments.get(c.enrolmentId);
    if (!e || c.state.status !== 'awaiting_signatures' || c.state.signatures.line_manager) continue;
    const signed = Object.values(c.state.signatures).filter((v): v is string => typeof v === 'string').sort();
    const subject = `${contractSubject(e.id)}:${c.version}`;
    out.push({ ruleId: 'contract.sign', personId: c.parties.line_manager, serviceId: e.serviceId, subject, keyBase: subject, anchor: signed[0] ? { instant: signed[0] } : null, about: { kind: 'contract.sign', enrolmentId: e.id, version: c.version } });
  }
  const withContract = new Set(facts.contracts.map((c) => c.enrolmentId));
  for (const c of facts.contracts) {
    const e = enrolments.get(c.enrolmentId);
    if (!e || c.state.status !== 'draft') continue;
    // Its own subject: the first-seen time of the draft must not become the anchor of the signature reminder.
    const subject = `${contractSubject(e.id)}:${c.version}:draft`;
    out.push({ ruleId: 'contract.draft', personId: c.parties.trainee, serviceId: e.serviceId, subject, keyBase: subject, anchor: null, about: { kind: 'contract.draft', enrolmentId: e.id, version: c.version } });
  }
  for (const e of facts.enrolments) {
    if (withContract.has(e.id)) continue;
    // No contract at all: the trainee has not drafted one since the enrolment started.
    const subject = `${contractSubject(e.id)}:none`;
    out.push({ ruleId: 'contract.draft', personId: e.traineeId, serviceId: e.serviceId, subject, keyBase: subject, anchor: { date: e.startedOn }, about: { kind: 'contract.draft', enrolmentId: e.id, version: null } });
  }
  for (const u of facts.uploads) {
    const e = enrolments.get(u.enrolmentId);
    // Finished, or past its expiry (retention discards it): nothing to finish. Abandoned ones are gone.
    if (!e || u.state !== 'open' || u.expiresAt <= now) continue;
    const subject = `upload:${e.id}:${u.id}`;
    out.push({ ruleId: 'upload.unfinished', personId: u.uploadedBy, serviceId: e.serviceId, subject, keyBase: subject, anchor: { instant: u.startedAt }, about: { kind: 'upload.unfinished', enrolmentId: e.id, uploadId: u.id, startedAt: u.startedAt, expiresAt: u.expiresAt } });
  }
  out.push(...overdueSupervision(facts, now));
  out.push(...adminItems(facts, now));
  out.push(...stageItems(facts, now));
  out.push(...unopenedClips(facts, now));
  out.push(...unusedProtectedTime(facts, now));
  return out.sort((a, b) => a.keyBase.localeCompare(b.keyBase) || a.ruleId.localeCompare(b.ruleId));
}

/**
 * Trainee: their current stage's meeting is due (every requirement met, not yet signed off), or their pathway
 * is behind its projection (at risk of missing, or past, the accreditation window). Neither carries a time of
 * its own, so both count from when Attune first saw them; a sign-off moves the stage on (a new subject), and
 * catching up closes the other.
 */
function stageItems(facts: ReminderFacts, now: Instant): OpenItem[] {
  const out: OpenItem[] = [];
  const pathways = new Map(facts.pathways.map((p) => [`${p.id}@${p.version}`, p]));
  const of = <T extends { readonly enrolmentId: string }>(xs: readonly T[]): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(x.enrolmentId, [...(m.get(x.enrolmentId) ?? []), x]);
    return m;
  };
  const [cases, cycles, sessions, meetings] = [of(facts.cases), of(facts.cycles), of(facts.sessions), of(facts.meetings)];
  for (const e of facts.enrolments) {
    const pathway = pathways.get(`${e.pathway.id}@${e.pathway.version}`);
    if (!pathway) continue;
    const p = progress({ enrolment: e, pathway }, { cases: cases.get(e.id) ?? [], cycles: cycles.get(e.id) ?? [], supervision: sessions.get(e.id) ?? [], meetings: meetings.get(e.id) ?? [] }, new Date(now));
    if (p.accredited || p.currentStage === null) continue;
    const stage = p.stages.find((x) => x.stage === p.currentStage);
    const base = { ruleId: 'stage.meeting_due' as const, personId: e.traineeId, serviceId: e.serviceId, anchor: null };
    if (stage?.meeting.status === 'due') {
      const subject = `stage:${e.id}:${stage.stage}:meeting`;
      out.push({ ...base, subject, keyBase: subject, about: { kind: 'stage.meeting_due', enrolmentId: e.id, stage: stage.stage, reason: 'meeting_due', meeting: stage.meeting.kind } });
    }
    if (p.projection.status === 'at_risk' || p.projection.status === 'overdue') {
      const subject = `stage:${e.id}:${p.currentStage}:behind`;
      out.push({ ...base, subject, keyBase: subject, about: { kind: 'stage.meeting_due', enrolmentId: e.id, stage: p.currentStage, reason: 'behind', projectedCompletion: p.projection.projectedCompletion, windowCloses: p.projection.windowCloses } });
    }
  }
  return out;
}

/** Weeks without any recorded practice before the line manager hears the protected time is not being used. */
export const quietWeeks = 3;

/**
 * Line manager: a report with protected VIG time in an active contract and nothing of VIG practice recorded
 * for three weeks — no supervision, filming or shared review, stage meeting or clip upload — counted from the
 * last such day, else the contract's start. Attune records no time sheet, so this is the measure it can
 * stand behind: protected time with nothing done in it. Anything recorded moves the anchor (a new subject,
 * so the cards about the old gap close).
 */
function unusedProtectedTime(facts: ReminderFacts, now: Instant): OpenItem[] {
  const today = now.slice(0, 10);
  const last = new Map<string, IsoDate>();
  const saw = (enrolmentId: string, date: IsoDate | undefined): void => {
    if (!date || date > today) return;
    const seen = last.get(enrolmentId);
    if (!seen || date > seen) last.set(enrolmentId, date);
  };
  for (const x of facts.sessions) saw(x.enrolmentId, x.heldOn);
  for (const x of facts.cycles) {
    saw(x.enrolmentId, x.filmedOn);
    saw(x.enrolmentId, x.sharedReviewOn);
  }
  for (const x of facts.meetings) saw(x.enrolmentId, x.heldOn);
  for (const x of facts.clips) saw(x.enrolmentId, x.uploadedAt.slice(0, 10));
  for (const x of facts.uploads) saw(x.enrolmentId, x.startedAt.slice(0, 10));
  const active = new Map<string, Contract>();
  for (const c of facts.contracts) if (c.state.status === 'active' && (active.get(c.enrolmentId)?.version ?? 0) < c.version) active.set(c.enrolmentId, c);
  const out: OpenItem[] = [];
  for (const e of facts.enrolments) {
    const c = active.get(e.id);
    if (!c || c.terms.protectedMinutesPerWeek <= 0) continue;
    const seen = last.get(e.id);
    const lastOn = seen && seen > c.terms.startsOn ? seen : c.terms.startsOn;
    const subject = `protected:${e.id}:${lastOn}`;
    out.push({ ruleId: 'protected_time.unused', personId: c.parties.line_manager, serviceId: e.serviceId, subject, keyBase: subject, anchor: { date: addDays(lastOn, quietWeeks * 7) }, about: { kind: 'protected_time.unused', enrolmentId: e.id, traineeId: e.traineeId, lastOn, protectedMinutesPerWeek: c.terms.protectedMinutesPerWeek } });
  }
  return out;
}

/** How long a clip counts as waiting for its supervisor's review (older ones are not chased). */
export const clipReviewDays = 30;

/**
 * Supervisor: a clip their trainee uploaded that the family consented to a supervisor viewing (so it is
 * shared for review), uploaded in the last 30 days, that they have not opened. Opening it (a playback
 * started) closes it, as do the clip's deletion and the consent's withdrawal.
 */
function unopenedClips(facts: ReminderFacts, now: Instant): OpenItem[] {
  const out: OpenItem[] = [];
  const enrolments = new Map(facts.enrolments.map((e) => [e.id, e]));
  const cases = new Map(facts.cases.map((c) => [`${c.enrolmentId}/${c.id}`, c]));
  const opened = new Set(facts.clipViews.map((v) => `${v.personId}|${v.clipId}`));
  const since = new Date(Date.parse(now) - clipReviewDays * 86_400_000).toISOString();
  for (const clip of facts.clips) {
    const e = enrolments.get(clip.enrolmentId);
    if (!e || clip.state !== 'available' || clip.uploadedAt < since || clip.uploadedBy === e.supervisorId) continue;
    const clipCase = cases.get(`${e.id}/${clip.caseId}`);
    if (!clipCase || !consentAllows(clipCase, 'supervisor_viewing') || opened.has(`${e.supervisorId}|${clip.id}`)) continue;
    const subject = `clip:${e.id}:${clip.id}`;
    out.push({ ruleId: 'clip.unopened', personId: e.supervisorId, serviceId: e.serviceId, subject, keyBase: subject, anchor: { instant: clip.uploadedAt }, about: { kind: 'clip.unopened', enrolmentId: e.id, clipId: clip.id, uploadedAt: clip.uploadedAt } });
  }
  return out;
}

/** How far ahead admins hear of a clip's retention date, and how old a legal hold is before they are asked about it. */
export const retentionNoticeDays = 14;
export const oldLegalHoldDays = 365;

/**
 * Service admins (each of the service's): clips whose retention date falls within the next 14 days, legal
 * holds older than a year, and people Teams refuses to reach. Always a digest per admin. An item is open only
 * while it is true (within the 14 days, over a year), so a digest lists nothing that is not yet so; its key
 * names the admin, since every admin of the service gets one.
 */
function adminItems(facts: ReminderFacts, now: Instant): OpenItem[] {
  const today = now.slice(0, 10);
  const out: OpenItem[] = [];
  const services = new Map(facts.services.map((s) => [s.id, s]));
  const enrolments = new Map(facts.enrolments.map((e) => [e.id, e]));
  const cases = new Map(facts.cases.map((c) => [`${c.enrolmentId}/${c.id}`, c]));
  const push = (item: Omit<OpenItem, 'personId' | 'keyBase'>, told = new Set<PersonId>()): void => {
    for (const admin of [...new Set(services.get(item.serviceId)?.admins ?? [])].sort()) {
      if (told.has(admin)) continue;
      told.add(admin);
      out.push({ ...item, personId: admin, keyBase: `${item.subject}:${admin}` });
    }
  };
  for (const clip of facts.clips) {
    const e = enrolments.get(clip.enrolmentId);
    const service = e ? services.get(e.serviceId) : undefined;
    if (!e || !service || clip.state !== 'available') continue;
    if (clip.legalHold) {
      if (!clip.legalHoldSince) continue;
      const oldOn = addDays(clip.legalHoldSince.slice(0, 10), oldLegalHoldDays);
      if (oldOn <= today) push({ ruleId: 'admin.legal_hold_old', serviceId: e.serviceId, subject: `hold:${e.id}:${clip.id}:${clip.legalHoldSince}`, anchor: { date: oldOn }, about: { kind: 'admin.legal_hold_old', enrolmentId: e.id, clipId: clip.id, heldSince: clip.legalHoldSince } });
      continue;
    }
    const deleteAfter = clipDeleteAfter(cases.get(`${e.id}/${clip.caseId}`) ?? null, service.retentionMonthsAfterEnd);
    if (deleteAfter === null) continue;
    const noticeOn = addDays(deleteAfter, -retentionNoticeDays);
    if (noticeOn <= today) push({ ruleId: 'admin.retention_soon', serviceId: e.serviceId, subject: `retention:${e.id}:${clip.id}:${deleteAfter}`, anchor: { date: noticeOn }, about: { kind: 'admin.retention_soon', enrolmentId: e.id, clipId: clip.id, deleteAfter } });
  }
  for (const u of facts.unreachable) {
    // The admins of every service the person works in.
    const serviceIds = new Set(facts.enrolments.filter((e) => e.traineeId === u.personId || e.supervisorId === u.personId || e.lineManagerId === u.personId).map((e) => e.serviceId));
    for (const s of facts.services) if (s.admins.includes(u.personId)) serviceIds.add(s.id);
    // An admin of two of those services hears once (under the first service's rules).
    const told = new Set<PersonId>();
    for (const serviceId of [...serviceIds].sort()) push({ ruleId: 'admin.undeliverable', serviceId, subject: `unreachable:${u.personId}:${u.at}`, anchor: { instant: u.at }, about: { kind: 'admin.undeliverable', personId: u.personId, since: u.at, httpStatus: u.httpStatus } }, told);
  }
  return out;
}

/** The date a cadence is over: a fortnight, or a calendar month, after `from`. */
export const cadenceEnds = (from: IsoDate, cadence: SupervisionCadence): IsoDate => (cadence === 'fortnightly' ? addDays(from, 14) : addMonths(from, 1));

/**
 * Supervisor: a trainee with an active contract and no supervision for longer than its cadence (monthly when
 * it does not say), counted from the last session held, else from the contract's start. The anchor is the
 * day the cadence ran out; a session logged moves it (a new subject, so cards about the old gap close), and a
 * supervision booked ahead closes it.
 */
function overdueSupervision(facts: ReminderFacts, now: Instant): OpenItem[] {
  const today = now.slice(0, 10);
  const out: OpenItem[] = [];
  const booked = new Set(facts.planned.filter((p) => p.kind === 'supervision' && p.state.status === 'booked' && p.window.end > now).map((p) => p.enrolmentId));
  const lastHeld = new Map<string, IsoDate>();
  for (const s of facts.sessions) {
    if (s.heldOn > today) continue;
    const seen = lastHeld.get(s.enrolmentId);
    if (!seen || s.heldOn > seen) lastHeld.set(s.enrolmentId, s.heldOn);
  }
  const active = new Map<string, Contract>();
  for (const c of facts.contracts) if (c.state.status === 'active' && (active.get(c.enrolmentId)?.version ?? 0) < c.version) active.set(c.enrolmentId, c);
  for (const e of facts.enrolments) {
    const c = active.get(e.id);
    if (!c || booked.has(e.id)) continue;
    const cadence = c.terms.supervisionCadence ?? 'monthly';
    const last = lastHeld.get(e.id);
    const fromOn = last && last >= c.terms.startsOn ? last : c.terms.startsOn;
    const endsOn = cadenceEnds(fromOn, cadence);
    const subject = `overdue:${e.id}:${fromOn}`;
    out.push({ ruleId: 'supervision.overdue', personId: e.supervisorId, serviceId: e.serviceId, subject, keyBase: subject, anchor: { date: endsOn }, about: { kind: 'supervision.overdue', enrolmentId: e.id, traineeId: e.traineeId, lastOn: fromOn === last ? last : null, fromOn, cadence } });
  }
  return out;
}

/** Open items that carry no time of their own and that Attune has not seen before: the caller records `now` for them. */
export function unanchoredSubjects(facts: ReminderFacts, input: { now: Instant; firstSeen: ReadonlyMap<string, Instant> }): string[] {
  return openItems(facts, input.now).filter((i) => i.anchor === null && !input.firstSeen.has(i.subject)).map((i) => i.subject);
}

/** What is still open, as `openKey(rule, subject)`: a card about an item not in here is about something done. */
export function openSubjects(facts: ReminderFacts, now: Instant): ReadonlySet<string> {
  return new Set(openItems(facts, now).map((i) => openKey(i.ruleId, i.subject)));
}

/** One subject can be open for two rules (a record to co-sign is also a record written): done is per rule. */
export const openKey = (ruleId: ReminderRuleId, subject: string): string => `${ruleId}|${subject}`;

/** A person's reminder hours, read from their preferences (shared with upcoming.ts, so both read them alike). */
export interface Hours {
  readonly zone: string;
  readonly start: number;
  readonly end: number;
  readonly weekends: boolean;
}

export function hoursOf(prefs: ReminderPreferences | undefined, defaultZone: string): Hours {
  const start = prefs?.startMinute ?? defaultStart;
  const end = prefs?.endMinute ?? defaultEnd;
  const ok = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= 24 * 60 && start < end;
  return { zone: prefs?.zone ?? defaultZone, start: ok ? start : defaultStart, end: ok ? end : defaultEnd, weekends: prefs?.weekends ?? false };
}

export const isWorkingDay = (weekday: number, h: Hours): boolean => h.weekends || weekday <= 5;

/** The first working moment on or after local date `date` (its start of working hours, or a later working day's). */
function workingStartOn(date: IsoDate, h: Hours): number {
  let d = date;
  for (let i = 0; i < 7; i++, d = addDays(d, 1)) {
    const t = instantAt({ date: d, minutes: h.start }, h.zone);
    if (isWorkingDay(localTimeOf(t, h.zone).weekday, h)) return t;
  }
  return instantAt({ date, minutes: h.start }, h.zone);
}

/** Within the person's working hours at `ms`: a working day, between start and end. */
export function inWorkingHours(ms: number, prefs: ReminderPreferences | undefined, defaultZone: string): boolean {
  const h = hoursOf(prefs, defaultZone);
  const local = localTimeOf(ms, h.zone);
  return isWorkingDay(local.weekday, h) && local.minutes >= h.start && local.minutes < h.end;
}

const separator = '|';
export const digestKey = (ruleId: ReminderRuleId, personId: PersonId, date: IsoDate): string => [ruleId, 'digest', personId, date].join(separator);
const itemKeyOf = (ruleId: ReminderRuleId, keyBase: string, occurrence: string): string => [ruleId, keyBase, occurrence].join(separator);

/**
 * The reminder cards due at `now`: pure — the same inputs give the same cards, in the same order.
 *
 * - An item's occurrences fall on its rule's days after its anchor, in the person's local calendar; only
 *   the latest one due counts, and one already in `sent` is never due again.
 * - Only within the person's working hours (service zone unless they set their own), never at weekends
 *   unless they asked; nothing for a muted rule; a snoozed item waits until its snooze ends and is then
 *   due once more.
 * - At most one card per person per rule per local day: several items become one digest card, and a
 *   person who already had that rule's card today gets nothing more from it until tomorrow.
 */
export function dueReminders(input: DueInput): ReminderOccurrence[] {
  const nowMs = Date.parse(input.now);
  const sentKeys = new Set<string>();
  const sentDays = new Set<string>();
  for (const s of input.sent) {
    sentKeys.add(s.key);
    for (const k of s.itemKeys) sentKeys.add(k);
    sentDays.add([s.ruleId, s.personId, s.localDate].join(separator));
  }
  const muted = new Set(input.mutes.map((m) => `${m.personId}${separator}${m.ruleId}`));
  const snoozes = new Map<string, Instant>();
  for (const s of input.snoozes) {
    const k = [s.personId, s.ruleId, s.subject].join(separator);
    const seen = snoozes.get(k);
    if (!seen || s.until > seen) snoozes.set(k, s.until);
  }

  const open = openItems(input.facts, input.now);
  const byCard = new Map<string, { due: { item: ReminderItem; dueAt: number }[]; all: ReminderItem[]; ruleId: ReminderRuleId; personId: PersonId; date: IsoDate }>();
  for (const o of open) {
    const rules = input.rules.get(o.serviceId) ?? defaultReminderRules;
    // A service that stored its rules before this rule existed has the rule's default.
    const rule = rules[o.ruleId] ?? defaultReminderRules[o.ruleId];
    if (!rule?.enabled || muted.has(`${o.personId}${separator}${o.ruleId}`)) continue;
    const h = hoursOf(input.people.get(o.personId), input.defaultZone);
    const today = localTimeOf(nowMs, h.zone).date;
    const cardKey = [o.ruleId, o.personId].join(separator);
    const group = byCard.get(cardKey) ?? { due: [], all: [], ruleId: o.ruleId, personId: o.personId, date: today };
    byCard.set(cardKey, group);
    const anchorInstant = o.anchor === null ? input.firstSeen.get(o.subject) : 'instant' in o.anchor ? o.anchor.instant : undefined;
    const anchorDate = o.anchor !== null && 'date' in o.anchor ? o.anchor.date : anchorInstant ? localTimeOf(Date.parse(anchorInstant), h.zone).date : null;
    const provisional: ReminderItem = { key: itemKeyOf(o.ruleId, o.keyBase, 'open'), subject: o.subject, about: o.about };
    if (anchorDate === null) {
      group.all.push(provisional);
      continue;
    }
    const since = daysBetween(anchorDate, today);
    const index = occurrenceIndex(rule, since);
    if (index === null) {
      group.all.push(provisional);
      continue;
    }
    const day = occurrenceDay(rule, index);
    // A reminder ahead of something ("tomorrow") is only true on its day.
    if (day < 0 && since !== day) {
      group.all.push(provisional);
      continue;
    }
    const dayStart = workingStartOn(addDays(anchorDate, day), h);
    let dueAt = Math.max(dayStart, anchorInstant && day >= 0 ? Date.parse(anchorInstant) : dayStart);
    let key = itemKeyOf(o.ruleId, o.keyBase, String(index));
    const until = snoozes.get([o.personId, o.ruleId, o.subject].join(separator));
    if (until !== undefined) {
      const untilMs = Date.parse(until);
      if (untilMs > nowMs) {
        group.all.push({ key, subject: o.subject, about: o.about });
        continue;
      }
      // Snoozed after this occurrence became due: it comes back once when the snooze ends.
      if (untilMs > dueAt) {
        key = itemKeyOf(o.ruleId, o.keyBase, `${index}~${until}`);
        dueAt = untilMs;
      }
    }
    const item: ReminderItem = { key, subject: o.subject, about: o.about };
    group.all.push(item);
    if (sentKeys.has(key) || dueAt > nowMs) continue;
    group.due.push({ item, dueAt });
  }

  const out: ReminderOccurrence[] = [];
  for (const g of byCard.values()) {
    if (g.due.length === 0) continue;
    const prefs = input.people.get(g.personId);
    if (!inWorkingHours(nowMs, prefs, input.defaultZone)) continue;
    if (sentDays.has([g.ruleId, g.personId, g.date].join(separator))) continue;
    const digest = reminderDigestRules.has(g.ruleId) || g.due.length > 1;
    const first = g.due[0]!;
    const key = digest ? digestKey(g.ruleId, g.personId, g.date) : first.item.key;
    if (sentKeys.has(key)) continue;
    out.push({
      key,
      ruleId: g.ruleId,
      personId: g.personId,
      localDate: g.date,
      dueAt: new Date(Math.min(...g.due.map((d) => d.dueAt))).toISOString(),
      itemKeys: g.due.map((d) => d.item.key),
      items: digest ? g.all : [first.item],
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
