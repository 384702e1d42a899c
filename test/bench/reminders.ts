/**
 * Reminder delivery against the loopback connector: N reminders to M conversations in one tenant, through
 * the real outbox (Azurite tables), queue (Azurite queues) and sender loop (startReminderScheduler, as each
 * server instance runs it), paced to the configured tenant ceiling, through a 429 storm with Retry-After.
 *
 * Two configurations, in alternating rounds: one instance, and two instances sharing the ceiling. The two are
 * two in-process instances, each with its own queue consumer, pacer, in-turn tenant reservations and name,
 * sharing only what separate App Service instances share: the queue, the outbox and the table-based tenant
 * and conversation pacing rows on one Azurite. In-process rather than two server processes because the bench
 * feeds 10,000 synthetic outbox rows straight to the senders: a server's planner would treat rows about no
 * real record as done and spend the ceiling closing them; and the test of real processes (kill -9, the lease)
 * is test/component/reminders/two-instances.test.ts. The cost: both instances share one event loop (one core).
 *
 * One JSON line per configuration on stdout, medians over the rounds with the spread (_min/_max):
 * {"bench":"reminders","scenario":"storm_1_instance"|"storm_2_instances", "rate_ratio" (delivered per second ÷
 * the configured ceiling; target ≥ 0.95), "lost", "duplicates", "limit_violations", "retry_after_violations"
 * (targets 0; the worst round), "due_to_delivered_p50_ms"/"_p95_ms" (from the moment all N are due and the
 * senders start, to each card's first arrival: with N due at once this is mostly the queue draining at the
 * ceiling, N/2 ÷ ceiling for the median), "throttled" (429s answered), and the rounds and load average}.
 * With --calm, the same without the storm too, and storm_rate_ratio_vs_calm.
 *
 * Usage: npm run bench -- reminders [--reminders=10000] [--conversations=2000] [--ceiling=30] [--rounds=3]
 *        [--storm-seconds=10] [--retry-after=2] [--calm] [--quick]
 * --quick (or REMINDERS_BENCH=quick): 600 reminders to 120 conversations, one round, for a quick look.
 */
import { loadavg } from 'node:os';
import { startReminderScheduler } from '../../src/app/reminders/scheduler';
import type { OutboxRow } from '../../src/domain/reminders/delivery';
import type { ConversationRecord } from '../../src/domain/conversation';
import { reminderKeyOf } from '../support/loopback-connector';
import { rigTenant, person, startReminderRig } from '../support/reminder-rig';
import { startTestAzurite } from '../support/azurite';

const quick = process.argv.includes('--quick') || process.env.REMINDERS_BENCH === 'quick';
const arg = (name: string, full: number, small: number): number => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : quick ? small : full;
};
const round3 = (v: number): number => Math.round(v * 1000) / 1000;
const say = (s: string): void => console.error(`[reminders bench] ${s}`);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (xs: number[]): number => quantile(xs, 0.5);
const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

interface Options {
  reminders: number;
  conversations: number;
  ceiling: number;
  instances: number;
  stormSeconds: number;
  retryAfterSeconds: number;
}

interface Round {
  rate: number;
  lost: number;
  duplicates: number;
  violations: number;
  retryAfterViolations: number;
  p50: number;
  p95: number;
  throttled: number;
  seconds: number;
}

