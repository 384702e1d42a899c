import * as z from 'zod';
import { cardChoice, cardRef } from './fields';

/** The reminder a reminder card shows: its outbox key (the use case checks it is the clicker's own). */
const shown = { key: cardRef };

/** reminder.snooze: quiet until tomorrow's or next Monday's working hours, then reminded once more. */
export const ReminderSnooze = z.object({ ...shown, until: cardChoice(['tomorrow', 'next_week']) });

/** reminder.mute: no more reminders of this kind for the clicker. */
export const ReminderMute = z.object(shown);

/** reminder.refresh: the card as it is now (done, or still to do). */
export const ReminderRefresh = z.object(shown);
