import type { ConversationRecord } from '../../domain/conversation';
import { AttuneError } from '../../domain/errors';
import { canTake, cardViewOf, type DeliveryState, type OutboxRow } from '../../domain/reminders/delivery';
import { backoffMs } from '../../domain/reminders/pacing';
import type { Versioned } from '../../ports/data-store';
import { reminderKeys, tenantOfPerson, type ChannelResult, type ReceivedMessage } from '../../ports/reminders';
import { conversationsOf } from '../conversations/card-deliveries';
import type { ReminderDeps } from './deps';
import { conversationFreeAt, releaseConversation, reserveSend } from './pacing';

/** What became of one queue message. */
export type MessageOutcome =
  | 'delivered'
  | 'closed'
  /** A digest updated in place to show which of its things are done. */
  | 'updated'
  | 'nothing_to_do'
  /** Another sender holds the row: the message is left to show again. */
  | 'held_elsewhere'
  | 'undeliverable'
  /** Attempts ran out this time: the message shows again after a backoff (and counts towards poison). */
  | 'retry_later'
  | 'dead_lettered';

const isConflict = (e: unknown): boolean => e instanceof AttuneError && e.code === 'conflict';

/**
 * One queue message, start to end. A `deliver` message: take the outbox row (an ETag-guarded replace, so one
 * sender at a time), pace the send (tenant ceiling, the conversation's limits, any Retry-After), post the
 * card, record the activity id, then delete the message. A `close` message: update the delivered card to
 * "done" in place; an `update` message: to show which of a digest's things are done. A message handed out more than `maxDequeue` times goes to the poison queue with why.
 */
export async function handleMessage(deps: ReminderDeps, received: ReceivedMessage): Promise<MessageOutcome> {
  const settings = deps.reminderSettings;
  const message = received.message;
  if (!message) {
    await deps.queue.deadLetter(received, 'not a reminder message');
    return 'dead_lettered';
  }
  const stored = await deps.reminders.outbox.get({ partition: message.tenantId, id: message.key });
  if (!stored) {
    await deps.queue.complete(received);
    return 'nothing_to_do';
  }
  if (received.dequeueCount > settings.maxDequeue) {
    const reason = `handed out ${received.dequeueCount - 1} times without being delivered`;
    if (message.kind === 'deliver' && !isFinished(stored.value.state)) await replaceQuietly(deps, { ...stored.value, state: { status: 'dead', reason, at: nowIso(deps) } }, stored.etag);
    await deps.queue.deadLetter(received, reason);
    return 'dead_lettered';
  }
  return message.kind === 'deliver' ? deliver(deps, received, stored) : updateCard(deps, received, stored);
}

const isFinished = (s: DeliveryState): boolean => s.status !== 'queued' && s.status !== 'sending';
/** When something happened to a row, on the app's clock (the planner's, which may be moved in tests); holds use the pacer's. */
const nowIso = (deps: ReminderDeps): string => deps.clock.now().toISOString();

