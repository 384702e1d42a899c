import { addDays, daysBetween, type IsoDate } from '../dates';
import type { PersonId } from '../people';
import { instantAt, localTimeOf } from '../scheduling/zoned-time';
import { hoursOf, isWorkingDay, openItems, type DueInput, type Instant, type ReminderAbout, type ReminderPreferences } from './due';
import { defaultReminderRules, occurrenceDay, occurrenceIndex, type ReminderRuleId } from './rules';

/**
 * What Attune will remind a person of about one open item:
 * - `scheduled`: the next reminder goes at `at` (the start of a working day, or later);
 * - `due`: a reminder is due now and goes at the next moment the person's working hours and Teams allow;
 * - `snoozed`: quiet until `at`, then reminded once more;
 * - `muted`: the person muted the rule; `off`: the service switched the rule off;
 * - `none`: every reminder of it has been sent, and the rule does not repeat.
 */
export type UpcomingState = 'scheduled' | 'due' | 'snoozed' | 'muted' | 'off' | 'none';

export interface UpcomingReminder {
  readonly ruleId: ReminderRuleId;
  readonly subject: string;
  readonly about: ReminderAbout;
  readonly state: UpcomingState;
  /** When (scheduled, due, snoozed); null otherwise. */
  readonly at: Instant | null;
}

export type UpcomingInput = Omit<DueInput, 'people'> & { readonly personId: PersonId; readonly prefs: ReminderPreferences | undefined };

/** The first moment at or after `ms` inside the person's working hours. */
export function nextWorkingMoment(ms: number, prefs: ReminderPreferences | undefined, defaultZone: string): number {
  const h = hoursOf(prefs, defaultZone);
  const local = localTimeOf(ms, h.zone);
  if (isWorkingDay(local.weekday, h) && local.minutes < h.end) return local.minutes >= h.start ? ms : instantAt({ date: local.date, minutes: h.start }, h.zone);
  let d = addDays(local.date, 1);
  for (let i = 0; i < 7; i++, d = addDays(d, 1)) {
    const t = instantAt({ date: d, minutes: h.start }, h.zone);
    if (isWorkingDay(localTimeOf(t, h.zone).weekday, h)) return t;
  }
  return instantAt({ date: addDays(local.date, 1), minutes: h.start }, h.zone);
}

const iso = (ms: number): Instant => new Date(ms).toISOString();

/**
 * For each open item of the person's, what happens next: pure, from the same inputs as `dueReminders`.
 * Items are in the order `openItems` gives them.
 */
export function upcomingReminders(input: UpcomingInput): UpcomingReminder[] {
  const nowMs = Date.parse(input.now);
  const h = hoursOf(input.prefs, input.defaultZone);
  const today = localTimeOf(nowMs, h.zone).date;
  const sent = new Set<string>();
  for (const s of input.sent) {
    if (s.personId !== input.personId) continue;
    sent.add(s.key);
    for (const k of s.itemKeys) sent.add(k);
  }
  const muted = new Set(input.mutes.filter((m) => m.personId === input.personId).map((m) => m.ruleId));
  const snoozed = new Map<string, Instant>();
  for (const s of input.snoozes) {
    if (s.personId !== input.personId) continue;
    const k = `${s.ruleId}|${s.subject}`;
    const seen = snoozed.get(k);
    if (!seen || s.until > seen) snoozed.set(k, s.until);
  }
  const out: UpcomingReminder[] = [];
  for (const o of openItems(input.facts, input.now)) {
    if (o.personId !== input.personId) continue;
    const base = { ruleId: o.ruleId, subject: o.subject, about: o.about };
    const rule = (input.rules.get(o.serviceId) ?? defaultReminderRules)[o.ruleId];
    if (!rule?.enabled) {
      out.push({ ...base, state: 'off', at: null });
      continue;
    }
    if (muted.has(o.ruleId)) {
      out.push({ ...base, state: 'muted', at: null });
      continue;
    }
    const until = snoozed.get(`${o.ruleId}|${o.subject}`);
    if (until !== undefined && Date.parse(until) > nowMs) {
      out.push({ ...base, state: 'snoozed', at: until });
      continue;
    }
    // An item with no time of its own is timed from when Attune first saw it (the next planning run, if not yet).
    const anchorInstant = o.anchor === null ? (input.firstSeen.get(o.subject) ?? input.now) : 'instant' in o.anchor ? o.anchor.instant : undefined;
    const anchorDate: IsoDate = o.anchor !== null && 'date' in o.anchor ? o.anchor.date : localTimeOf(Date.parse(anchorInstant!), h.zone).date;
    const since = daysBetween(anchorDate, today);
    const current = occurrenceIndex(rule, since);
    const timeOf = (index: number): number => {
      const day = occurrenceDay(rule, index);
      const start = nextWorkingMoment(instantAt({ date: addDays(anchorDate, day), minutes: 0 }, h.zone), input.prefs, input.defaultZone);
      return anchorInstant && day >= 0 ? Math.max(start, nextWorkingMoment(Date.parse(anchorInstant), input.prefs, input.defaultZone)) : start;
    };
    const keyOf = (index: number): string => [o.ruleId, o.keyBase, String(index)].join('|');
    if (current !== null) {
      const day = occurrenceDay(rule, current);
      const live = day >= 0 || since === day;
      if (live && !sent.has(keyOf(current)) && ![...sent].some((k) => k.startsWith(`${keyOf(current)}~`))) {
        const at = timeOf(current);
        out.push({ ...base, state: at > nowMs ? 'scheduled' : 'due', at: iso(Math.max(at, nextWorkingMoment(nowMs, input.prefs, input.defaultZone))) });
        continue;
      }
    }
    const next = current === null ? 0 : current + 1;
    if (next >= rule.afterDays.length && rule.thenEveryDays === null) {
      out.push({ ...base, state: 'none', at: null });
      continue;
    }
    if (occurrenceDay(rule, next) < 0 && occurrenceDay(rule, next) < since) {
      out.push({ ...base, state: 'none', at: null });
      continue;
    }
    out.push({ ...base, state: 'scheduled', at: iso(timeOf(next)) });
  }
  return out;
}
