import { AttuneError } from '../../domain/errors';
import type { CalendarPort } from '../../ports/calendar';
import type { DirectoryPort } from '../../ports/directory';

const off = (): never => {
  throw new AttuneError('invalid_state', 'Booking supervision in Outlook is not switched on for your organisation. You can still log supervision after it happens; IT can switch booking on (SCHEDULING, see the README).');
};

/** Production with SCHEDULING off: every booking is refused with a message that says so; the directory knows no one. */
export const switchedOffCalendar: CalendarPort = {
  slotMinutes: 30,
  freeBusy: off,
  createMeeting: off,
  readMeeting: off,
  rescheduleMeeting: off,
  cancelMeeting: off,
};

export const emptyDirectory: DirectoryPort = { managerOf: () => Promise.resolve(null) };