async function deliver(deps: ReminderDeps, received: ReceivedMessage, stored: Versioned<OutboxRow>): Promise<MessageOutcome> {
  const settings = deps.reminderSettings;
  const row = stored.value;
  if (isFinished(row.state)) {
    await deps.queue.complete(received);
    return 'nothing_to_do';
  }
  if (!canTake(row, deps.pacer.nowMs())) return 'held_elsewhere';
  // Take it: one sender wins this replace; the others see a conflict and leave the message be.
  const holdMs = settings.visibilitySeconds * 1000;
  let held: Versioned<OutboxRow>;
  try {
    held = await deps.reminders.outbox.replace({ ...row, sends: row.sends + 1, state: { status: 'sending', by: settings.instanceId, until: new Date(deps.pacer.nowMs() + holdMs).toISOString() } }, stored.etag);
  } catch (e) {
    if (isConflict(e)) return 'held_elsewhere';
    throw e;
  }
  const to = (await conversationsOf(deps, [row.personId])).get(row.personId);
  if (!to) {
    await replaceQuietly(deps, { ...held.value, state: { status: 'dead', reason: 'no conversation with the person', at: nowIso(deps) } }, held.etag);
    await deps.queue.complete(received);
    return 'dead_lettered';
  }
  const card = cardViewOf(row, 'due');
  const outcome = await attempt(deps, { to, received, held, run: () => deps.channel.send(to, card) });
  switch (outcome.kind) {
    case 'ok':
      await replaceQuietly(deps, { ...outcome.held.value, state: { status: 'delivered', activityId: outcome.result.activityId, at: nowIso(deps), closing: false } }, outcome.held.etag);
      await deps.queue.complete(outcome.received);
      return 'delivered';
    case 'gone':
      await replaceQuietly(deps, { ...outcome.held.value, state: { status: 'undeliverable', httpStatus: outcome.httpStatus, at: nowIso(deps) } }, outcome.held.etag);
      await markUndeliverable(deps, { to, httpStatus: outcome.httpStatus });
      await deps.queue.complete(outcome.received);
      return 'undeliverable';
    case 'refused':
      await replaceQuietly(deps, { ...outcome.held.value, state: { status: 'dead', reason: `Teams refused it (${outcome.httpStatus})`, at: nowIso(deps) } }, outcome.held.etag);
      await deps.queue.deadLetter(outcome.received, `Teams refused it (${outcome.httpStatus})`);
      return 'dead_lettered';
    case 'lost_hold':
      return 'held_elsewhere';
    case 'exhausted':
      // Let go: back to queued for whichever sender gets the message next, after a backoff.
      await replaceQuietly(deps, { ...outcome.held.value, state: { status: 'queued', enqueuedAt: nowIso(deps) } }, outcome.held.etag);
      await deps.queue.extend(outcome.received, Math.ceil(backoffMs(received.dequeueCount + 2, { random: deps.pacer.random() }) / 1000)).catch(() => undefined);
      return 'retry_later';
  }
}

/** Updates a delivered card in place: to "done" once its row is closing, else to show what of it is done. */
async function updateCard(deps: ReminderDeps, received: ReceivedMessage, stored: Versioned<OutboxRow>): Promise<MessageOutcome> {
  const row = stored.value;
  if (row.state.status !== 'delivered' || !row.state.activityId) {
    await deps.queue.complete(received);
    return 'nothing_to_do';
  }
  const activityId = row.state.activityId;
  const closing = row.state.closing;
  const to = (await conversationsOf(deps, [row.personId])).get(row.personId);
  const card = closing ? cardViewOf(row, 'done') : cardViewOf(row, 'due', { doneItems: row.state.doneItems ?? [] });
  const outcome = to ? await attempt(deps, { to, received, held: stored, run: () => deps.channel.update(to, activityId, card), hold: false }) : null;
  if (outcome?.kind === 'exhausted') {
    await deps.queue.extend(outcome.received, Math.ceil(backoffMs(received.dequeueCount + 2, { random: deps.pacer.random() }) / 1000)).catch(() => undefined);
    return 'retry_later';
  }
  const latest = (await deps.reminders.outbox.get({ partition: tenantOfPerson(row.personId), id: row.key })) ?? stored;
  if (closing && latest.value.state.status === 'delivered') await replaceQuietly(deps, { ...latest.value, state: { status: 'closed', activityId, at: nowIso(deps) } }, latest.etag);
  await deps.queue.complete(outcome && outcome.kind !== 'lost_hold' ? outcome.received : received);
  return closing ? 'closed' : 'updated';
}

type Attempted =
  | { kind: 'ok'; result: Extract<ChannelResult, { kind: 'ok' }>; held: Versioned<OutboxRow>; received: ReceivedMessage }
  | { kind: 'gone' | 'refused'; httpStatus: number; held: Versioned<OutboxRow>; received: ReceivedMessage }
  | { kind: 'exhausted'; held: Versioned<OutboxRow>; received: ReceivedMessage }
  | { kind: 'lost_hold' };

/**
 * Tries one post or update up to `maxAttempts` times: each try waits for its paced slot; a 429 holds the
 * conversation (every instance) for exactly its Retry-After; 412 and 5xx wait a jittered exponential backoff.
 * While it waits it keeps the message hidden and the row held, so no other sender takes it over.
 */
