import { CardFactory, ConfigurationServiceClientCredentialFactory, MessageFactory, type Activity } from 'botbuilder';
import type { ConversationRecord } from '../src/domain/conversation';
import type { ReminderCardView } from '../src/domain/reminders/delivery';
import { retryAfterMs } from '../src/domain/reminders/pacing';
import type { ChannelResult, ReminderChannel } from '../src/ports/reminders';
import { renderReminderCard } from './cards/reminder-cards';
import type { LinkSettings } from './links';
import { isAllowedServiceUrl } from './service-url';

export interface ConnectorReminderChannelOptions {
  /** The bot's token for the Bot Connector (null in development, where the connector is unauthenticated). */
  readonly token: () => Promise<string | null>;
  readonly allowedServiceUrlHosts: readonly string[];
  /** How long one request may take before it counts as a dropped connection. */
  readonly timeoutMs?: number;
  /** Where the cards' links into the tab point (none without them). */
  readonly links?: LinkSettings;
}

/**
 * Reminder cards over the Bot Connector REST API (POST and PUT `/v3/conversations/{id}/activities`), one
 * request per call and no retries of its own: the sender paces and retries, so every request that reaches
 * Teams is one it counted against the limits, and a 429's Retry-After comes back to it as it was sent.
 */
export function connectorReminderChannel(o: ConnectorReminderChannelOptions): ReminderChannel {
  const call = async (to: ConversationRecord, input: { method: 'POST' | 'PUT'; activityId?: string; card: ReminderCardView }): Promise<ChannelResult> => {
    if (!isAllowedServiceUrl(to.serviceUrl, o.allowedServiceUrlHosts)) return { kind: 'refused', httpStatus: 0 };
    const base = to.serviceUrl.endsWith('/') ? to.serviceUrl : `${to.serviceUrl}/`;
    const url = `${base}v3/conversations/${encodeURIComponent(to.conversationId)}/activities${input.activityId ? `/${encodeURIComponent(input.activityId)}` : ''}`;
    const activity: Partial<Activity> = {
      ...MessageFactory.attachment(CardFactory.adaptiveCard(renderReminderCard(input.card, o.links))),
      type: 'message',
      from: { id: to.botId, name: '' },
      recipient: { id: to.userId, name: '' },
      conversation: { id: to.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      channelData: { notification: { alert: input.method === 'POST' } },
      ...(input.activityId ? { id: input.activityId } : {}),
    };
    const token = await o.token();
    let res: Response;
    try {
      res = await fetch(url, {
        method: input.method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
      });
    } catch {
      return { kind: 'transient', httpStatus: null };
    }
    const text = await res.text().catch(() => '');
    if (res.ok) {
      let id: string | null = input.activityId ?? null;
      try {
        const body = JSON.parse(text) as { id?: unknown };
        if (typeof body.id === 'string' && body.id) id = body.id;
      } catch {
        // An update may answer with no body.
      }
      return { kind: 'ok', activityId: id };
    }
    if (res.status === 429) return { kind: 'throttled', retryAfterMs: retryAfterMs(res.headers.get('retry-after'), Date.now()) };
    if (res.status === 412 || res.status === 502 || res.status === 503 || res.status === 504 || res.status === 500) return { kind: 'transient', httpStatus: res.status };
    if (res.status === 403 || res.status === 404) return { kind: 'gone', httpStatus: res.status };
    return { kind: 'refused', httpStatus: res.status };
  };
  return {
    send: (to, card) => call(to, { method: 'POST', card }),
    update: (to, activityId, card) => call(to, { method: 'PUT', activityId, card }),
  };
}

/**
 * The bot's own token for the connector, from its app registration (client secret or managed identity, as
 * CloudAdapter uses); null without a bot app id (development: the Agents Playground and loopback connectors
 * take unauthenticated requests).
 */
export function botConnectorToken(o: { appId: string | null; appType: string | null; appPassword: string | null; tenantId: string | null; authorityHost: string }): () => Promise<string | null> {
  if (!o.appId) return async () => null;
  const appId = o.appId;
  const factory = new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: appId, MicrosoftAppPassword: o.appPassword ?? '', MicrosoftAppType: o.appType ?? '', MicrosoftAppTenantId: o.tenantId ?? '' });
  return async () => {
    const credentials = (await factory.createCredentials(appId, 'https://api.botframework.com', `${o.authorityHost}/${o.tenantId ?? 'botframework.com'}`, true)) as { getToken?: () => Promise<string> };
    return credentials.getToken ? credentials.getToken() : null;
  };
}
