import type { Instant, ReminderItem, ReminderOccurrence, SentReminder } from './due';
import type { ReminderRuleId } from './rules';

/**
 * A reminder card's delivery, as its outbox row records it. The row is created once (claimed by insert, its
 * key the occurrence's), then moved on by ETag-guarded replaces, so one sender at a time holds it:
 *
 *   queued → sending (a sender holds it until `until`) → delivered (the activity id, so the card can be
 *   updated) → closed (the card says "done"); or → undeliverable (403/404: the app was removed or the person
 *   is gone), dead (retried as far as it may be, with the reason), cancelled (done before it was sent).
 *
 * A sender that dies while `sending` leaves the row held until `until`; the queue shows the message again
 * after its visibility timeout, and the next sender cannot tell whether the card went out, so it sends it
 * again: at most one duplicate per crash, and `sends` counts every attempt that may have reached Teams.
 */
export type DeliveryState =
  | { readonly status: 'queued'; readonly enqueuedAt: Instant }
  | { readonly status: 'sending'; readonly by: string; readonly until: Instant }
  | { readonly status: 'delivered'; readonly activityId: string | null; readonly at: Instant; readonly closing: boolean }
  | { readonly status: 'closed'; readonly activityId: string | null; readonly at: Instant }
  | { readonly status: 'undeliverable'; readonly httpStatus: number; readonly at: Instant }
  | { readonly status: 'dead'; readonly reason: string; readonly at: Instant }
  | { readonly status: 'cancelled'; readonly at: Instant };

/** The occurrence it delivers, and how its delivery stands. */
export interface OutboxRow extends ReminderOccurrence {
  /** The fencing token of the leader that claimed it (see the scheduler's lease). */
  readonly epoch: number;
  readonly createdAt: Instant;
  /** Times the card was handed to the channel (more than one only after a crash or a lost answer). */
  readonly sends: number;
  readonly state: DeliveryState;
}

export function outboxRowOf(o: ReminderOccurrence, input: { epoch: number; at: Instant }): OutboxRow {
  return { ...o, epoch: input.epoch, createdAt: input.at, sends: 0, state: { status: 'queued', enqueuedAt: input.at } };
}

export const sentOf = (r: OutboxRow): SentReminder => ({ key: r.key, personId: r.personId, ruleId: r.ruleId, localDate: r.localDate, itemKeys: r.itemKeys });

/** Whether a sender may take the row now: queued, or held by a sender whose hold ran out (it died). */
export function canTake(r: OutboxRow, nowMs: number): boolean {
  return r.state.status === 'queued' || (r.state.status === 'sending' && Date.parse(r.state.until) <= nowMs);
}

/** What a card shows: still to do, or done. */
export type ReminderCardState = 'due' | 'done';

/** A reminder card as the channel renders it. */
export interface ReminderCardView {
  readonly key: string;
  readonly ruleId: ReminderRuleId;
  readonly items: readonly ReminderItem[];
  readonly state: ReminderCardState;
  /** A line on the card saying what just happened (snoozed, muted, already done). */
  readonly banner?: string;
}

export const cardViewOf = (r: Pick<OutboxRow, 'key' | 'ruleId' | 'items'>, state: ReminderCardState, banner?: string): ReminderCardView => ({ key: r.key, ruleId: r.ruleId, items: r.items, state, ...(banner ? { banner } : {}) });
