import { MessageFactory, TeamsActivityHandler, TurnContext, type Activity, type InvokeResponse } from 'botbuilder';
import { rememberConversation } from '../src/app/conversations/remember-conversation';
import type { AppDeps } from '../src/app/deps';
import { identify, type Actor } from '../src/app/people';
import { listMyTrainees } from '../src/app/progress';
import { myProgressOverview, type ProgressOverview } from '../src/app/supervision-records/record-summary';
import { toIsoDate } from '../src/domain/dates';
import { AttuneError } from '../src/domain/errors';
import type { Logger } from '../src/ports/logger';
import type { ReminderStore } from '../src/ports/reminders';
import type { ClipStore } from '../src/ports/clip-store';
import { decodeCardAction, type CardAction } from './card-actions';
import { renderNoticeCard } from './cards/practice-cards';
import { renderHelpCard, renderProgressCard, renderWelcomeCard } from './cards/render';
import type { AdaptiveCard } from './cards/template';
import { commands, parseCommandLine, type ParsedCommand } from './commands';
import { failureCard, failureReply, invokeErrorOf, type InvokeError } from './errors';
import { isAllowedServiceUrl } from './service-url';
import * as contract from './handlers/contract';
import * as practice from './handlers/practice';
import * as records from './handlers/supervision-records';
import * as scheduling from './handlers/scheduling';
import * as reminders from './handlers/reminders';
import * as stage from './handlers/stage';
import type { LinkSettings } from './links';
import { adapterChannel, Messenger, type ProactiveChannel } from './proactive';
import { sendCard, type Turn } from './turn';

export interface BotDeps {
  readonly app: AppDeps;
  readonly log: Logger;
  /**
   * Exact hosts a serviceUrl may have (the endpoint's list): a conversation is remembered, and a proactive
   * message sent, only to one of these. Unset: nothing is remembered or sent proactively.
   */
  readonly allowedServiceUrlHosts?: readonly string[];
  /** Where links into the tab point (the upload page). */
  readonly links?: LinkSettings;
  /** How to reach other conversations; by default, the adapter running the turn. */
  readonly proactive?: (context: TurnContext) => ProactiveChannel;
  /** Reminder storage, for the reminder cards' snooze, mute and refresh; unset: reminders are off. */
  readonly reminders?: ReminderStore;
  /** Clips and uploads, so those cards can tell a clip opened or an upload finished (the clip rules). */
  readonly reminderClips?: Pick<ClipStore, 'clips' | 'uploads'>;
}

/** The caller's tenant and Entra object id, as Teams sends them. */
export function callerOf(activity: Partial<Activity>): { tenantId: string; objectId: string } | null {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenantId = channelData?.tenant?.id ?? activity.conversation?.tenantId;
  const objectId = activity.from?.aadObjectId;
  return typeof tenantId === 'string' && tenantId && typeof objectId === 'string' && objectId ? { tenantId, objectId } : null;
}

const cardResponse = (card: AdaptiveCard): InvokeResponse => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } });
const errorResponse = ({ status, code, message }: InvokeError): InvokeResponse => ({ status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } } });

