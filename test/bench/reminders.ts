/**
 * Reminder delivery against the loopback connector: N reminders to M conversations in one tenant, through
 * the real outbox (Azurite tables), queue (Azurite queues) and sender loop, paced to the configured tenant
 * ceiling, with and without a 429 storm, by one instance and by two sharing the ceiling.
 *
 * JSON lines {"bench":"reminders","metric","value"} on stdout:
 * - rate_ratio: delivered per second ÷ the configured ceiling (target ≥ 0.95), per scenario;
 * - storm_rate_ratio_vs_calm: the storm round's rate ÷ the calm round's, measured in the same run (the baseline);
 * - lost, duplicates, limit_violations, retry_after_violations (targets 0);
 * - due_to_delivered_p50_ms / _p95_ms: from the moment a reminder was queued to its arrival at the connector.
 * Rounds alternate calm and storm; values are medians, with _min and _max for the spread.
 *
 * Usage: npm run bench -- reminders [--reminders=10000] [--conversations=2000] [--ceiling=30] [--rounds=1] [--storm-seconds=5]
 */
import { startReminderScheduler } from '../../src/app/reminders/scheduler';
import type { OutboxRow } from '../../src/domain/reminders/delivery';
import type { ConversationRecord } from '../../src/domain/conversation';
import { reminderKeyOf } from '../support/loopback-connector';
import { rigTenant, person, startReminderRig } from '../support/reminder-rig';
import { startTestAzurite } from '../support/azurite';

const arg = (name: string, fallback: number): number => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};
const emit = (metric: string, value: number): void => console.log(JSON.stringify({ bench: 'reminders', metric, value: Math.round(value * 1000) / 1000 }));
const say = (s: string): void => console.error(`[reminders bench] ${s}`);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (xs: number[]): number => quantile(xs, 0.5);

interface Round {
  rate: number;
  lost: number;
  duplicates: number;
  violations: number;
  retryAfterViolations: number;
  p50: number;
  p95: number;
}

async function round(o: { reminders: number; conversations: number; ceiling: number; instances: number; stormSeconds: number }): Promise<Round> {
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
    const queuedAt = new Map<string, number>();
    for (let r = 0; r < o.reminders; r += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, o.reminders - r) }, async (_, i) => {
          const k = r + i;
          const n = (k % o.conversations) + 1;
          const key = `record.write|bench:${k}|0`;
          const row: OutboxRow = { key, ruleId: 'record.write', personId: person(n), localDate: '2026-06-01', dueAt: new Date().toISOString(), itemKeys: [key], items: [{ key, subject: `record:bench:${k}`, about: { kind: 'record.write', enrolmentId: 'bench', heldOn: '2026-05-28', sessionId: `s${k}`, plannedId: null } }], epoch: 1, createdAt: new Date().toISOString(), sends: 0, state: { status: 'queued', enqueuedAt: new Date().toISOString() } };
          await rig.reminders.outbox.create(row);
          await rig.queue.enqueue({ kind: 'deliver', key, tenantId: rigTenant });
          queuedAt.set(key, Date.now());
        }),
      );
    }
    const noLease = { acquire: async () => null, renew: async () => false, release: async () => undefined };
    const start = Date.now();
    if (o.stormSeconds > 0) rig.connector.faults.storm = { until: start + 2_000 + o.stormSeconds * 1000, retryAfterSeconds: 2 };
    const instances = Array.from({ length: o.instances }, (_, i) => {
      const deps = rig.instance(`bench-${i}`, { tenantPerSecond: o.ceiling, visibilitySeconds: 60, pollMs: 200 });
      return { deps, scheduler: startReminderScheduler({ ...deps, lease: noLease }, { intervalMs: 3_600_000, leaseCheckMs: 3_600_000, log: silent }) };
    });
    const unique = (): number => new Set(rig.connector.received.map(reminderKeyOf)).size;
    let last = -1;
    let stalled = Date.now();
    while (unique() < o.reminders && Date.now() - stalled < 120_000) {
      await new Promise((ok) => setTimeout(ok, 1_000));
      const u = unique();
      if (u !== last) stalled = Date.now();
      last = u;
      if (u % 500 < o.ceiling) say(`${u} delivered`);
    }
    const delivered = rig.connector.received.filter((a) => a.method === 'POST');
    const end = Math.max(...delivered.map((a) => a.at));
    for (const i of instances) i.deps.abort();
    await Promise.all(instances.map((i) => i.scheduler.stop()));
    const keys = delivered.map(reminderKeyOf);
    const latencies = delivered.map((a) => a.at - (queuedAt.get(reminderKeyOf(a) ?? '') ?? a.at));
    return {
      rate: unique() / ((end - start) / 1000),
      lost: o.reminders - unique(),
      duplicates: keys.length - new Set(keys).size,
      violations: rig.connector.violations.length,
      retryAfterViolations: rig.connector.retryAfterViolations.length,
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
    };
  } finally {
    await rig.stop();
    await azurite.stop();
  }
}

export async function runRemindersBench(): Promise<void> {
  const o = { reminders: arg('reminders', 10_000), conversations: arg('conversations', 2_000), ceiling: arg('ceiling', 30) };
  const rounds = arg('rounds', 1);
  const stormSeconds = arg('storm-seconds', 5);
  for (const instances of [1, 2]) {
    const calm: Round[] = [];
    const storm: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      say(`round ${r + 1}: ${instances} instance(s), calm`);
      calm.push(await round({ ...o, instances, stormSeconds: 0 }));
      say(`round ${r + 1}: ${instances} instance(s), a ${stormSeconds} s 429 storm`);
      storm.push(await round({ ...o, instances, stormSeconds }));
    }
    for (const [name, results] of [['calm', calm], ['storm', storm]] as const) {
      const p = `${name}_${instances}_instance${instances > 1 ? 's' : ''}`;
      const rates = results.map((x) => x.rate / o.ceiling);
      emit(`rate_ratio_${p}`, median(rates));
      emit(`rate_ratio_${p}_min`, Math.min(...rates));
      emit(`rate_ratio_${p}_max`, Math.max(...rates));
      emit(`lost_${p}`, Math.max(...results.map((x) => x.lost)));
      emit(`duplicates_${p}`, Math.max(...results.map((x) => x.duplicates)));
      emit(`limit_violations_${p}`, Math.max(...results.map((x) => x.violations)));
      emit(`retry_after_violations_${p}`, Math.max(...results.map((x) => x.retryAfterViolations)));
      emit(`due_to_delivered_p50_ms_${p}`, median(results.map((x) => x.p50)));
      emit(`due_to_delivered_p95_ms_${p}`, median(results.map((x) => x.p95)));
    }
    emit(`storm_rate_ratio_vs_calm_${instances}`, median(storm.map((x) => x.rate)) / median(calm.map((x) => x.rate)));
  }
}
