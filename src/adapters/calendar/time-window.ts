import { AttuneError } from '../../domain/errors';
import type { TimeWindow } from '../../ports/calendar';

const dayMs = 86_400_000;

/**
 * A calendar request's window as milliseconds, refused as `invalid_input` when it is unreadable, empty or
 * longer than the calendar answers for (`longest`). Both calendars behind the port check windows this way.
 */
export function checkWindow(window: TimeWindow, longest: number): { from: number; to: number } {
  const from = Date.parse(window.start);
  const to = Date.parse(window.end);
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) throw new AttuneError('invalid_input', 'The start must be a time before the end.');
  if (to - from > longest) throw new AttuneError('invalid_input', `That span is too long (at most ${Math.round(longest / dayMs)} days).`);
  return { from, to };
}
