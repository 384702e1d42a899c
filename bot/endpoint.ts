import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Request, Response } from 'restify';
import { AttuneError } from '../src/domain/errors';
import type { Logger } from '../src/ports/logger';
import { isAllowedServiceUrl } from './service-url';

/** What the endpoint hands each authenticated activity to (AttuneBot in production): only its turn runner. */
export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

export interface BotEndpointOptions {
  readonly bot: TurnRunner;
  readonly log: Logger;
  /** Null only in development (the Agents Playground sends unauthenticated activities). */
  readonly appId: string | null;
  readonly appType: string | null;
  readonly appPassword: string | null;
  readonly tenantId: string | null;
  /** Tenants whose activities are processed; an activity from any other tenant is refused. */
  readonly allowedTenants: readonly string[];
  /** Where channel tokens' keys are published and who issues them; the Entra authority for outbound tokens. */
  readonly openIdMetadataUrl: string;
  readonly tokenIssuer: string;
  readonly authorityHost: string;
  /** Remembers activity ids; false when the id was seen before (a replay), which is then not processed again. */
  readonly firstSighting: (activity: { conversationId: string; activityId: string }) => Promise<boolean>;
  /** Exact hosts a serviceUrl may have: replies carry the bot's token there. */
  readonly allowedServiceUrlHosts: readonly string[];
}

/**
 * POST /api/messages. CloudAdapter checks the Bot Framework token; before that we refuse activities whose
 * serviceUrl host is not on the exact allow-list, or whose tenant is not allowed.
 */
export function createBotEndpoint(o: BotEndpointOptions): { adapter: CloudAdapter; handle: (req: Request, res: Response) => Promise<void> } {
  const auth = new FailClosedAuthentication({
    MicrosoftAppId: o.appId ?? '',
    MicrosoftAppType: o.appType ?? '',
    MicrosoftAppPassword: o.appPassword ?? '',
    MicrosoftAppTenantId: o.tenantId ?? '',
    // Given one of these, botbuilder expects them all; the values are the public cloud's unless configured.
    ToBotFromChannelOpenIdMetadataUrl: o.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: o.tokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: o.openIdMetadataUrl,
    ToChannelFromBotLoginUrl: `${o.authorityHost}/${o.tenantId ?? 'botframework.com'}`,
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    o.log.error('bot turn error', { error: error instanceof Error ? error.name : 'unknown', activityType: context.activity.type });
    await context.sendActivity('Something went wrong on my side. Please try again in a moment.').catch(() => undefined);
  };
  const handle = async (req: Request, res: Response): Promise<void> => {
    const activity = req.body as Partial<Activity> | undefined;
    checkActivity(activity, o);
    const activityId = activity?.id;
    const conversationId = activity?.conversation?.id;
    // Invokes (card actions) need an invoke response every time, and their use cases are idempotent by
    // design (submission ids and versions), so only other activities are de-duplicated here.
    if (activity?.type !== 'invoke' && typeof activityId === 'string' && activityId && typeof conversationId === 'string' && conversationId) {
      // A replayed activity is answered as if processed, and processed only once. The check follows the
      // adapter's own authentication, so an unsigned request cannot mark an id as seen.
      await adapter.process(req, res, async (context) => {
        if (!(await o.firstSighting({ conversationId, activityId }))) {
          o.log.info('replayed activity ignored', { activityType: context.activity.type });
          return;
        }
        await o.bot.run(context);
      });
      return;
    }
    await adapter.process(req, res, (context) => o.bot.run(context));
  };
  return { adapter, handle };
}

/**
 * botbuilder answers some token failures (an unknown signing key, a token not yet valid) with a 500; any
 * failure to authenticate is a 401 here, and the reason goes to the log, not to the caller.
 */
class FailClosedAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (e) {
      if (e instanceof AuthenticationError) throw e;
      throw new AuthenticationError('Unauthorized Access. Request is not authorized', 401);
    }
  }
}

export function checkActivity(activity: Partial<Activity> | undefined, o: Pick<BotEndpointOptions, 'allowedTenants' | 'allowedServiceUrlHosts'>): void {
  if (!activity || typeof activity !== 'object' || typeof activity.type !== 'string') throw new AttuneError('invalid_input', 'That is not a Bot Framework activity.');
  // Attune is a Teams app: only the Teams channel talks to it.
  if (activity.channelId !== 'msteams') throw new AttuneError('forbidden', 'That channel is not allowed.');
  if (!isAllowedServiceUrl(activity.serviceUrl, o.allowedServiceUrlHosts)) throw new AttuneError('forbidden', 'That service URL is not allowed.');
  const tenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  if (typeof tenant !== 'string' || !o.allowedTenants.includes(tenant)) throw new AttuneError('forbidden', 'That tenant is not allowed.');
}
