import { muteReminderRule, snoozeReminder, viewReminder } from '../../src/app/reminders/card-actions';
import type { ReminderStore } from '../../src/ports/reminders';
import type { ClipStore } from '../../src/ports/clip-store';
import type { CardActionData } from '../card-actions';
import { renderNoticeCard } from '../cards/practice-cards';
import { renderReminderCard } from '../cards/reminder-cards';
import type { AdaptiveCard } from '../cards/template';
import type { Turn } from '../turn';

/** What the reminder cards' verbs read: the reminder tables (unset: reminders are off) and clips and uploads (the clip rules). */
export interface ReminderCardStores {
  readonly reminders: ReminderStore | undefined;
  readonly clips?: Pick<ClipStore, 'clips' | 'uploads'>;
}

const switchedOff = (): AdaptiveCard => renderNoticeCard({ title: 'Reminders are switched off', lines: ['This Attune does not send reminders just now.'] });

/** "Remind me tomorrow / next week" on a reminder card. */
export async function reminderSnoozeAction(turn: Turn, { reminders, clips }: ReminderCardStores, data: CardActionData['reminder.snooze']): Promise<AdaptiveCard> {
  if (!reminders) return switchedOff();
  return renderReminderCard(await snoozeReminder({ ...turn.app, reminders, ...(clips ? { clips } : {}) }, { actor: turn.actor, key: data.key, choice: data.until }), turn.links);
}

/** "Stop these reminders" on a reminder card. */
export async function reminderMuteAction(turn: Turn, { reminders, clips }: ReminderCardStores, data: CardActionData['reminder.mute']): Promise<AdaptiveCard> {
  if (!reminders) return switchedOff();
  return renderReminderCard(await muteReminderRule({ ...turn.app, reminders, ...(clips ? { clips } : {}) }, { actor: turn.actor, key: data.key }), turn.links);
}

/** The card's refresh: done, or still to do. */
export async function reminderRefreshAction(turn: Turn, { reminders, clips }: ReminderCardStores, data: CardActionData['reminder.refresh']): Promise<AdaptiveCard> {
  if (!reminders) return switchedOff();
  return renderReminderCard(await viewReminder({ ...turn.app, reminders, ...(clips ? { clips } : {}) }, { actor: turn.actor, key: data.key }), turn.links);
}
