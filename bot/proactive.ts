import { CardFactory, MessageFactory, type Activity, type BotAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import { cardDeliveriesOf, conversationsOf, recordCardDelivery } from '../src/app/conversations/card-deliveries';
import type { AppDeps } from '../src/app/deps';
import type { ConversationRecord } from '../src/domain/conversation';
import type { PersonId } from '../src/domain/people';
import type { Logger } from '../src/ports/logger';
import type { AdaptiveCard } from './cards/template';
import { isAllowedServiceUrl } from './service-url';

/** Where a proactive message goes: a stored personal conversation with the bot. */
export type Address = Pick<ConversationRecord, 'tenantId' | 'channelId' | 'serviceUrl' | 'conversationId' | 'botId'> & { readonly userId?: string };

/** Sending outside the current turn's conversation. */
export interface ProactiveChannel {
  /** Posts an activity and returns its id (null if the channel gave none). */
  send(to: Address, activity: Partial<Activity>): Promise<string | null>;
  /** Replaces a message Attune sent earlier. */
  update(to: Address, activityId: string, activity: Partial<Activity>): Promise<void>;
}

function referenceTo(to: Address): Partial<ConversationReference> {
  return {
    channelId: to.channelId,
    serviceUrl: to.serviceUrl,
    conversation: { id: to.conversationId, isGroup: false, conversationType: 'personal', tenantId: to.tenantId, name: '' },
    bot: { id: to.botId, name: '' },
    ...(to.userId ? { user: { id: to.userId, name: '' } } : {}),
  };
}

/**
 * The proactive channel of the adapter running this turn (CloudAdapter in production and over HTTP): it
 * continues the stored conversation with the identity the current turn was authenticated as.
 */
export function adapterChannel(context: TurnContext): ProactiveChannel {
  const adapter: BotAdapter = context.adapter;
  const identity = context.turnState.get<ClaimsIdentity | undefined>(adapter.BotIdentityKey);
  const run = async (to: Address, logic: (ctx: TurnContext) => Promise<void>): Promise<void> => {
    if (identity) await adapter.continueConversationAsync(identity, referenceTo(to), logic);
    else await adapter.continueConversationAsync('', referenceTo(to), logic);
  };
  return {
    async send(to, activity) {
      let id: string | null = null;
      await run(to, async (ctx) => {
        id = (await ctx.sendActivity(activity))?.id ?? null;
      });
      return id;
    },
    async update(to, activityId, activity) {
      await run(to, async (ctx) => {
        await ctx.updateActivity({ ...activity, id: activityId, type: 'message' });
      });
    },
  };
}

export interface MessengerOptions {
  readonly context: TurnContext;
  readonly app: AppDeps;
  readonly log: Logger;
  readonly allowedServiceUrlHosts: readonly string[];
  readonly channel: ProactiveChannel;
}

const cardActivity = (card: AdaptiveCard): Partial<Activity> => MessageFactory.attachment(CardFactory.adaptiveCard(card));

/** Text in a proactive message holds names: sent as plain text, never markdown. */
const textActivity = (text: string): Partial<Activity> => ({ ...MessageFactory.text(text), textFormat: 'plain' });

/**
 * Card delivery for one turn: replies in this conversation, proactive messages to other people's personal
 * chats, and keeping every copy of a record's card up to date. A failure to reach someone is logged (by ids
 * only) and never fails the turn: the record itself is already saved.
 */
export class Messenger {
  constructor(private readonly o: MessengerOptions) {}

  private get activity(): Partial<Activity> {
    return this.o.context.activity;
  }

  /** Replies with a card; when it shows a record, remembers it as one of that record's copies. */
  async reply(card: AdaptiveCard, copyOf?: { subject: string; personId: PersonId }): Promise<void> {
    const sent = await this.o.context.sendActivity(cardActivity(card));
    if (copyOf && sent?.id) await this.remember({ ...copyOf, activityId: sent.id, serviceUrl: this.activity.serviceUrl, conversationId: this.activity.conversation?.id });
  }

  /** The card an invoke answers with replaces the one clicked: remember that message as a copy of the record. */
  async answered(copyOf: { subject: string; personId: PersonId }): Promise<void> {
    const activityId = this.activity.replyToId;
    if (activityId) await this.remember({ ...copyOf, activityId, serviceUrl: this.activity.serviceUrl, conversationId: this.activity.conversation?.id });
  }

  /** Sends to a person's personal chat. False when Attune cannot reach them (never installed, or refused). */
  async sendTo(personId: PersonId, content: AdaptiveCard | string, copyOf?: { subject: string }): Promise<boolean> {
    const to = (await conversationsOf(this.o.app, [personId])).get(personId);
    if (!to || !this.allowed(to.serviceUrl)) return false;
    try {
      const id = await this.o.channel.send(to, typeof content === 'string' ? textActivity(content) : cardActivity(content));
      if (copyOf && id) await this.remember({ subject: copyOf.subject, personId, activityId: id, serviceUrl: to.serviceUrl, conversationId: to.conversationId });
      return true;
    } catch (e) {
      this.o.log.warn('proactive send failed', { to: to.objectId, error: errorName(e), status: statusOf(e) });
      return false;
    }
  }

  /**
   * Updates every stored copy of a record's card, each rendered for the person who holds it (null: leave it).
   * The card this turn answers with is left alone: the invoke response replaces it.
   */
  async refreshCopies(subject: string, render: (personId: PersonId) => AdaptiveCard | null): Promise<number> {
    const copies = await cardDeliveriesOf(this.o.app, subject);
    const people = await conversationsOf(this.o.app, copies.map((c) => c.personId));
    let updated = 0;
    for (const copy of copies) {
      if (copy.activityId === this.activity.replyToId && copy.conversationId === this.activity.conversation?.id) continue;
      const card = render(copy.personId);
      const person = people.get(copy.personId);
      if (!card || !person || !this.allowed(copy.serviceUrl)) continue;
      try {
        await this.o.channel.update({ ...person, serviceUrl: copy.serviceUrl, conversationId: copy.conversationId }, copy.activityId, cardActivity(card));
        updated++;
      } catch (e) {
        this.o.log.warn('card update failed', { subject: subject.split(':')[0], error: errorName(e), status: statusOf(e) });
      }
    }
    return updated;
  }

  private allowed(serviceUrl: string): boolean {
    // Checked again before anything is sent: a stored serviceUrl receives the bot's own token.
    return isAllowedServiceUrl(serviceUrl, this.o.allowedServiceUrlHosts);
  }

  private async remember(d: { subject: string; personId: PersonId; activityId: string; serviceUrl: string | undefined; conversationId: string | undefined }): Promise<void> {
    if (!d.serviceUrl || !d.conversationId || !this.allowed(d.serviceUrl) || d.activityId.length > 200) return;
    await recordCardDelivery(this.o.app, { subject: d.subject, personId: d.personId, activityId: d.activityId, serviceUrl: d.serviceUrl, conversationId: d.conversationId, sentAt: this.o.app.clock.now().toISOString() });
  }
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

function statusOf(e: unknown): number | null {
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}
