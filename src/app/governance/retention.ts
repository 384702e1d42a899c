import type { Clip } from '../../domain/clips/clip';
import { toIsoDate } from '../../domain/dates';
import { casesDue, redactRecord, sessionRecordDue, type RetentionScheduleKind, type ScheduleMonths } from '../../domain/governance/retention';
import type { Case, Enrolment } from '../../domain/practice';
import { retentionSchedule } from '../../domain/service';
import type { Versioned } from '../../ports/data-store';
import { audit } from '../authorise';
import type { ClipDeps } from '../clips/deps';
import { runClipRetention, type RetentionRun } from '../clips/retention';
import { discardUpload } from '../clips/upload';

/** What one purger deleted (or redacted): ids only, as the audit log records them. */
export interface Purged {
  readonly kind: string;
  readonly id: string;
}

export interface PurgeContext {
  readonly enrolment: Enrolment;
  /** The enrolment's cases due today on this purger's schedule (legal holds already left out). */
  readonly due: readonly Versioned<Case>[];
  readonly dueIds: ReadonlySet<string>;
  /** Every case of the enrolment still stored, due or not. */
  readonly liveCaseIds: ReadonlySet<string>;
  readonly now: Date;
}

/**
 * One kind of a closed case's data and how it goes. Purgers run in list order for each enrolment, so a later
 * one may rely on an earlier one having finished (the case record itself goes last); each is idempotent, since
 * a run cut short is simply run again. A purger that throws stops the enrolment's later purgers until the next run.
 */
export interface CasePurger {
  readonly kind: string;
  readonly schedule: RetentionScheduleKind;
  purge(deps: ClipDeps, ctx: PurgeContext): Promise<readonly Purged[]>;
}

/** Upload sessions of a due case: open ones are discarded (key, staged blocks); committed ones leave their title and file name behind. */
export const uploadSessionPurger: CasePurger = {
  kind: 'upload_session',
  schedule: 'video',
  async purge(deps, ctx) {
    const out: Purged[] = [];
    for (const { value: s } of await deps.clips.uploads.list(ctx.enrolment.id)) {
      if (!ctx.dueIds.has(s.caseId)) continue;
      if (s.state === 'open') await discardUpload(deps, s);
      else await deps.clips.uploads.remove({ partition: s.enrolmentId, id: s.id });
      out.push({ kind: 'upload_session', id: s.id });
    }
    return out;
  },
};

/** The free text of supervision records whose every discussed case is due (what they counted stays). */
export const supervisionRecordTextPurger: CasePurger = {
  kind: 'supervision_record_text',
  schedule: 'records',
  async purge(deps, ctx) {
    const out: Purged[] = [];
    for (const { value: session } of await deps.store.supervision.list(ctx.enrolment.id)) {
      if (!session.caseIds.some((id) => ctx.dueIds.has(id)) || !sessionRecordDue(session.caseIds, { dueCaseIds: ctx.dueIds, liveCaseIds: ctx.liveCaseIds })) continue;
      const record = await deps.store.supervisionRecords.get({ partition: ctx.enrolment.id, id: session.id });
      if (!record || record.value.redactedAt) continue;
      await deps.store.supervisionRecords.replace(redactRecord(record.value, ctx.now.toISOString()), record.etag);
      out.push({ kind: 'supervision_record_text', id: record.value.id });
    }
    return out;
  },
};

/** A due case's mention in supervision sessions (the session and its minutes stay: they are the trainee's). */
export const supervisionCaseReferencePurger: CasePurger = {
  kind: 'supervision_case_reference',
  schedule: 'records',
  async purge(deps, ctx) {
    const out: Purged[] = [];
    for (const { value: session, etag } of await deps.store.supervision.list(ctx.enrolment.id)) {
      if (!session.caseIds.some((id) => ctx.dueIds.has(id))) continue;
      await deps.store.supervision.replace({ ...session, caseIds: session.caseIds.filter((id) => !ctx.dueIds.has(id)) }, etag);
      out.push({ kind: 'supervision_case_reference', id: session.id });
    }
    return out;
  },
};