async function attempt(deps: ReminderDeps, o: { to: ConversationRecord; received: ReceivedMessage; held: Versioned<OutboxRow>; run: () => Promise<ChannelResult>; hold?: boolean }): Promise<Attempted> {
  const s = deps.reminderSettings;
  const tenantId = o.to.tenantId;
  const conversationId = o.to.conversationId;
  let received = o.received;
  let held = o.held;
  let expires = deps.pacer.nowMs() + s.visibilitySeconds * 1000;
  const keepHold = async (untilMs: number): Promise<boolean> => {
    if (untilMs + 5_000 < expires) return true;
    const seconds = Math.ceil((untilMs - deps.pacer.nowMs()) / 1000) + s.visibilitySeconds;
    received = await deps.queue.extend(received, seconds);
    expires = deps.pacer.nowMs() + seconds * 1000;
    if (o.hold === false) return true;
    try {
      held = await deps.reminders.outbox.replace({ ...held.value, state: { status: 'sending', by: s.instanceId, until: new Date(expires).toISOString() } }, held.etag);
      return true;
    } catch (e) {
      if (isConflict(e)) return false;
      throw e;
    }
  };
  // A request in flight holds its conversation until answered; if its sender dies, for a visibility timeout at most.
  const busyForMs = Math.min(35_000, s.visibilitySeconds * 1000);
  for (let i = 0; i < s.maxAttempts; ) {
    const free = await conversationFreeAt(deps, conversationId);
    if (free > deps.pacer.nowMs()) {
      if (!(await keepHold(free))) return { kind: 'lost_hold' };
      await deps.pacer.sleep(free - deps.pacer.nowMs());
      continue;
    }
    const at = await reserveSend(deps, { tenantId, conversationId, busyForMs });
    if (at === null) continue;
    if (!(await keepHold(at))) {
      await releaseConversation(deps, { conversationId });
      return { kind: 'lost_hold' };
    }
    const wait = at - deps.pacer.nowMs();
    if (wait > 0) await deps.pacer.sleep(wait);
    let result: ChannelResult;
    try {
      result = await o.run();
    } catch (e) {
      await releaseConversation(deps, { conversationId }).catch(() => undefined);
      throw e;
    }
    i++;
    const retryAfter = result.kind === 'throttled' ? (result.retryAfterMs ?? backoffMs(i, { random: deps.pacer.random() })) : null;
    await releaseConversation(deps, { conversationId, ...(retryAfter !== null ? { notBefore: deps.pacer.nowMs() + retryAfter } : {}) });
    switch (result.kind) {
      case 'ok':
        return { kind: 'ok', result, held, received };
      case 'gone':
      case 'refused':
        return { kind: result.kind, httpStatus: result.httpStatus, held, received };
      case 'throttled':
        break;
      case 'transient': {
        const pause = backoffMs(i, { random: deps.pacer.random() });
        if (!(await keepHold(deps.pacer.nowMs() + pause))) return { kind: 'lost_hold' };
        await deps.pacer.sleep(pause);
        break;
      }
    }
  }
  return { kind: 'exhausted', held, received };
}

async function replaceQuietly(deps: ReminderDeps, value: OutboxRow, etag: string): Promise<void> {
  try {
    await deps.reminders.outbox.replace(value, etag);
  } catch (e) {
    // Someone else moved the row on (a sender that took over after our hold ran out): theirs stands.
    if (!isConflict(e)) throw e;
  }
}

async function markUndeliverable(deps: ReminderDeps, input: { to: ConversationRecord; httpStatus: number }): Promise<void> {
  const personId = `${input.to.tenantId}:${input.to.objectId}`;
  const value = { personId, httpStatus: input.httpStatus, at: nowIso(deps), conversationStoredAt: input.to.storedAt };
  const existing = await deps.reminders.undeliverable.get(reminderKeys.undeliverable({ personId }));
  try {
    if (existing) await deps.reminders.undeliverable.replace(value, existing.etag);
    else await deps.reminders.undeliverable.create(value);
  } catch (e) {
    if (!isConflict(e)) throw e;
  }
}
