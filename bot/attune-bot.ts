import { CardFactory, MessageFactory, TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import { AttuneError } from '../src/domain/errors';
import { identify, type Actor } from '../src/app/people';
import { getMyProgress, listMyTrainees } from '../src/app/progress';
import type { AppDeps } from '../src/app/deps';
import type { Logger } from '../src/ports/logger';
import { commands, parseCommand } from './commands';
import { renderHelpCard, renderProgressCard, renderWelcomeCard, type AdaptiveCard } from './cards/render';

export interface BotDeps {
  readonly app: AppDeps;
  readonly log: Logger;
}

/** The caller's tenant and Entra object id, as Teams sends them. */
export function callerOf(activity: Partial<Activity>): { tenantId: string; objectId: string } | null {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenantId = channelData?.tenant?.id ?? activity.conversation?.tenantId;
  const objectId = activity.from?.aadObjectId;
  return typeof tenantId === 'string' && tenantId && typeof objectId === 'string' && objectId ? { tenantId, objectId } : null;
}

/**
 * Attune's bot. Handlers are thin: decode the activity, call one use case, reply with a card.
 */
export class AttuneBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== botId)) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text;
    const command = parseCommand(text);
    try {
      switch (command) {
        case 'help':
          await sendCard(context, renderHelpCard({ commands }));
          return;
        case 'progress':
          await this.progress(context);
          return;
        case 'next':
          await this.next(context);
          return;
        case null:
          await context.sendActivity(MessageFactory.text(`Sorry, I didn't understand that. Try **progress** or **next**, or type **help** to see everything I can do.`));
          return;
      }
    } catch (e) {
      await this.explain(context, e);
    }
  }

  private async actor(context: TurnContext): Promise<Actor | null> {
    const caller = callerOf(context.activity);
    if (!caller) return null;
    return identify(this.deps.app, caller);
  }

  private async progress(context: TurnContext): Promise<void> {
    const me = await this.actor(context);
    if (!me) return this.notEnrolled(context);
    const mine = await getMyProgress(this.deps.app, me.person.id);
    if (mine) {
      await sendCard(context, renderProgressCard({ progress: mine, traineeName: null }));
      return;
    }
    const trainees = await listMyTrainees(this.deps.app, me.person.id);
    if (trainees.length === 0) {
      await context.sendActivity('You have no pathway of your own and no trainees yet. Your service lead can enrol you.');
      return;
    }
    for (const t of trainees) await sendCard(context, renderProgressCard({ progress: t.progress, traineeName: t.displayName }));
  }

  private async next(context: TurnContext): Promise<void> {
    const me = await this.actor(context);
    if (!me) return this.notEnrolled(context);
    const mine = await getMyProgress(this.deps.app, me.person.id);
    if (!mine) {
      await context.sendActivity('You are not enrolled as a trainee, so there is no next step for you here. Try **progress** to see your trainees.');
      return;
    }
    await context.sendActivity(MessageFactory.text(mine.next.map((n) => `- ${n.text}`).join('\n')));
  }

  private async welcome(context: TurnContext): Promise<void> {
    const me = await this.actor(context).catch(() => null);
    const roles = new Set(me?.roles ?? []);
    const points: { text: string }[] = [];
    if (roles.has('trainee')) points.push({ text: 'Log your cases, cycles and supervision, and see your progress through the stages.' });
    if (roles.has('supervisor')) points.push({ text: "Review your trainees' clips, co-sign supervision records and sign off stages." });
    if (roles.has('line_manager')) points.push({ text: 'Approve VIG contracts and follow your reports’ progress (never their clips).' });
    if (roles.has('service_admin')) points.push({ text: 'Configure pathways, retention and the lawful basis, and read the audit log.' });
    if (points.length === 0) points.push({ text: 'Your service lead has not added you to a service yet; once they do, I will help you with your VIG practice.' });
    await sendCard(context, renderWelcomeCard({ intro: 'Attune keeps your Video Interaction Guidance training in one secure place, inside your organisation’s Microsoft 365.', points }));
  }

  private async notEnrolled(context: TurnContext): Promise<void> {
    await context.sendActivity('I don’t know you yet: ask your service lead to add you to Attune.');
  }

  private async explain(context: TurnContext, e: unknown): Promise<void> {
    if (e instanceof AttuneError) {
      this.deps.log.warn('bot turn refused', { code: e.code });
      await context.sendActivity(e.message);
      return;
    }
    this.deps.log.error('bot turn failed', { error: e instanceof Error ? e.name : typeof e });
    await context.sendActivity('Something went wrong on my side. Please try again in a moment.');
  }
}

async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}
