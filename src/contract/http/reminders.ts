import * as z from 'zod';
import { Instant, PathId, PersonId } from './common';

/** Reminders made visible: the service admin's outbox and rules, and each person's own reminders. */

export const ReminderAudience = z.enum(['trainee', 'supervisor', 'line_manager', 'admin']);
export const ReminderGroup = z.enum(['sent', 'waiting', 'snoozed', 'muted', 'undeliverable', 'dead', 'cancelled']);
export type ReminderGroup = z.infer<typeof ReminderGroup>;
const GroupCounts = z.object({ sent: z.number(), waiting: z.number(), snoozed: z.number(), muted: z.number(), undeliverable: z.number(), dead: z.number(), cancelled: z.number() });

export const ReminderLine = z.object({
  ruleId: z.string().nullable().describe('Null for a person Teams refused to reach.'),
  personId: PersonId,
  personName: z.string(),
  key: z.string().nullable().describe('The outbox row (cards); null for snoozes, mutes and unreachable people.'),
  status: z.string().describe('delivered, closed, queued, sending, undeliverable, dead, cancelled, snoozed, muted, recipient.'),
  at: Instant,
  reason: z.string().nullable().describe('Why it was not delivered.'),
  items: z.number().describe('How many things the card is about.'),
});
export type ReminderLine = z.infer<typeof ReminderLine>;

export const AdminReminders = z.object({
  counts: GroupCounts,
  groups: z.array(z.object({ group: ReminderGroup, lines: z.array(ReminderLine), more: z.number().describe('Lines left out (the newest are shown).') })),
  perRule: z.array(z.object({ ruleId: z.string(), label: z.string(), audience: ReminderAudience, counts: GroupCounts })),
});
export type AdminReminders = z.infer<typeof AdminReminders>;

export const AdminRemindersQuery = z.object({
  limit: z
    .string({ error: 'limit must be a whole number from 1 to 200.' })
    .regex(/^\d{1,3}$/, { error: 'limit must be a whole number from 1 to 200.' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 200, { error: 'limit must be a whole number from 1 to 200.' })
    .optional()
    .describe('Lines per group, 1 to 200 (default 50).'),
});

const ruleTiming = {
  enabled: z.boolean({ error: 'Say whether the rule is on (enabled: true or false).' }),
  afterDays: z.array(z.number({ error: 'Reminder days are whole numbers.' }), { error: 'Give the reminder days as a list of numbers.' }).max(50, { error: 'Give at most 12 reminder days.' }),
  thenEveryDays: z.number({ error: 'Repeat every so many days, or null for no repeat.' }).nullable(),
};

export const ReminderRuleView = z.object({ id: z.string(), label: z.string(), audience: ReminderAudience, ...ruleTiming });
export type ReminderRuleView = z.infer<typeof ReminderRuleView>;

export const ReminderRulesView = z.object({ etag: z.string().describe('Send it back as If-Match with a change.'), rules: z.array(ReminderRuleView) });
export type ReminderRulesView = z.infer<typeof ReminderRulesView>;

export const ReminderRulesChange = z.object({
  rules: z
    .record(z.string().max(60, { error: 'That rule id is too long.' }), z.object(ruleTiming, { error: 'Each rule needs enabled, afterDays and thenEveryDays.' }), { error: 'Send the rules by id.' })
    .refine((r) => Object.keys(r).length <= 50, { error: 'Too many rules.' }),
});
export type ReminderRulesChange = z.infer<typeof ReminderRulesChange>;

export const ReminderRuleParams = z.object({ ruleId: PathId('reminder rule') });

export const ReminderPreview = z.object({ ruleId: z.string(), card: z.looseObject({ type: z.literal('AdaptiveCard') }).describe('The Adaptive Card (1.5) JSON, drawn with sample data.') });
export type ReminderPreview = z.infer<typeof ReminderPreview>;

export const ReminderPreferences = z.object({
  zone: z.string().nullable().describe('An IANA time zone; null: the service’s.'),
  startMinute: z.number().describe('Working hours start, minutes after local midnight.'),
  endMinute: z.number(),
  weekends: z.boolean(),
});
export type ReminderPreferences = z.infer<typeof ReminderPreferences>;

const minute = (what: string) =>
  z
    .number({ error: `${what} must be a time of day in minutes (0 to 1440).` })
    .int({ error: `${what} must be a whole number of minutes.` })
    .min(0, { error: `${what} must be a time of day in minutes (0 to 1440).` })
    .max(1440, { error: `${what} must be a time of day in minutes (0 to 1440).` });

export const ReminderPreferencesChange = z.object({
  zone: z.string({ error: 'Choose a time zone, or null for the service’s.' }).max(64, { error: 'Choose a time zone such as Europe/London.' }).nullable(),
  startMinute: minute('The start of working hours'),
  endMinute: minute('The end of working hours'),
  weekends: z.boolean({ error: 'Say whether weekends are fine (true or false).' }),
});

export const UpcomingReminder = z.object({
  ruleId: z.string(),
  label: z.string(),
  what: z.string().describe('What the reminder is about, in a line (dates and versions only).'),
  state: z.enum(['scheduled', 'due', 'snoozed', 'muted', 'off', 'none']),
  at: Instant.nullable(),
});

export const MyReminders = z.object({
  zone: z.string().describe('The zone reminders are timed in.'),
  preferences: ReminderPreferences,
  upcoming: z.array(UpcomingReminder),
  mutes: z.array(z.object({ ruleId: z.string(), label: z.string(), mutedAt: Instant })),
  snoozes: z.array(z.object({ ruleId: z.string(), label: z.string(), until: Instant })),
});
export type MyReminders = z.infer<typeof MyReminders>;