/** A due case's cycles. */
export const cyclePurger: CasePurger = {
  kind: 'cycle',
  schedule: 'records',
  async purge(deps, ctx) {
    const out: Purged[] = [];
    for (const { value: cycle } of await deps.store.cycles.list(ctx.enrolment.id)) {
      if (!ctx.dueIds.has(cycle.caseId)) continue;
      await deps.store.cycles.remove({ partition: cycle.enrolmentId, id: cycle.id });
      out.push({ kind: 'cycle', id: cycle.id });
    }
    return out;
  },
};

/** The case record itself (code, consent, dates): last, once everything that refers to it is gone. */
export const caseRecordPurger: CasePurger = {
  kind: 'case',
  schedule: 'records',
  async purge(deps, ctx) {
    for (const { value: c } of ctx.due) await deps.store.cases.remove({ partition: c.enrolmentId, id: c.id });
    return ctx.due.map(({ value: c }) => ({ kind: 'case', id: c.id }));
  },
};

/**
 * The purgers in the order they run. Clips (with their moments, stills and comments) are deleted before these,
 * by the clip retention job. A new kind of case data adds its purger here, before `caseRecordPurger`.
 */
export const casePurgers: readonly CasePurger[] = [uploadSessionPurger, supervisionRecordTextPurger, supervisionCaseReferencePurger, cyclePurger, caseRecordPurger];

export interface FullRetentionRun {
  readonly clips: RetentionRun;
  /** Items deleted or redacted, by kind. */
  readonly purged: Readonly<Record<string, number>>;
  readonly failed: number;
}

/**
 * The retention job: clips first (their own rule, with per-clip legal hold), then every purger for every
 * enrolment's closed cases on the service's schedules. Each deletion is audited with ids only; a failure is
 * audited as failed and retried on the next run. Runs on one instance at a time (see `startLeaderJob`).
 */
export async function runRetention(deps: ClipDeps, o: { purgers?: readonly CasePurger[] } = {}): Promise<FullRetentionRun> {
  const purgers = o.purgers ?? casePurgers;
  const clips = await runClipRetention(deps);
  const now = deps.clock.now();
  const today = toIsoDate(now);
  const purged: Record<string, number> = {};
  let failed = 0;
  const months = new Map<string, ScheduleMonths>();
  for (const { value: enrolment } of await deps.store.enrolments.list()) {
    if (!months.has(enrolment.serviceId)) {
      const service = await deps.store.services.get({ partition: 'service', id: enrolment.serviceId });
      // No service record: nothing is deleted (an irreversible deletion never rests on a missing record).
      if (!service) continue;
      months.set(enrolment.serviceId, retentionSchedule(service.value));
    }
    const schedule = months.get(enrolment.serviceId)!;
    const [cases, storedClips] = await Promise.all([deps.store.cases.list(enrolment.id), deps.clips.clips.list(enrolment.id)]);
    const heldCaseIds = new Set(storedClips.map((c) => c.value).filter((c: Clip) => c.legalHold).map((c) => c.caseId));
    const liveCaseIds = new Set(cases.map((c) => c.value.id));
    const contexts = new Map<RetentionScheduleKind, PurgeContext>();
    for (const kind of ['video', 'records'] as const) {
      const dueIds = new Set(casesDue({ cases: cases.map((c) => c.value), heldCaseIds, schedule: kind, months: schedule, today }).map((c) => c.id));
      contexts.set(kind, { enrolment, due: cases.filter((c) => dueIds.has(c.value.id)), dueIds, liveCaseIds, now });
    }
    if (![...contexts.values()].some((c) => c.due.length > 0)) continue;
    for (const purger of purgers) {
      const ctx = contexts.get(purger.schedule)!;
      if (ctx.due.length === 0) continue;
      try {
        for (const item of await purger.purge(deps, ctx)) {
          purged[item.kind] = (purged[item.kind] ?? 0) + 1;
          await audit(deps, { actor: null, action: 'retention_delete', object: { kind: item.kind, id: item.id }, purpose: 'retention schedule', subject: enrolment.traineeId });
        }
      } catch {
        failed += 1;
        await audit(deps, { actor: null, action: 'retention_delete', object: { kind: purger.kind, id: enrolment.id }, outcome: 'failed', purpose: 'retention schedule', subject: enrolment.traineeId });
        break;
      }
    }
  }
  return { clips, purged, failed };
}
