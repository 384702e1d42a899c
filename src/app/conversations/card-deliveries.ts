import type { CardDelivery, ConversationRecord } from '../../domain/conversation';
import { AttuneError } from '../../domain/errors';
import type { PersonId } from '../../domain/people';
import type { AppDeps } from '../deps';

/** How many copies of one record's card are kept up to date. */
export const maxDeliveriesPerSubject = 20;

/** Where each of these people can be reached, for those Attune has a conversation with. */
export async function conversationsOf(deps: AppDeps, people: readonly PersonId[]): Promise<Map<PersonId, ConversationRecord>> {
  const out = new Map<PersonId, ConversationRecord>();
  await Promise.all(
    [...new Set(people)].map(async (id) => {
      const sep = id.indexOf(':');
      if (sep <= 0) return;
      const stored = await deps.store.conversations.get({ partition: id.slice(0, sep), id: id.slice(sep + 1) });
      if (stored) out.set(id, stored.value);
    }),
  );
  return out;
}

/** Remembers a card Attune sent, so it can be updated when its record changes. Recording it twice is harmless. */
export async function recordCardDelivery(deps: AppDeps, delivery: CardDelivery): Promise<void> {
  try {
    await deps.store.cardDeliveries.create(delivery);
  } catch (e) {
    if (!(e instanceof AttuneError && e.code === 'conflict')) throw e;
  }
}

/** The copies of a record's card, newest first. */
export async function cardDeliveriesOf(deps: AppDeps, subject: string): Promise<CardDelivery[]> {
  return (await deps.store.cardDeliveries.list(subject))
    .map((d) => d.value)
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
    .slice(0, maxDeliveriesPerSubject);
}
