import type { Encoded } from '../../contract/http/common';
import type { AdminReminders, MyReminders, ReminderRulesView } from '../../contract/http/reminders';
import type { AdminReminders as AdminRemindersModel, RulesView } from '../../app/reminders/admin-view';
import type { MyReminders as MyRemindersModel } from '../../app/reminders/my-reminders';
import { reminderItemLine, reminderRuleLabel } from '../../domain/reminders/labels';
import { reminderGroups } from '../../domain/reminders/summary';

export function encodeAdminReminders(v: AdminRemindersModel): Encoded<typeof AdminReminders> {
  const s = v.summary;
  return {
    counts: s.counts,
    groups: reminderGroups.map((group) => ({ group, more: s.more[group], lines: s.lines[group].map((l) => ({ ...l, personName: v.names.get(l.personId) ?? 'Someone' })) })),
    perRule: [...s.perRule].map(([ruleId, counts]) => ({ ruleId, ...reminderRuleLabel(ruleId), counts })),
  };
}

export const encodeReminderRules = (v: RulesView): Encoded<typeof ReminderRulesView> => ({
  etag: v.etag,
  rules: Object.entries(v.rules).map(([id, r]) => ({ id, ...reminderRuleLabel(id), enabled: r.enabled, afterDays: r.afterDays, thenEveryDays: r.thenEveryDays })),
});

export const encodeMyReminders = (v: MyRemindersModel): Encoded<typeof MyReminders> => ({
  zone: v.zone,
  preferences: { zone: v.preferences.zone ?? null, startMinute: v.preferences.startMinute ?? 9 * 60, endMinute: v.preferences.endMinute ?? 17 * 60, weekends: v.preferences.weekends ?? false },
  upcoming: v.upcoming.map((u) => ({ ruleId: u.ruleId, label: reminderRuleLabel(u.ruleId).label, what: reminderItemLine(u.about), state: u.state, at: u.at })),
  mutes: v.mutes.map((m) => ({ ruleId: m.ruleId, label: reminderRuleLabel(m.ruleId).label, mutedAt: m.mutedAt })),
  snoozes: v.snoozes.map((s) => ({ ruleId: s.ruleId, label: reminderRuleLabel(s.ruleId).label, until: s.until })),
});