async function round(o: Options): Promise<Round> {
  const azurite = await startTestAzurite();
  const rig = await startReminderRig({ azurite });
  try {
    for (let c = 0; c < o.conversations; c += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, o.conversations - c) }, (_, i) => {
          const n = c + i + 1;
          const [tenantId, objectId] = person(n).split(':') as [string, string];
          const conversation: ConversationRecord = { tenantId, objectId, channelId: 'msteams', serviceUrl: rig.connector.serviceUrl, conversationId: `a:chat-${n}`, userId: `29:${n}`, botId: '28:attune', storedAt: '2026-01-05T09:00:00.000Z' };
          return rig.store.conversations.create(conversation);
        }),
      );
    }
    say(`queueing ${o.reminders} reminders to ${o.conversations} conversations`);
    // Reminder k goes to conversation k mod M: every conversation has N/M cards waiting, spread through the queue.
    for (let r = 0; r < o.reminders; r += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, o.reminders - r) }, async (_, i) => {
          const k = r + i;
          const n = (k % o.conversations) + 1;
          const key = `record.write|bench:${k}|0`;
          const at = new Date().toISOString();
          const row: OutboxRow = { key, ruleId: 'record.write', personId: person(n), localDate: '2026-06-01', dueAt: at, itemKeys: [key], items: [{ key, subject: `record:bench:${k}`, about: { kind: 'record.write', enrolmentId: 'bench', heldOn: '2026-05-28', sessionId: `s${k}`, plannedId: null } }], epoch: 1, createdAt: at, sends: 0, state: { status: 'queued', enqueuedAt: at } };
          await rig.reminders.outbox.create(row);
          await rig.queue.enqueue({ kind: 'deliver', key, tenantId: rigTenant });
        }),
      );
    }
    const noLease = { acquire: async () => null, renew: async () => false, release: async () => undefined };
    // All N are due now, as after a planning run that queued them at once.
    const start = Date.now();
    // The storm comes while the queue is draining (a third of the way through, at most 20 s in), and lasts
    // stormSeconds: every request is answered 429 with Retry-After.
    const stormFrom = start + Math.min(20_000, (o.reminders / o.ceiling) * 333);
    const storm = o.stormSeconds > 0 ? { until: stormFrom + o.stormSeconds * 1000, retryAfterSeconds: o.retryAfterSeconds } : null;
    const instances = Array.from({ length: o.instances }, (_, i) => {
      const deps = rig.instance(`bench-${i}`, { tenantPerSecond: o.ceiling, visibilitySeconds: 60, pollMs: 200 });
      return { deps, scheduler: startReminderScheduler({ ...deps, lease: noLease }, { intervalMs: 3_600_000, leaseCheckMs: 3_600_000, log: silent }) };
    });
    const first = new Map<string, number>();
    let last = -1;
    let stalled = Date.now();
    let reported = 0;
    while (first.size < o.reminders && Date.now() - stalled < 120_000) {
      await sleep(250);
      if (storm && !rig.connector.faults.storm && Date.now() >= stormFrom) rig.connector.faults.storm = storm;
      for (const a of rig.connector.received) {
        const key = reminderKeyOf(a);
        if (key && !first.has(key)) first.set(key, a.at);
      }
      if (first.size !== last) stalled = Date.now();
      last = first.size;
      if (first.size - reported >= 1000) {
        reported = first.size;
        say(`${first.size} delivered`);
      }
    }
    const delivered = rig.connector.received.filter((a) => a.method === 'POST');
    const end = Math.max(...first.values());
    for (const i of instances) i.deps.abort();
    await Promise.all(instances.map((i) => i.scheduler.stop()));
    const keys = delivered.map(reminderKeyOf);
    const latencies = [...first.values()].map((at) => at - start);
    return {
      rate: first.size / ((end - start) / 1000),
      lost: o.reminders - first.size,
      duplicates: keys.length - new Set(keys).size,
      violations: rig.connector.violations.length,
      retryAfterViolations: rig.connector.retryAfterViolations.length,
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      throttled: rig.connector.answered.throttled,
      seconds: (end - start) / 1000,
    };
  } finally {
    await rig.stop();
    await azurite.stop();
  }
}

function summary(scenario: string, o: { ceiling: number; reminders: number; conversations: number; instances: number }, results: Round[]): Record<string, unknown> {
  const rates = results.map((x) => x.rate / o.ceiling);
  return {
    bench: 'reminders',
    scenario,
    reminders: o.reminders,
    conversations: o.conversations,
    instances: o.instances,
    ceiling_per_second: o.ceiling,
    rounds: results.length,
    rate_ratio: round3(median(rates)),
    rate_ratio_min: round3(Math.min(...rates)),
    rate_ratio_max: round3(Math.max(...rates)),
    lost: Math.max(...results.map((x) => x.lost)),
    duplicates: Math.max(...results.map((x) => x.duplicates)),
    limit_violations: Math.max(...results.map((x) => x.violations)),
    retry_after_violations: Math.max(...results.map((x) => x.retryAfterViolations)),
    due_to_delivered_p50_ms: Math.round(median(results.map((x) => x.p50))),
    due_to_delivered_p95_ms: Math.round(median(results.map((x) => x.p95))),
    throttled: Math.round(median(results.map((x) => x.throttled))),
    seconds: round3(median(results.map((x) => x.seconds))),
    load_average_1m: round3(loadavg()[0] ?? 0),
  };
}

export async function runRemindersBench(): Promise<void> {
  const base = { reminders: arg('reminders', 10_000, 600), conversations: arg('conversations', 2_000, 120), ceiling: arg('ceiling', 30, 30) };
  const rounds = arg('rounds', 3, 1);
  const stormSeconds = arg('storm-seconds', 10, 5);
  const retryAfterSeconds = arg('retry-after', 2, 2);
  const calm = process.argv.includes('--calm');
  const configs = [1, 2].flatMap((instances) => [{ instances, stormSeconds, name: `storm_${instances}_instance${instances > 1 ? 's' : ''}` }, ...(calm ? [{ instances, stormSeconds: 0, name: `calm_${instances}_instance${instances > 1 ? 's' : ''}` }] : [])]);
  const results = new Map<string, Round[]>(configs.map((c) => [c.name, []]));
  // Alternating: round 1 of every configuration, then round 2 of every one…, so a slow spell of the machine
  // falls on all of them rather than on one.
  for (let r = 0; r < rounds; r++) {
    for (const c of configs) {
      say(`round ${r + 1}/${rounds}: ${c.name}`);
      const x = await round({ ...base, instances: c.instances, stormSeconds: c.stormSeconds, retryAfterSeconds });
      say(`  ${JSON.stringify(x)}`);
      results.get(c.name)!.push(x);
    }
  }
  for (const c of configs) {
    const line = summary(c.name, { ...base, instances: c.instances }, results.get(c.name)!);
    if (calm && c.stormSeconds > 0) {
      const calmRates = results.get(c.name.replace('storm', 'calm'))!.map((x) => x.rate);
      line.storm_rate_ratio_vs_calm = round3(median(results.get(c.name)!.map((x) => x.rate)) / median(calmRates));
    }
    console.log(JSON.stringify(line));
  }
}
