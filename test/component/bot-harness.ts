// The bot on botbuilder's TestAdapter over a seeded Azurite store: one TestAdapter per demo person, each their
// own personal chat, and a recording proactive channel (the TestAdapter cannot continue other conversations;
// the HTTP tests cover the real CloudAdapter path).
import assert from 'node:assert/strict';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { AttuneBot } from '../../bot/attune-bot';
import type { Address, ProactiveChannel } from '../../bot/proactive';
import type { AppDeps } from '../../src/app/deps';
import type { DirectoryPort } from '../../src/ports/directory';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { createJsonLogger } from '../../src/adapters/logging/json-logger';
import { personId } from '../../src/domain/people';
import type { CalendarPort } from '../../src/ports/calendar';
import type { ReminderStore } from '../../src/ports/reminders';
import type { ClipStore } from '../../src/ports/clip-store';
import { startSeededStore } from '../support/seeded-store';

export type Who = keyof typeof demoPeople;
/** Someone added by a test, beyond the demo people. */
export interface OtherPerson {
  readonly key: string;
  readonly objectId: string;
  readonly displayName: string;
}
export type Card = { type: string; version: string; body: unknown[]; actions?: unknown[]; refresh?: { action: { verb: string; data: Record<string, unknown> }; userIds: string[] }; fallbackText?: string } & Record<string, unknown>;

export const serviceUrl = 'https://smba.trafficmanager.net/emea/';
const personOf = (who: Who | OtherPerson): { key: string; objectId: string; displayName: string } => (typeof who === 'string' ? { key: who, ...demoPeople[who] } : who);
export const idOf = (who: Who | OtherPerson): string => personId({ tenantId: demoTenantId, objectId: personOf(who).objectId });
export const conversationOf = (who: Who | OtherPerson): string => `a:personal-${personOf(who).key}`;

/** What Teams puts in an activity for a person. */
function teamsUserOf(who: Who | OtherPerson): { from: { id: string; aadObjectId: string; name: string }; channelData: { tenant: { id: string } } } {
  const p = personOf(who);
  return { from: { id: `29:${p.objectId}`, aadObjectId: p.objectId, name: p.displayName }, channelData: { tenant: { id: demoTenantId } } };
}

export interface Sent {
  readonly to: Address;
  readonly activity: Partial<Activity>;
  readonly id: string;
}

/** A proactive channel that records what the bot sends and updates. */
export function recordingChannel(): ProactiveChannel & { sent: Sent[]; updated: { to: Address; activityId: string; activity: Partial<Activity> }[]; clear(): void } {
  const sent: Sent[] = [];
  const updated: { to: Address; activityId: string; activity: Partial<Activity> }[] = [];
  return {
    sent,
    updated,
    clear() {
      sent.length = 0;
      updated.length = 0;
    },
    async send(to, activity) {
      const id = `proactive-${sent.length + 1}`;
      sent.push({ to, activity, id });
      return id;
    },
    async update(to, activityId, activity) {
      updated.push({ to, activityId, activity });
    },
  };
}

export function cardIn(a: Partial<Activity> | undefined): Card {
  const attachment = a?.attachments?.[0] as { contentType: string; content: Card } | undefined;
  assert.ok(attachment, `expected a card, got ${JSON.stringify(a?.text ?? a)}`);
  assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
  return attachment.content;
}

/** Every Action.Execute in a card (show cards and action sets included), by verb. */
export function executes(card: unknown): { verb: string; data: Record<string, unknown>; title: string }[] {
  const out: { verb: string; data: Record<string, unknown>; title: string }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') out.push({ verb: o.verb, data: (o.data as Record<string, unknown>) ?? {}, title: String(o.title) });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The buttons a person sees (not the card's own refresh action). */
export function buttons(card: Card): string[] {
  return executes({ body: card.body, actions: card.actions }).map((a) => a.verb);
}

export function execute(card: unknown, verb: string): { verb: string; data: Record<string, unknown> } {
  const found = executes(card).find((a) => a.verb === verb);
  assert.ok(found, `expected a ${verb} action in ${JSON.stringify(card).slice(0, 400)}`);
  return found;
}

/** The values the card's inputs hold, by id: what Teams would send back if the person changed nothing. */
export function inputValues(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string' && o.value !== undefined) out[o.id] = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

export const cardText = (card: unknown): string => JSON.stringify(card);

/** What Teams sends for an Action.Execute: the action's data merged with the card's inputs. */
export function dataFor(card: unknown, verb: string, inputs: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...inputValues(card), ...execute(card, verb).data, ...inputs };
}

