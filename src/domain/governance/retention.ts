import { addMonths, type IsoDate } from '../dates';
import type { Case } from '../practice';
import type { SupervisionRecord } from '../supervision-record';

/**
 * Retention of a closed case's personal data, as pure functions of the records and today's date. Two clocks
 * start at the case's end of involvement: the **video** schedule (clips, stills, moments, comments and upload
 * sessions; default 2 months) and the longer **records** schedule (the pseudonymised training records: the case
 * code and consent, its cycles, its mentions in supervision, the free text of supervision records, outcome
 * scores; default 72 months). A legal hold on the case, or on any of its clips, stops both.
 */
export type RetentionScheduleKind = 'video' | 'records';

export interface ScheduleMonths {
  readonly videoMonths: number;
  readonly recordMonths: number;
}

/** The date from which the case's data on a schedule may be deleted, or null while the case is open. */
export function caseDeleteAfter(clientCase: Pick<Case, 'endOfInvolvement'>, schedule: RetentionScheduleKind, months: ScheduleMonths): IsoDate | null {
  if (!clientCase.endOfInvolvement) return null;
  return addMonths(clientCase.endOfInvolvement, schedule === 'video' ? months.videoMonths : months.recordMonths);
}

/** The cases of one enrolment whose data on a schedule is due today (not held: by the case or by one of its clips). */
export function casesDue(input: { cases: readonly Case[]; heldCaseIds: ReadonlySet<string>; schedule: RetentionScheduleKind; months: ScheduleMonths; today: IsoDate }): Case[] {
  return input.cases.filter((c) => {
    if (c.legalHold || input.heldCaseIds.has(c.id)) return false;
    const after = caseDeleteAfter(c, input.schedule, input.months);
    return after !== null && after <= input.today;
  });
}

/** The record with its free text removed (what was written, and the supervisor's comments); what it counted stays. */
export function redactRecord(record: SupervisionRecord, at: string): SupervisionRecord {
  const content = { ...record.content, learningQuestion: '', whatWasWorking: '', learningPoints: '', nextSteps: '' };
  const state = record.state.status === 'returned' ? { ...record.state, comment: '' } : record.state.status === 'cosigned' ? { ...record.state, comment: null } : record.state;
  return { ...record, content, state, redactedAt: at };
}

/**
 * Whether a supervision session's record may lose its free text: the session discussed at least one case, and
 * every case it discussed is due on the records schedule (a case already deleted counts as due). A session that
 * discussed no case is the trainee's own record and is kept with the enrolment.
 */
export function sessionRecordDue(caseIds: readonly string[], input: { dueCaseIds: ReadonlySet<string>; liveCaseIds: ReadonlySet<string> }): boolean {
  return caseIds.length > 0 && caseIds.every((id) => input.dueCaseIds.has(id) || !input.liveCaseIds.has(id));
}
