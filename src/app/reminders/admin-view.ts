import { AttuneError } from '../../domain/errors';
import type { Enrolment } from '../../domain/practice';
import type { PersonId } from '../../domain/people';
import { reminderRuleLabel, type ReminderRuleLabel } from '../../domain/reminders/labels';
import { sampleReminderView } from '../../domain/reminders/preview';
import { assertReminderRules, defaultReminderRules, reminderRuleIds, type ReminderRule, type ReminderRuleId, type ReminderRules } from '../../domain/reminders/rules';
import { summariseReminders, type ReminderSummary } from '../../domain/reminders/summary';
import type { ReminderCardView } from '../../domain/reminders/delivery';
import type { ServiceSettings } from '../../domain/service';
import { reminderKeys, tenantOfPerson, type ReminderStore } from '../../ports/reminders';
import type { ClipStore } from '../../ports/clip-store';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';

/** What the admin's reminder pages need: the use cases' dependencies and the reminder store. */
export interface ReminderViewDeps extends AppDeps {
  readonly reminders: ReminderStore;
  /** Clip records, for the clip rules in a person's upcoming reminders; null where they are not at hand. */
  readonly clips: Pick<ClipStore, 'clips' | 'uploads'> | null;
}

/** The version of a service's rules while it has none of its own (the defaults): send it to save the first. */
export const defaultRulesEtag = 'defaults';

/** The service the actor administers; anyone else gets not_found, as for the service settings. */
async function adminService(deps: AppDeps, actor: Actor): Promise<ServiceSettings> {
  const services = await deps.store.services.list('service');
  const mine = services.find((s) => s.value.admins.includes(actor.person.id));
  if (!mine) throw new AttuneError('not_found', 'Not found.');
  return mine.value;
}

const enrolmentOfSubject = (subject: string): string => subject.split(':')[1] ?? '';

export interface AdminReminders {
  readonly summary: ReminderSummary;
  /** Display names of the people in the lines (as the service's people list has them). */
  readonly names: ReadonlyMap<PersonId, string>;
  readonly labels: ReadonlyMap<ReminderRuleId, ReminderRuleLabel>;
}

/**
 * The service's reminders for its admin: cards about the service's enrolments (by state), snoozes on them,
 * mutes and unreachable people among the service's people. Another service's reminders never appear.
 */
export async function viewAdminReminders(deps: ReminderViewDeps, input: { actor: Actor; limit: number }): Promise<AdminReminders> {
  const service = await adminService(deps, input.actor);
  const enrolments: Enrolment[] = (await deps.store.enrolments.list()).map((e) => e.value).filter((e) => e.serviceId === service.id);
  const ids = new Set(enrolments.map((e) => e.id));
  const people = new Set(enrolments.flatMap((e) => [e.traineeId, e.supervisorId, e.lineManagerId]));
  const r = deps.reminders;
  const [rows, snoozes, mutes, unreachable] = await Promise.all([r.outbox.list(), r.snoozes.list(), r.mutes.list(), r.undeliverable.list()]);
  // An item is the service's when it is about one of its enrolments, or (an undeliverable person) one of its people.
  const isOurs = (about: { readonly enrolmentId?: string; readonly personId?: string }): boolean => (about.enrolmentId !== undefined && ids.has(about.enrolmentId)) || (about.personId !== undefined && people.has(about.personId));
  const ours = rows.map((x) => x.value).filter((x) => x.items.some((i) => isOurs(i.about)));
  const summary = summariseReminders({
    rows: ours,
    snoozes: snoozes.map((s) => s.value).filter((s) => ids.has(enrolmentOfSubject(s.subject))),
    mutes: mutes.map((m) => m.value).filter((m) => people.has(m.personId)),
    unreachable: unreachable.map((u) => u.value).filter((u) => people.has(u.personId)),
    ruleIds: reminderRuleIds,
    now: deps.clock.now().toISOString(),
    limit: input.limit,
  });
  const names = new Map<PersonId, string>();
  const shown = new Set(Object.values(summary.lines).flatMap((ls) => ls.map((l) => l.personId)));
  for (const id of shown) {
    const p = await deps.store.people.get({ partition: tenantOfPerson(id), id: id.slice(id.indexOf(':') + 1) });
    names.set(id, p?.value.displayName ?? 'Someone no longer in the directory');
  }
  return { summary, names, labels: new Map([...summary.perRule.keys()].map((id) => [id, reminderRuleLabel(id)])) };
}