export interface BotUser {
  readonly who: Who | OtherPerson;
  /** Sends a message; returns every reply. */
  say(text: string): Promise<Partial<Activity>[]>;
  /** Sends an Action.Execute invoke; returns the invoke response's status and card. */
  invoke(verb: string, data: Record<string, unknown>, options?: { replyToId?: string; trigger?: 'manual' | 'automatic' }): Promise<{ status: number; card: Card; body: Record<string, unknown> }>;
  /** Clicks an action of a card, with the inputs as they are, overridden by `inputs`. */
  click(card: unknown, verb: string, inputs?: Record<string, unknown>): Promise<{ status: number; card: Card; body: Record<string, unknown> }>;
  install(): Promise<Partial<Activity>[]>;
  /** Sends any activity; returns every reply. */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

export interface BotHarness {
  readonly app: AppDeps;
  readonly bot: AttuneBot;
  readonly channel: ReturnType<typeof recordingChannel>;
  /** The reminder store the bot's reminder cards act on. */
  readonly reminders: ReminderStore;
  /** The clip records (the clip reminder rules read them). */
  readonly clips: ClipStore;
  readonly logLines: string[];
  /** Moves the app's clock (and the local calendar's): it stays where it is put. */
  setNow(now: Date): void;
  as(who: Who | OtherPerson): BotUser;
  stop(): Promise<void>;
}

export async function startBotHarness(options: { now?: Date; links?: { publicUrl: string | null; teamsAppId: string | null }; calendar?: (local: CalendarPort) => CalendarPort; directory?: DirectoryPort } = {}): Promise<BotHarness> {
  const seeded = await startSeededStore(options.now, { ...(options.calendar ? { calendar: options.calendar } : {}), ...(options.directory ? { directory: options.directory } : {}) });
  const channel = recordingChannel();
  const logLines: string[] = [];
  const bot = new AttuneBot({
    app: seeded.app,
    log: createJsonLogger({ level: 'debug', sink: (l) => logLines.push(l) }),
    allowedServiceUrlHosts: ['smba.trafficmanager.net'],
    links: options.links ?? { publicUrl: null, teamsAppId: null },
    proactive: () => channel,
    reminders: seeded.reminders,
    reminderClips: seeded.clips,
  });
  const adapters = new Map<string, TestAdapter>();
  const adapterFor = (who: Who | OtherPerson): TestAdapter => {
    const key = personOf(who).key;
    let adapter = adapters.get(key);
    if (!adapter) {
      const user = teamsUserOf(who);
      adapter = new TestAdapter(async (context) => bot.run(context), {
        channelId: 'msteams',
        serviceUrl,
        from: user.from,
        recipient: { id: '28:attune-bot', name: 'Attune' },
        channelData: user.channelData,
        conversation: { id: conversationOf(who), conversationType: 'personal', isGroup: false, tenantId: demoTenantId, name: '' },
      });
      adapters.set(key, adapter);
    }
    return adapter;
  };
  let n = 0;
  const as = (who: Who | OtherPerson): BotUser => {
    const key = personOf(who).key;
    const send = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
      const adapter = adapterFor(who);
      adapter.activeQueue.length = 0;
      const user = teamsUserOf(who);
      await adapter.processActivity({ id: `in-${key}-${++n}`, from: user.from, channelData: user.channelData, ...activity });
      return adapter.activeQueue.splice(0);
    };
    const invoke: BotUser['invoke'] = async (verb, data, o = {}) => {
      const replies = await send({ type: ActivityTypes.Invoke, name: 'adaptiveCard/action', replyToId: o.replyToId ?? `card-${key}-${n}`, value: { action: { type: 'Action.Execute', verb, data }, trigger: o.trigger ?? 'manual' } });
      const response = replies.find((r) => r.type === 'invokeResponse');
      assert.ok(response, 'expected an invoke response');
      const value = response.value as { status: number; body: Record<string, unknown> };
      return { status: value.status, body: value.body, card: value.body.value as Card };
    };
    return {
      who,
      send,
      say: (text) => send({ type: ActivityTypes.Message, text }),
      invoke,
      click: (card, verb, inputs = {}) => invoke(verb, dataFor(card, verb, inputs)),
      install: () => send({ type: ActivityTypes.InstallationUpdate, action: 'add' }),
    };
  };
  return { app: seeded.app, bot, channel, reminders: seeded.reminders, clips: seeded.clips, logLines, setNow: (now) => seeded.setNow(now), as, stop: () => seeded.stop() };
}
