import type { Instant, Mute, ReminderPreferences, Snooze } from '../domain/reminders/due';
import type { OutboxRow, ReminderCardView } from '../domain/reminders/delivery';
import type { ConversationRecord } from '../domain/conversation';
import type { PersonId } from '../domain/people';
import type { ReminderRuleId, ReminderRules } from '../domain/reminders/rules';
import type { RemovableRepository, Repository } from './data-store';

/** A snooze as stored: one row per person, rule and subject (a later snooze replaces it). */
export type StoredSnooze = Snooze;
export interface StoredMute extends Mute {
  readonly mutedAt: Instant;
}
export interface StoredPreferences extends ReminderPreferences {
  readonly personId: PersonId;
}
/** When Attune first saw an open item with no time of its own. */
export interface FirstSeen {
  readonly subject: string;
  readonly at: Instant;
}
/** A person Teams refused to reach (403/404): no more reminders until they talk to the bot again. */
export interface Undeliverable {
  readonly personId: PersonId;
  readonly httpStatus: number;
  readonly at: Instant;
  /** The conversation's storedAt when it was refused: a newer conversation makes them reachable again. */
  readonly conversationStoredAt: string;
}
/** Sends to one conversation (any instance's), so every instance keeps to Teams' per-conversation limits. */
export interface ConversationPacing {
  readonly conversationId: string;
  /** Send times (ms), ascending, the last hour's. */
  readonly sends: readonly number[];
  /** Nothing before this (a Retry-After Teams asked for). */
  readonly notBefore: number;
  /**
   * A request to this conversation is in flight until it is answered (or until this time, if its sender
   * died): one at a time, so a 429's Retry-After is known before the next request is made.
   */
  readonly busyUntil?: number;
}
/** The tenant's shared ceiling: the next free send slot of all instances together. */
export interface TenantPacing {
  readonly tenantId: string;
  readonly nextFree: number;
}
export interface ServiceReminderRules {
  readonly serviceId: string;
  readonly rules: ReminderRules;
}

/** Reminder storage: the outbox and what people asked for. Keys as `Repository` (partition + id). */
export interface ReminderStore {
  /** Partition: the person's tenant; id: the occurrence key. `create` is the claim; spent rows are removed. */
  readonly outbox: RemovableRepository<OutboxRow>;
  /** Partition: person; id: rule + subject. Removed once the thing is done. */
  readonly snoozes: RemovableRepository<StoredSnooze>;
  /** Partition: person; id: rule. Removed when the person unmutes the rule. */
  readonly mutes: RemovableRepository<StoredMute>;
  readonly preferences: Repository<StoredPreferences>;
  /** Removed once the thing is done. */
  readonly firstSeen: RemovableRepository<FirstSeen>;
  readonly undeliverable: Repository<Undeliverable>;
  readonly pacing: Repository<ConversationPacing>;
  readonly tenantPacing: Repository<TenantPacing>;
  /** A service's own rules (the defaults when it has none). */
  readonly rules: Repository<ServiceReminderRules>;
}

/** What travels on the queue: the outbox row to deliver, a delivered card to close, or one to update to what is done. */
export type ReminderMessage = { readonly kind: 'deliver' | 'close' | 'update'; readonly key: string; readonly tenantId: string };

export interface ReceivedMessage {
  readonly message: ReminderMessage | null;
  readonly id: string;
  readonly popReceipt: string;
  /** How many times the queue handed this message out, this time included. */
  readonly dequeueCount: number;
  /** The raw text, for a message that could not be read (it goes to the poison queue as it was). */
  readonly text: string;
}

/**
 * A real queue with visibility timeouts, dequeue counts and a poison queue (Azure Queue Storage). A received
 * message is invisible to others until its visibility timeout ends, then shows again unless completed.
 */
export interface ReminderQueue {
  enqueue(message: ReminderMessage, options?: { visibleInSeconds?: number }): Promise<void>;
  receive(input: { max: number; visibilitySeconds: number }): Promise<ReceivedMessage[]>;
  /** Keeps the message hidden for `visibilitySeconds` more (it gets a new pop receipt). */
  extend(received: ReceivedMessage, visibilitySeconds: number): Promise<ReceivedMessage>;
  complete(received: ReceivedMessage): Promise<void>;
  /** Moves it to the poison queue with the reason, and completes it here. */
  deadLetter(received: ReceivedMessage, reason: string): Promise<void>;
}

/**
 * Leadership: at most one holder at a time, with a fencing token that grows with every new holder. A holder
 * that stops renewing loses it after the lease duration, and another instance takes it.
 */
export interface LeaderLease {
  /** Takes the lease if free; the new fencing token, or null when another instance holds it. */
  acquire(): Promise<number | null>;
  /** True while still held. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/** What Teams answered a post or an update with, in the words the sender acts on. */
export type ChannelResult =
  | { readonly kind: 'ok'; readonly activityId: string | null }
  /** 429: wait exactly this long before trying this conversation again. */
  | { readonly kind: 'throttled'; readonly retryAfterMs: number | null }
  /** 412, 5xx, a dropped connection: try again after a backoff. */
  | { readonly kind: 'transient'; readonly httpStatus: number | null }
  /** 403, 404: the app is uninstalled or the person is gone; stop. */
  | { readonly kind: 'gone'; readonly httpStatus: number }
  /** Anything else: a bug or a refusal that will not change. */
  | { readonly kind: 'refused'; readonly httpStatus: number };

/** Posting and updating reminder cards in a person's personal chat (the bot's connector client). */
export interface ReminderChannel {
  send(to: ConversationRecord, card: ReminderCardView): Promise<ChannelResult>;
  update(to: ConversationRecord, activityId: string, card: ReminderCardView): Promise<ChannelResult>;
}

/** Time for pacing and waiting: the real clock (the app's clock may be moved in tests; this one never is). */
export interface Pacer {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1): jitter for backoffs. */
  random(): number;
}

export type { ReminderRuleId };

/** Where each reminder row lives (partition, id): the adapter stores them so, and the use cases read them so. */
export const tenantOfPerson = (personId: string): string => personId.slice(0, Math.max(personId.indexOf(':'), 0)) || 'unknown';
export const reminderKeys = {
  outbox: (r: { personId: string; key: string }) => ({ partition: tenantOfPerson(r.personId), id: r.key }),
  snooze: (s: { personId: string; ruleId: string; subject: string }) => ({ partition: s.personId, id: `${s.ruleId}|${s.subject}` }),
  mute: (m: { personId: string; ruleId: string }) => ({ partition: m.personId, id: m.ruleId }),
  preferences: (p: { personId: string }) => ({ partition: tenantOfPerson(p.personId), id: p.personId }),
  firstSeen: (f: { subject: string }) => ({ partition: 'seen', id: f.subject }),
  undeliverable: (u: { personId: string }) => ({ partition: tenantOfPerson(u.personId), id: u.personId }),
  pacing: (p: { conversationId: string }) => ({ partition: 'conversation', id: encodeURIComponent(p.conversationId).slice(0, 500) }),
  tenantPacing: (t: { tenantId: string }) => ({ partition: 'tenant', id: t.tenantId }),
  rules: (r: { serviceId: string }) => ({ partition: 'service', id: r.serviceId }),
} as const;
