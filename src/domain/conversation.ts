import type { PersonId } from './people';

/**
 * Where Attune can reach a person without being asked: their personal chat with the bot. Stored when the
 * app is installed or the person writes, and only for a serviceUrl on the bot's exact allow-list (checked
 * again before anything is sent to it).
 */
export interface ConversationRecord {
  readonly tenantId: string;
  readonly objectId: string;
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly conversationId: string;
  /** The person's id on the channel (in Teams "29:…"): what a card's refresh.userIds lists. */
  readonly userId: string;
  readonly botId: string;
  readonly storedAt: string;
}

/**
 * A card Attune sent (or answered with) that shows a record, so that every copy can be updated when the
 * record changes. The subject names the record: `contract:<enrolmentId>`, `record:<enrolmentId>:<recordId>`.
 */
export interface CardDelivery {
  readonly subject: string;
  readonly personId: PersonId;
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly activityId: string;
  readonly sentAt: string;
}

export const contractSubject = (enrolmentId: string): string => `contract:${enrolmentId}`;
export const recordSubject = (enrolmentId: string, recordId: string): string => `record:${enrolmentId}:${recordId}`;

/** The row a delivery is stored under within its subject: one per person and activity. */
export function deliveryKey(d: Pick<CardDelivery, 'personId' | 'activityId'>): string {
  return encodeURIComponent(`${d.personId}|${d.activityId}`).slice(0, 500);
}