export interface RulesView {
  readonly serviceId: string;
  readonly rules: ReminderRules;
  readonly etag: string;
}

/** Stored rules over the defaults: every rule id there is, the service's own where it has one. */
function merged(stored: Partial<Record<string, ReminderRule>> | undefined): ReminderRules {
  const out = {} as Record<ReminderRuleId, ReminderRule>;
  for (const id of reminderRuleIds) out[id] = stored?.[id] ?? defaultReminderRules[id];
  return out;
}

export async function viewReminderRules(deps: ReminderViewDeps, actor: Actor): Promise<RulesView> {
  const service = await adminService(deps, actor);
  const stored = await deps.reminders.rules.get(reminderKeys.rules({ serviceId: service.id }));
  return { serviceId: service.id, rules: merged(stored?.value.rules), etag: stored?.etag ?? defaultRulesEtag };
}

/**
 * The service's rules, changed as a whole, with the version that was read (If-Match): a stale one is a
 * conflict, never an overwrite. Rules are checked by `reminderRuleProblems`, each problem listed.
 */
export async function changeReminderRules(deps: ReminderViewDeps, input: { actor: Actor; rules: Partial<Record<string, ReminderRule>>; etag: string }): Promise<RulesView> {
  const service = await adminService(deps, input.actor);
  const unknown = Object.keys(input.rules).filter((id) => !(reminderRuleIds as readonly string[]).includes(id));
  if (unknown.length) throw new AttuneError('invalid_input', 'The reminder rules need attention.', unknown.map((id) => `${id}: there is no such reminder rule.`));
  const current = await deps.reminders.rules.get(reminderKeys.rules({ serviceId: service.id }));
  const base = merged(current?.value.rules);
  const next = {} as Record<ReminderRuleId, ReminderRule>;
  for (const id of reminderRuleIds) {
    const r = input.rules[id] ?? base[id];
    next[id] = { enabled: r.enabled, afterDays: [...r.afterDays], thenEveryDays: r.thenEveryDays };
  }
  assertReminderRules(next);
  const stale = (): AttuneError => new AttuneError('conflict', 'Someone else changed the reminder rules since you opened them. Reload to see their change, then make yours again.');
  if (current) {
    if (input.etag !== current.etag) throw stale();
    await deps.reminders.rules.replace({ serviceId: service.id, rules: next }, input.etag);
  } else {
    if (input.etag !== defaultRulesEtag) throw stale();
    try {
      await deps.reminders.rules.create({ serviceId: service.id, rules: next });
    } catch (e) {
      if (e instanceof AttuneError && e.code === 'conflict') throw stale();
      throw e;
    }
  }
  await audit(deps, { actor: input.actor, action: 'change_reminder_rules', object: { kind: 'service', id: service.id }, purpose: 'service configuration' });
  return viewReminderRules(deps, input.actor);
}

/** A rule's card with sample data, for the admin's preview (the renderer draws it). */
export async function previewReminderRule(deps: ReminderViewDeps, input: { actor: Actor; ruleId: string }): Promise<ReminderCardView> {
  await adminService(deps, input.actor);
  const id = reminderRuleIds.find((r) => r === input.ruleId);
  if (!id) throw new AttuneError('not_found', 'There is no such reminder rule.');
  return sampleReminderView(id, deps.clock.now().toISOString());
}
