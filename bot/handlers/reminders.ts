import { muteReminderRule, snoozeReminder, viewReminder } from '../../src/app/reminders/card-actions';
import type { ReminderStore } from '../../src/ports/reminders';
import type { CardActionData } from '../card-actions';
import { renderNoticeCard } from '../cards/practice-cards';
import { renderReminderCard } from '../cards/reminder-cards';
import type { AdaptiveCard } from '../cards/template';
import type { Turn } from '../turn';

const switchedOff = (): AdaptiveCard => renderNoticeCard({ title: 'Reminders are switched off', lines: ['This Attune does not send reminders just now.'] });

/** "Remind me tomorrow / next week" on a reminder card. */
export async function reminderSnoozeAction(turn: Turn, reminders: ReminderStore | undefined, data: CardActionData['reminder.snooze']): Promise<AdaptiveCard> {
  if (!reminders) return switchedOff();
  return renderReminderCard(await snoozeReminder({ ...turn.app, reminders }, { actor: turn.actor, key: data.key, choice: data.until }), turn.links);
}

/** "Stop these reminders" on a reminder card. */
export async function reminderMuteAction(turn: Turn, reminders: ReminderStore | undefined, data: CardActionData['reminder.mute']): Promise<AdaptiveCard> {
  if (!reminders) return switchedOff();
  return renderReminderCard(await muteReminderRule({ ...turn.app, reminders }, { actor: turn.actor, key: data.key }), turn.links);
}

/** The card's refresh: done, or still to do. */
export async function reminderRefreshAction(turn: Turn, reminders: ReminderStore | undefined, data: CardActionData['reminder.refresh']): Promise<AdaptiveCard> {
  if (!reminders) return switchedOff();
  return renderReminderCard(await viewReminder({ ...turn.app, reminders }, { actor: turn.actor, key: data.key }), turn.links);
}
