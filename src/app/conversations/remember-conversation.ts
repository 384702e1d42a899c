import type { ConversationRecord } from '../../domain/conversation';
import { AttuneError } from '../../domain/errors';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';

export type ConversationAddress = Omit<ConversationRecord, 'tenantId' | 'objectId' | 'storedAt'>;

const addressFields = ['channelId', 'serviceUrl', 'conversationId', 'userId', 'botId'] as const;

/**
 * Remembers where to reach a person proactively: their personal chat with the bot. Only people Attune knows
 * are remembered (the caller is an identified actor), only with a serviceUrl (the bot checks it against its
 * allow-list first), and only when something changed — so a person writing to the bot costs one read.
 */
export async function rememberConversation(deps: AppDeps, input: { actor: Actor; address: ConversationAddress }): Promise<{ stored: boolean; isNew: boolean }> {
  const a = input.address;
  if (addressFields.some((f) => typeof a[f] !== 'string' || !a[f] || a[f].length > 500)) return { stored: false, isNew: false };
  const { tenantId, objectId } = input.actor.person;
  const existing = await deps.store.conversations.get({ partition: tenantId, id: objectId });
  if (existing && addressFields.every((k) => existing.value[k] === a[k])) return { stored: false, isNew: false };
  const value: ConversationRecord = { tenantId, objectId, channelId: a.channelId, serviceUrl: a.serviceUrl, conversationId: a.conversationId, userId: a.userId, botId: a.botId, storedAt: deps.clock.now().toISOString() };
  try {
    if (existing) await deps.store.conversations.replace(value, existing.etag);
    else await deps.store.conversations.create(value);
  } catch (e) {
    // Two turns storing at once: the other one's write is just as good.
    if (e instanceof AttuneError && e.code === 'conflict') return { stored: false, isNew: false };
    throw e;
  }
  await audit(deps, { actor: input.actor, action: 'store_conversation', object: { kind: 'conversation', id: objectId } });
  return { stored: true, isNew: !existing };
}