/**
 * Attune's bot. Handlers are thin: decode the message or card action, call one use case, answer with a card.
 * Messages are commands (see commands.ts); card actions are Action.Execute invokes (see card-actions.ts),
 * answered in place with the updated card.
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
      const me = await this.actor(context).catch(() => null);
      await this.remember(context, me);
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== botId)) await this.welcome(context, me);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      const me = await this.actor(context).catch(() => null);
      await this.remember(context, me);
      await this.welcome(context, me);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') return this.handleCardAction(context);
    return super.onInvokeActivity(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text;
    try {
      const command = parseCommandLine(text, { today: toIsoDate(this.deps.app.clock.now()) });
      if (command === null) {
        await context.sendActivity(MessageFactory.text(`Sorry, I didn't understand that. Try **progress** or **next**, or type **help** to see everything I can do.`));
        return;
      }
      if (command.name === 'help') {
        await sendCard(context, renderHelpCard({ commands }));
        return;
      }
      const me = await this.actor(context);
      if (!me) return this.notEnrolled(context);
      await this.remember(context, me);
      await this.command(this.turn(context, me), command);
      this.deps.log.info('bot command', { command: command.name, tenant: me.person.tenantId, person: me.person.objectId });
    } catch (e) {
      await this.explain(context, e);
    }
  }

  private async command(turn: Turn, command: ParsedCommand): Promise<void> {
    switch (command.name) {
      case 'help':
        return sendCard(turn.context, renderHelpCard({ commands }));
      case 'progress':
        return this.progress(turn);
      case 'next':
        return this.next(turn);
      case 'upload':
        return practice.uploadCommand(turn);
      case 'log case':
        return practice.logCaseCommand(turn, command);
      case 'log cycle':
        return practice.logCycleCommand(turn, command);
      case 'log supervision':
        return practice.logSupervisionCommand(turn, command);
      case 'record':
        return records.recordCommand(turn);
      case 'contract':
        return contract.contractCommand(turn);
      case 'stage meeting':
        return stage.stageMeetingCommand(turn);
      case 'book supervision':
        return scheduling.bookCommand(turn);
    }
  }

  private async handleCardAction(context: TurnContext): Promise<InvokeResponse> {
    let action: CardAction;
    try {
      action = decodeCardAction(context.activity.value);
    } catch (e) {
      // Not one of Attune's card actions, or not what its card sends: 400, whether clicked or automatic.
      this.deps.log.warn('card action refused', { reason: 'unreadable' });
      return errorResponse(invokeErrorOf(e));
    }
    try {
      const me = await this.actor(context);
      if (!me) return cardResponse(renderNoticeCard({ title: 'I don’t know you yet', lines: ['Ask your service lead to add you to Attune.'] }));
      await this.remember(context, me);
      const card = await this.cardAction(this.turn(context, me), action);
      this.deps.log.info('card action', { verb: action.verb, tenant: me.person.tenantId, person: me.person.objectId });
      return cardResponse(card);
    } catch (e) {
      this.logFailure('card action', e, { verb: action.verb });
      // A card refreshing by itself keeps showing what it showed; a click gets an answer it can act on.
      return action.automatic ? errorResponse(invokeErrorOf(e)) : cardResponse(failureCard(e));
    }
  }

  private async cardAction(turn: Turn, action: CardAction): Promise<AdaptiveCard> {
    switch (action.verb) {
      case 'progress.show':
        return this.progressCard(turn);
      case 'case.form':
        return practice.caseFormAction(turn);
      case 'case.submit':
        return practice.caseSubmitAction(turn, action.data);
      case 'cycle.form':
        return practice.cycleFormAction(turn, action.data);
      case 'cycle.submit':
        return practice.cycleSubmitAction(turn, action.data);
      case 'supervision.form':
        return practice.supervisionFormAction(turn);
      case 'supervision.submit':
        return practice.supervisionSubmitAction(turn, action.data);
      case 'record.form':
        return records.recordFormAction(turn, action.data);
      case 'record.submit':
        return records.recordSubmitAction(turn, action.data);
      case 'record.edit':
        return records.recordEditAction(turn, action.data);
      case 'record.cosign':
        return records.recordCosignAction(turn, action.data);
      case 'record.return':
        return records.recordReturnAction(turn, action.data);
      case 'record.refresh':
        return records.recordRefreshAction(turn, action.data);
      case 'stage.form':
        return stage.stageFormAction(turn);
      case 'stage.submit':
        return stage.stageSubmitAction(turn, action.data);
      case 'contract.form':
        return contract.contractFormAction(turn);
      case 'contract.create':
        return contract.contractCreateAction(turn, action.data);
      case 'contract.sign':
        return contract.contractSignAction(turn, action.data);
      case 'contract.decline':
        return contract.contractDeclineAction(turn, action.data);
      case 'contract.edit':
        return contract.contractEditAction(turn, action.data);
      case 'contract.revise':
        return contract.contractReviseAction(turn, action.data);
      case 'contract.refresh':
        return contract.contractRefreshAction(turn, action.data);
      case 'contract.version':
        return contract.contractVersionAction(turn, action.data);
      case 'schedule.times':
        return scheduling.timesAction(turn, action.data);
      case 'schedule.book':
        return scheduling.bookAction(turn, action.data);
      case 'schedule.move':
        return scheduling.moveAction(turn, action.data);
      case 'schedule.moveTo':
        return scheduling.moveToAction(turn, action.data);
      case 'schedule.cancel':
        return scheduling.cancelAction(turn, action.data);
      case 'schedule.show':
        return scheduling.showAction(turn, action.data);
      case 'reminder.snooze':
        return reminders.reminderSnoozeAction(turn, this.reminderDeps(), action.data);
      case 'reminder.mute':
        return reminders.reminderMuteAction(turn, this.reminderDeps(), action.data);
      case 'reminder.refresh':
        return reminders.reminderRefreshAction(turn, this.reminderDeps(), action.data);
    }
  }

  private reminderDeps(): reminders.ReminderCardStores {
    return { reminders: this.deps.reminders, ...(this.deps.reminderClips ? { clips: this.deps.reminderClips } : {}) };
  }

  private turn(context: TurnContext, actor: Actor): Turn {
    const channel = (this.deps.proactive ?? adapterChannel)(context);
    const messenger = new Messenger({ context, app: this.deps.app, log: this.deps.log, allowedServiceUrlHosts: this.deps.allowedServiceUrlHosts ?? [], channel });
    return { context, actor, app: this.deps.app, log: this.deps.log, messenger, links: this.deps.links ?? { publicUrl: null, teamsAppId: null } };
  }

  private async actor(context: TurnContext): Promise<Actor | null> {
    const caller = callerOf(context.activity);
    if (!caller) return null;
    return identify(this.deps.app, caller);
  }

  /** Remembers the person's personal chat for proactive messages: only with a serviceUrl on the allow-list. */
  private async remember(context: TurnContext, me: Actor | null): Promise<void> {
    const a = context.activity;
    if (!me || a.conversation?.conversationType !== 'personal') return;
    if (!isAllowedServiceUrl(a.serviceUrl, this.deps.allowedServiceUrlHosts ?? [])) return;
    try {
      await rememberConversation(this.deps.app, {
        actor: me,
        address: { channelId: a.channelId ?? '', serviceUrl: a.serviceUrl ?? '', conversationId: a.conversation.id ?? '', userId: a.from?.id ?? '', botId: a.recipient?.id ?? '' },
      });
    } catch (e) {
      this.deps.log.warn('conversation not remembered', { error: e instanceof Error ? e.name : typeof e });
    }
  }

  private async progressCard(turn: Turn): Promise<AdaptiveCard> {
    const mine = await myProgressOverview(turn.app, { actor: turn.actor });
    if (!mine) return renderNoticeCard({ title: 'No pathway of your own', lines: ['Type progress to see your trainees’ progress.'] });
    return this.myProgressCard(turn, mine);
  }

  private myProgressCard(turn: Turn, mine: ProgressOverview): AdaptiveCard {
    const zone = turn.app.scheduling.zone;
    return renderProgressCard({ progress: mine.progress, traineeName: null, records: mine.records, nextMeeting: { meeting: mine.nextMeeting, zone }, schedule: { canBook: true } });
  }

  /** Your own progress, or each trainee's you supervise or line-manage, with the next meeting booked. */
  private async progress(turn: Turn): Promise<void> {
    const mine = await myProgressOverview(turn.app, { actor: turn.actor });
    if (mine) {
      await sendCard(turn.context, this.myProgressCard(turn, mine));
      return;
    }
    const trainees = await listMyTrainees(turn.app, turn.actor.person.id);
    if (trainees.length === 0) {
      await turn.context.sendActivity('You have no pathway of your own and no trainees yet. Your service lead can enrol you.');
      return;
    }
    const zone = turn.app.scheduling.zone;
    for (const t of trainees) {
      await sendCard(turn.context, renderProgressCard({ progress: t.progress, traineeName: t.displayName, nextMeeting: { meeting: t.nextMeeting, zone }, schedule: { canBook: t.relationship === 'supervisor' } }));
    }
  }

  private async next(turn: Turn): Promise<void> {
    const mine = await myProgressOverview(turn.app, { actor: turn.actor });
    if (!mine) {
      await turn.context.sendActivity('You are not enrolled as a trainee, so there is no next step for you here. Try **progress** to see your trainees.');
      return;
    }
    const r = mine.records;
    const records = [
      ...(r.returned ? [`Edit the ${r.returned === 1 ? 'supervision record' : `${r.returned} supervision records`} your supervisor returned (type **record**).`] : []),
      ...(r.toWrite ? [`Write the record of ${r.toWrite === 1 ? 'one supervision session' : `${r.toWrite} supervision sessions`} (type **record**).`] : []),
    ];
    await turn.context.sendActivity(MessageFactory.text([...mine.progress.next.map((n) => n.text), ...records].map((t) => `- ${t}`).join('\n')));
  }

  private async welcome(context: TurnContext, me: Actor | null): Promise<void> {
    const roles = new Set(me?.roles ?? []);
    const points: { text: string }[] = [];
    if (roles.has('trainee')) points.push({ text: 'Log your cases, cycles and supervision (try: log supervision 60 min today), write your supervision records, and see your progress through the stages.' });
    if (roles.has('trainee') || roles.has('supervisor')) points.push({ text: 'Book supervision as a Teams meeting at a time you are both free (type book supervision); move or cancel it from the card.' });
    if (roles.has('supervisor')) points.push({ text: "Review your trainees' clips, co-sign supervision records (type record) and sign off stages (type stage meeting)." });
    if (roles.has('line_manager')) points.push({ text: 'Approve VIG contracts (type contract) and follow your reports’ progress (never their clips).' });
    if (roles.has('service_admin')) points.push({ text: 'Configure pathways, retention and the lawful basis, and read the audit log.' });
    if (points.length === 0) points.push({ text: 'Your service lead has not added you to a service yet; once they do, I will help you with your VIG practice.' });
    await sendCard(context, renderWelcomeCard({ intro: 'Attune keeps your Video Interaction Guidance training in one secure place, inside your organisation’s Microsoft 365.', points, canBook: roles.has('trainee') || roles.has('supervisor') }));
  }

  private async notEnrolled(context: TurnContext): Promise<void> {
    await context.sendActivity('I don’t know you yet: ask your service lead to add you to Attune.');
  }

  private async explain(context: TurnContext, e: unknown): Promise<void> {
    this.logFailure('bot turn', e);
    const reply = failureReply(e);
    if (reply.kind === 'card') await sendCard(context, reply.card);
    else await context.sendActivity(reply.text);
  }

  private logFailure(what: 'bot turn' | 'card action', e: unknown, fields: Readonly<Record<string, string>> = {}): void {
    if (e instanceof AttuneError) this.deps.log.warn(`${what} refused`, { ...fields, code: e.code });
    else this.deps.log.error(`${what} failed`, { ...fields, error: e instanceof Error ? e.name : typeof e });
  }
}
