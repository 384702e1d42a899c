import { AttuneError } from '../../domain/errors';
import { cancelPlanned, eventIdOf, type PlannedSupervision } from '../../domain/scheduling/planned-supervision';
import type { AppDeps } from '../deps';
import { personById } from '../people';
import { finishBooking, replaceOrReread } from './book';
import { refOf } from './context';

/** How often one booked meeting is read back from Outlook at most, when a page or a card shows it. */
export const followEveryMs = 5 * 60_000;

export interface FollowResult {
  readonly checked: number;
  readonly moved: number;
  readonly cancelled: number;
  /** Bookings still being made (after a crash or an outage) that were finished. */
  readonly finished: number;
  /** Meetings Outlook could not be asked about this time; they are asked again next time. */
  readonly failed: number;
}

/**
 * Follows Outlook: each upcoming booked meeting of the enrolment (or of every enrolment) is read back, and a
 * meeting moved in Outlook moves in Attune, one cancelled or deleted there is cancelled here. Bookings left
 * half made are finished. A meeting read less than `followEveryMs` ago is skipped unless `force`. Outlook
 * being unreachable changes nothing: Attune shows what it last knew and asks again next time.
 *
 * (A Graph change subscription would tell Attune sooner; it needs a public https endpoint Graph can reach and a
 * renewal every few days, so reading back — on every view and on a timer — is what works in every tenant.)
 */
export async function followCalendar(deps: AppDeps, input: { enrolmentId?: string; force?: boolean } = {}): Promise<FollowResult> {
  const now = deps.clock.now();
  const rows = await deps.store.plannedSupervision.list(input.enrolmentId);
  const result = { checked: 0, moved: 0, cancelled: 0, finished: 0, failed: 0 };
  for (const row of rows) {
    const p = row.value;
    try {
      if (p.state.status === 'booking') {
        if ((await finishBooking(deps, p)).state.status === 'booked') result.finished++;
        continue;
      }
      if (p.state.status !== 'booked' || Date.parse(p.window.end) <= now.getTime()) continue;
      if (!input.force && p.checkedAt && now.getTime() - Date.parse(p.checkedAt) < followEveryMs) continue;
      const change = await readBack(deps, p, now.toISOString());
      result.checked++;
      await replaceOrReread(deps, change.next, row);
      if (change.kind !== 'same') {
        result[change.kind]++;
        await deps.audit.append({ at: now.toISOString(), actor: null, action: change.kind === 'moved' ? 'follow_moved_supervision' : 'follow_cancelled_supervision', object: { kind: 'planned_supervision', id: p.id }, outcome: 'allowed' });
      }
    } catch (e) {
      if (!(e instanceof AttuneError)) throw e;
      result.failed++;
    }
  }
  return result;
}

async function readBack(deps: AppDeps, p: PlannedSupervision, now: string): Promise<{ kind: 'same' | 'moved' | 'cancelled'; next: PlannedSupervision }> {
  const organiser = await personById(deps, p.organiserId);
  const eventId = eventIdOf(p);
  if (!organiser || !eventId) return { kind: 'same', next: { ...p, checkedAt: now } };
  const meeting = await deps.calendar.readMeeting({ organiser: refOf(organiser), eventId });
  if (!meeting || meeting.cancelled) return { kind: 'cancelled', next: { ...cancelPlanned(p, now, 'outlook'), checkedAt: now } };
  const joinUrl = p.state.status === 'booked' ? p.state.joinUrl : null;
  if (meeting.window.start !== p.window.start || meeting.window.end !== p.window.end) {
    return { kind: 'moved', next: { ...p, window: meeting.window, checkedAt: now, state: p.state.status === 'booked' ? { ...p.state, joinUrl: meeting.joinUrl ?? joinUrl } : p.state } };
  }
  // The Teams link can arrive after the event is made: keep it once Outlook has it.
  const state = p.state.status === 'booked' && meeting.joinUrl && meeting.joinUrl !== joinUrl ? { ...p.state, joinUrl: meeting.joinUrl } : p.state;
  return { kind: 'same', next: { ...p, state, checkedAt: now } };
}
