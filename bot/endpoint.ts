import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { Request, Response } from 'restify';
import { AttuneError } from '../src/domain/errors';
import type { Logger } from '../src/ports/logger';
import type { AttuneBot } from './attune-bot';

export interface BotEndpointOptions {
  readonly bot: AttuneBot;
  readonly log: Logger;
  /** Null only in development (the Agents Playground sends unauthenticated activities). */
  readonly appId: string | null;
  readonly appType: string | null;
  readonly appPassword: string | null;
  readonly tenantId: string | null;
  /** Tenants whose activities are processed; empty means any (development only). */
  readonly allowedTenants: readonly string[];
  /** Exact hosts a serviceUrl may have: replies carry the bot's token there. */
  readonly allowedServiceUrlHosts: readonly string[];
}

/**
 * POST /api/messages. CloudAdapter checks the Bot Framework token; before that we refuse activities whose
 * serviceUrl host is not on the exact allow-list, or whose tenant is not allowed.
 */
export function createBotEndpoint(o: BotEndpointOptions): { adapter: CloudAdapter; handle: (req: Request, res: Response) => Promise<void> } {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: o.appId ?? '',
    MicrosoftAppType: o.appType ?? '',
    MicrosoftAppPassword: o.appPassword ?? '',
    MicrosoftAppTenantId: o.tenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    o.log.error('bot turn error', { error: error instanceof Error ? error.name : 'unknown', activityType: context.activity.type });
    await context.sendActivity('Something went wrong on my side. Please try again in a moment.').catch(() => undefined);
  };
  const handle = async (req: Request, res: Response): Promise<void> => {
    const activity = req.body as Partial<Activity> | undefined;
    checkActivity(activity, o);
    await adapter.process(req, res, (context) => o.bot.run(context));
  };
  return { adapter, handle };
}

export function checkActivity(activity: Partial<Activity> | undefined, o: Pick<BotEndpointOptions, 'allowedTenants' | 'allowedServiceUrlHosts'>): void {
  if (!activity || typeof activity !== 'object' || typeof activity.type !== 'string') throw new AttuneError('invalid_input', 'That is not a Bot Framework activity.');
  if (!isAllowedServiceUrl(activity.serviceUrl, o.allowedServiceUrlHosts)) throw new AttuneError('forbidden', 'That service URL is not allowed.');
  const tenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  if (o.allowedTenants.length > 0 && (typeof tenant !== 'string' || !o.allowedTenants.includes(tenant))) throw new AttuneError('forbidden', 'That tenant is not allowed.');
}

export function isAllowedServiceUrl(serviceUrl: unknown, hosts: readonly string[]): boolean {
  if (typeof serviceUrl !== 'string' || !serviceUrl) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) return false;
  return hosts.includes(url.hostname.toLowerCase());
}
