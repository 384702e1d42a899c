import type { SupervisionCadence } from '../../domain/contract';
import { defaultWorkingHours } from '../../domain/scheduling/working-hours';
import { proposeSlots, slotSearchWindow, type SlotProposal } from '../../domain/scheduling/propose-slots';
import type { DelegatedUser, PersonSchedule, TimeWindow } from '../../ports/calendar';
import type { AppDeps } from '../deps';
import type { Caller } from '../people';
import { refOf, schedulingContext, type SchedulingContext } from './context';

/** Times both people are free for a session, as offered to the person who asked. */
export interface TimeOffer {
  readonly enrolmentId: string;
  readonly traineeName: string;
  readonly supervisorName: string;
  readonly sessionMinutes: number;
  /** The contract's own length, whatever length was asked for. */
  readonly contractMinutes: number;
  readonly zone: string;
  readonly cadence: SupervisionCadence;
  readonly proposal: SlotProposal;
}

export interface FindTimesInput {
  readonly actor: Caller;
  readonly enrolmentId: string;
  /** A length other than the contract's, in minutes; null for the contract's (60 when it does not say). */
  readonly minutes?: number | null;
  /** Set when the tab asked: free/busy is read as the person (OBO). */
  readonly onBehalfOf?: DelegatedUser | null;
}

/**
 * Finds up to five times in the next three weeks when the trainee and supervisor are both free, within
 * working hours, of the contract's session length and ending before the contract does. The trainee or the
 * supervisor may ask; anyone else is told the enrolment is not there.
 */
export async function findSupervisionTimes(deps: AppDeps, input: FindTimesInput): Promise<TimeOffer> {
  const context = await schedulingContext(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'plan_supervision' });
  return offerTimes(deps, { context, actor: input.actor, minutes: input.minutes ?? null, onBehalfOf: input.onBehalfOf ?? null });
}

/** The offer for a context already authorised: also what a clash at booking time answers with. */
export async function offerTimes(deps: AppDeps, input: { context: SchedulingContext; actor: Caller; minutes: number | null; onBehalfOf: DelegatedUser | null }): Promise<TimeOffer> {
  const { context } = input;
  const now = deps.clock.now().toISOString();
  const sessionMinutes = input.minutes ?? context.sessionMinutes;
  const search = { now, ...(context.latestEnd ? { latestEnd: context.latestEnd } : {}) };
  const window = slotSearchWindow(search);
  const schedules = window ? await schedulesOf(deps, { context, actor: input.actor, window, onBehalfOf: input.onBehalfOf }) : [];
  const proposal = proposeSlots({ ...search, schedules, sessionMinutes, workingHours: { ...defaultWorkingHours, zone: deps.scheduling.zone } });
  return { enrolmentId: context.enrolment.id, traineeName: context.trainee.displayName, supervisorName: context.supervisor.displayName, sessionMinutes, contractMinutes: context.sessionMinutes, zone: deps.scheduling.zone, cadence: context.cadence, proposal };
}

/** Both people's free/busy over `window`, read as the person asking (their own calendar's view of the others). */
export function schedulesOf(deps: AppDeps, input: { context: SchedulingContext; actor: Caller; window: TimeWindow; onBehalfOf: DelegatedUser | null }): Promise<readonly PersonSchedule[]> {
  return deps.calendar.freeBusy({
    asking: refOf(input.actor.person),
    people: [refOf(input.context.trainee), refOf(input.context.supervisor)],
    window: input.window,
    ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
  });
}
