import { AttuneError } from '../../domain/errors';
import { earliestSlot, withSend } from '../../domain/reminders/pacing';
import { reminderKeys, type ConversationPacing, type TenantPacing } from '../../ports/reminders';
import type { ReminderDeps } from './deps';

const isConflict = (e: unknown): boolean => e instanceof AttuneError && e.code === 'conflict';

/** Read-modify-write of one shared row under its ETag, again and again until this instance's write wins. */
async function update<T>(o: { get: () => Promise<{ value: T; etag: string } | null>; create: (v: T) => Promise<unknown>; replace: (v: T, etag: string) => Promise<unknown>; next: (current: T | null) => T }): Promise<T> {
  for (let i = 0; ; i++) {
    const stored = await o.get();
    const value = o.next(stored?.value ?? null);
    try {
      if (stored) await o.replace(value, stored.etag);
      else await o.create(value);
      return value;
    } catch (e) {
      if (!isConflict(e) || i >= 50) throw e;
    }
  }
}

interface TenantTurn {
  readonly waiting: { ok: (slot: number) => void; fail: (e: unknown) => void }[];
  running: boolean;
}

const tenantTurns = new WeakMap<object, Map<string, TenantTurn>>();

/**
 * The next free slot of the tenant's ceiling (ms), shared by every instance: one row, advanced by 1/ceiling
 * per send under its ETag. Reservations from this instance (`deps`) go in turn, and every one that arrived
 * while the previous write was in flight is served by the next write together (k slots at once, 1/ceiling
 * apart), so an instance makes one round trip to the row per batch rather than per send: dozens of
 * concurrent senders writing one row one by one would be as slow as that round trip (and, unqueued, would
 * mostly conflict and retry); only other instances can interleave, each with its own disjoint slots.
 */
function reserveTenantSlot(deps: ReminderDeps, tenantId: string): Promise<number> {
  let byTenant = tenantTurns.get(deps);
  if (!byTenant) tenantTurns.set(deps, (byTenant = new Map<string, TenantTurn>()));
  let turn = byTenant.get(tenantId);
  if (!turn) byTenant.set(tenantId, (turn = { waiting: [], running: false }));
  const t = turn;
  return new Promise<number>((ok, fail) => {
    t.waiting.push({ ok, fail });
    if (!t.running) void runTenantTurns(deps, tenantId, t);
  });
}

async function runTenantTurns(deps: ReminderDeps, tenantId: string, turn: TenantTurn): Promise<void> {
  turn.running = true;
  const interval = 1000 / deps.reminderSettings.tenantPerSecond;
  while (turn.waiting.length) {
    const batch = turn.waiting.splice(0);
    let first = 0;
    try {
      const now = deps.pacer.nowMs();
      await update<TenantPacing>({
        get: () => deps.reminders.tenantPacing.get(reminderKeys.tenantPacing({ tenantId })),
        create: (v) => deps.reminders.tenantPacing.create(v),
        replace: (v, etag) => deps.reminders.tenantPacing.replace(v, etag),
        next: (c) => {
          first = Math.max(now, c?.nextFree ?? 0);
          return { tenantId, nextFree: first + batch.length * interval };
        },
      });
    } catch (e) {
      batch.forEach((w) => w.fail(e));
      continue;
    }
    batch.forEach((w, i) => w.ok(first + i * interval));
  }
  turn.running = false;
}

/** How long to look again later when another request to the conversation is in flight. */
const busyPollMs = 25;

/** When this conversation may next be sent to, without reserving it (a request in flight, a Retry-After, the limits). */
export async function conversationFreeAt(deps: ReminderDeps, conversationId: string): Promise<number> {
  const stored = await deps.reminders.pacing.get(reminderKeys.pacing({ conversationId }));
  if (!stored) return 0;
  const now = deps.pacer.nowMs();
  if ((stored.value.busyUntil ?? 0) > now) return now + busyPollMs;
  return earliestSlot(stored.value.sends, { from: Math.max(stored.value.notBefore, 0) });
}

/**
 * Reserves one send: first the tenant's next free slot (shared by every instance, see reserveTenantSlot), then the conversation's first slot at or after it that keeps Teams'
 * per-conversation limits (also one shared row). The send time is recorded in the conversation's history
 * as the time it will happen, so the limits hold for what is really sent. Returns when to send.
 */
export async function reserveSend(deps: ReminderDeps, input: { tenantId: string; conversationId: string; busyForMs: number }): Promise<number | null> {
  const tenantSlot = await reserveTenantSlot(deps, input.tenantId);
  let at: number | null = tenantSlot;
  await update<ConversationPacing>({
    get: () => deps.reminders.pacing.get(reminderKeys.pacing({ conversationId: input.conversationId })),
    create: (v) => deps.reminders.pacing.create(v),
    replace: (v, etag) => deps.reminders.pacing.replace(v, etag),
    next: (c) => {
      const sends = c?.sends ?? [];
      const notBefore = c?.notBefore ?? 0;
      if ((c?.busyUntil ?? 0) > deps.pacer.nowMs()) {
        at = null;
        return c!;
      }
      const slot = earliestSlot(sends, { from: Math.max(tenantSlot, notBefore) });
      at = slot;
      return { conversationId: input.conversationId, sends: withSend(sends, slot), notBefore, busyUntil: slot + input.busyForMs };
    },
  });
  return at;
}

/**
 * The request is answered: the conversation is free for the next one, unless Teams said 429, when nothing
 * more goes to it, from any instance, until `notBefore` (ms).
 */
export async function releaseConversation(deps: ReminderDeps, input: { conversationId: string; notBefore?: number }): Promise<void> {
  await update<ConversationPacing>({
    get: () => deps.reminders.pacing.get(reminderKeys.pacing({ conversationId: input.conversationId })),
    create: (v) => deps.reminders.pacing.create(v),
    replace: (v, etag) => deps.reminders.pacing.replace(v, etag),
    next: (c) => ({ conversationId: input.conversationId, sends: c?.sends ?? [], notBefore: Math.max(c?.notBefore ?? 0, input.notBefore ?? 0), busyUntil: 0 }),
  });
}
