import { openKey, type Instant, type ReminderItem, type ReminderOccurrence, type SentReminder } from './due';
import type { ReminderRuleId } from './rules';

/**
 * A reminder card's delivery, as its outbox row records it. The row is created once (claimed by insert, its
 * key the occurrence's), then moved on by ETag-guarded replaces, so one sender at a time holds it:
 *
 *   queued → sending (a sender holds it until `until`) → delivered (the activity id, so the card can be
 *   updated; a digest some of whose things are done is updated to say which) → closed (the card says
 *   "done"); or → undeliverable (403/404: the app was removed or the person
 *   is gone), dead (retried as far as it may be, with the reason), cancelled (done before it was sent).
 *
 * A sender that dies while `sending` leaves the row held until `until`; the queue shows the message again
 * after its visibility timeout, and the next sender cannot tell whether the card went out, so it sends it
 * again: at most one duplicate per crash, and `sends` counts every attempt that may have reached Teams.
 */
export type DeliveryState =
  | { readonly status: 'queued'; readonly enqueuedAt: Instant }
  | { readonly status: 'sending'; readonly by: string; readonly until: Instant }
  | {
      readonly status: 'delivered';
      readonly activityId: string | null;
      readonly at: Instant;
      /** The card is being updated to "done" (a close message is queued). */
      readonly closing: boolean;
      /** The card's items the card already shows as done (a digest partly done); none when absent. */
      readonly doneItems?: readonly string[];
    }
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
  /** On a card still due: the keys of its items that are done already (a digest partly done). */
  readonly doneItems?: readonly string[];
}

export const cardViewOf = (r: Pick<OutboxRow, 'key' | 'ruleId' | 'items'>, state: ReminderCardState, o: { readonly banner?: string; readonly doneItems?: readonly string[] } = {}): ReminderCardView => ({
  key: r.key,
  ruleId: r.ruleId,
  items: r.items,
  state,
  ...(o.banner ? { banner: o.banner } : {}),
  ...(state === 'due' && o.doneItems?.length ? { doneItems: [...o.doneItems].sort() } : {}),
});

/** The keys of a card's items whose things are done: no longer open for the card's rule (`open` holds `openKey`s). */
export function doneItemKeys(r: Pick<OutboxRow, 'ruleId' | 'items'>, open: ReadonlySet<string>): string[] {
  return r.items.filter((i) => !open.has(openKey(r.ruleId, i.subject))).map((i) => i.key).sort();
}

/** What a delivered card needs now: to close (everything done), to show what is done (some of it), or nothing. */
export type CardChange = { readonly kind: 'close' } | { readonly kind: 'update'; readonly doneItems: readonly string[] } | null;

export function cardChangeFor(r: OutboxRow, open: ReadonlySet<string>): CardChange {
  if (r.state.status !== 'delivered' || r.state.closing || !r.state.activityId || r.items.length === 0) return null;
  const done = doneItemKeys(r, open);
  if (done.length === r.items.length) return { kind: 'close' };
  const shown = [...(r.state.doneItems ?? [])].sort();
  if (done.length === shown.length && done.every((k, i) => k === shown[i])) return null;
  return { kind: 'update', doneItems: done };
}

const dayMs = 86_400_000;

/**
 * Whether an outbox row can go: its card is finished with (closed, or never sent because it was done) and
 * `keepDays` have passed, or everything it is about is done and it is that old whatever became of it. A row
 * about something still open stays, however old: it is what keeps that occurrence from being due again.
 */
export function isSpent(r: OutboxRow, open: ReadonlySet<string>, input: { nowMs: number; keepDays: number }): boolean {
  const old = (at: Instant): boolean => Date.parse(at) + input.keepDays * dayMs <= input.nowMs;
  switch (r.state.status) {
    case 'queued':
    case 'sending':
      return false;
    case 'closed':
    case 'cancelled':
      return old(r.state.at);
    case 'delivered':
      if (r.state.closing) return false;
      return old(r.state.at) && doneItemKeys(r, open).length === r.items.length;
    case 'dead':
    case 'undeliverable':
      return old(r.state.at) && doneItemKeys(r, open).length === r.items.length;
  }
}
