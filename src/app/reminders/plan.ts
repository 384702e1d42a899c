import { AttuneError } from '../../domain/errors';
import { dueReminders, openItems, openKey, openSubjects, unanchoredSubjects } from '../../domain/reminders/due';
import { cardChangeFor, isSpent, outboxRowOf, type OutboxRow } from '../../domain/reminders/delivery';
import type { Versioned } from '../../ports/data-store';
import { reminderKeys, tenantOfPerson } from '../../ports/reminders';
import { conversationsOf } from '../conversations/card-deliveries';
import type { ReminderDeps } from './deps';
import { loadReminderWorld } from './facts';

export interface PlanResult {
  /** Outbox rows this run created and queued. */
  readonly claimed: number;
  /** Due, but another run had claimed them first (an insert that found the row). */
  readonly alreadyClaimed: number;
  /** Due for someone Attune cannot reach (no conversation, or Teams refused them): left waiting. */
  readonly unreachable: number;
  /** Delivered cards whose things are done: queued to be updated to "done". */
  readonly closing: number;
  /** Queued cards whose things were done before they were sent: not sent. */
  readonly cancelled: number;
  /** Queued rows whose message seems lost (a crash between the insert and the enqueue): queued again. */
  readonly requeued: number;
  /** Delivered digests some of whose things are now done: queued to be updated to say so. */
  readonly updating: number;
  /** Outbox rows, snoozes and first-seen times about things done long enough ago: removed. */
  readonly pruned: number;
}

const claimIsTaken = (e: unknown): boolean => e instanceof AttuneError && e.code === 'conflict';

/**
 * One planning run (the leader's): what is due now becomes outbox rows, each claimed by inserting its
 * occurrence key (a second insert of the same key fails, so two planners never queue one reminder twice),
 * then put on the queue. Cards about things now done are queued to close; rows left queued too long are
 * queued again (the message may never have been sent). `epoch` is the planner's fencing token.
 */
export async function planReminders(deps: ReminderDeps, input: { epoch: number }): Promise<PlanResult> {
  const now = deps.clock.now().toISOString();
  const world = await loadReminderWorld(deps);
  const result = { claimed: 0, alreadyClaimed: 0, unreachable: 0, closing: 0, cancelled: 0, requeued: 0, updating: 0, pruned: 0 };

  const firstSeen = new Map(world.firstSeen);
  for (const subject of unanchoredSubjects(world.facts, { now, firstSeen })) {
    try {
      await deps.reminders.firstSeen.create({ subject, at: now });
      firstSeen.set(subject, now);
    } catch (e) {
      if (!claimIsTaken(e)) throw e;
    }
  }

  const due = dueReminders({ facts: world.facts, rules: world.rules, now, defaultZone: deps.scheduling.zone, people: world.people, snoozes: world.snoozes, mutes: world.mutes, sent: world.sent, firstSeen });
  const reachable = await conversationsOf(deps, due.map((d) => d.personId));
  for (const occurrence of due) {
    const to = reachable.get(occurrence.personId);
    const refused = world.undeliverable.get(occurrence.personId);
    if (!to || (refused && refused.conversationStoredAt >= to.storedAt)) {
      result.unreachable++;
      continue;
    }
    try {
      await deps.reminders.outbox.create(outboxRowOf(occurrence, { epoch: input.epoch, at: now }));
    } catch (e) {
      if (!claimIsTaken(e)) throw e;
      result.alreadyClaimed++;
      continue;
    }
    await deps.queue.enqueue({ kind: 'deliver', key: occurrence.key, tenantId: tenantOfPerson(occurrence.personId) });
    result.claimed++;
  }

  const open = openSubjects(world.facts, now);
  const stale = deps.clock.now().getTime() - 2 * deps.reminderSettings.visibilitySeconds * 1000 - 60_000;
  const nowMs = deps.clock.now().getTime();
  const keepDays = deps.reminderSettings.keepDays;
  for (const row of world.outbox) {
    const r = row.value;
    const done = r.items.length > 0 && r.items.every((i) => !open.has(openKey(r.ruleId, i.subject)));
    const change = cardChangeFor(r, open);
    if (change?.kind === 'close' && r.state.status === 'delivered') {
      if (await replaceOrSkip(deps, { ...r, state: { ...r.state, closing: true } }, row)) {
        await deps.queue.enqueue({ kind: 'close', key: r.key, tenantId: tenantOfPerson(r.personId) });
        result.closing++;
      }
    } else if (change?.kind === 'update' && r.state.status === 'delivered') {
      if (await replaceOrSkip(deps, { ...r, state: { ...r.state, doneItems: change.doneItems } }, row)) {
        await deps.queue.enqueue({ kind: 'update', key: r.key, tenantId: tenantOfPerson(r.personId) });
        result.updating++;
      }
    } else if (r.state.status === 'queued') {
      if (done) {
        if (await replaceOrSkip(deps, { ...r, state: { status: 'cancelled', at: now } }, row)) result.cancelled++;
      } else if (Date.parse(r.state.enqueuedAt) < stale) {
        if (await replaceOrSkip(deps, { ...r, state: { status: 'queued', enqueuedAt: now } }, row)) {
          await deps.queue.enqueue({ kind: 'deliver', key: r.key, tenantId: tenantOfPerson(r.personId) });
          result.requeued++;
        }
      }
    } else if (isSpent(r, open, { nowMs, keepDays })) {
      await deps.reminders.outbox.remove(reminderKeys.outbox(r));
      result.pruned++;
    }
  }

  // A snooze or a first-seen time about something done is spent: it can never matter again.
  const openAtAll = new Set(openItems(world.facts, now).map((i) => i.subject));
  for (const snooze of world.snoozes) {
    if (!open.has(openKey(snooze.ruleId, snooze.subject)) && Date.parse(snooze.until) <= nowMs) {
      await deps.reminders.snoozes.remove(reminderKeys.snooze(snooze));
      result.pruned++;
    }
  }
  for (const [subject] of world.firstSeen) {
    if (!openAtAll.has(subject)) {
      await deps.reminders.firstSeen.remove(reminderKeys.firstSeen({ subject }));
      result.pruned++;
    }
  }
  return result;
}

/** A replace that another instance may have beaten: false then (it acted on the row, so this one need not). */
async function replaceOrSkip(deps: ReminderDeps, value: OutboxRow, stored: Versioned<OutboxRow>): Promise<boolean> {
  try {
    await deps.reminders.outbox.replace(value, stored.etag);
    return true;
  } catch (e) {
    if (claimIsTaken(e)) return false;
    throw e;
  }
}
