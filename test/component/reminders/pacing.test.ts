import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { ReminderDeps } from '../../../src/app/reminders/deps';
import { reserveSend } from '../../../src/app/reminders/pacing';
import type { TenantPacing } from '../../../src/ports/reminders';
import { rigTenant, startReminderRig, type ReminderRig } from '../../support/reminder-rig';

/** An instance whose tenant-row writes are counted. */
function counted(rig: ReminderRig, name: string, ceiling: number): { deps: ReminderDeps; writes: () => number } {
  const deps = rig.instance(name, { tenantPerSecond: ceiling });
  let writes = 0;
  const row = deps.reminders.tenantPacing;
  const tenantPacing = { ...row, get: row.get.bind(row), list: row.list.bind(row), create: (v: TenantPacing) => (writes++, row.create(v)), replace: (v: TenantPacing, etag: string) => (writes++, row.replace(v, etag)) };
  return { deps: { ...deps, reminders: { ...deps.reminders, tenantPacing } }, writes: () => writes };
}

describe('Component › reminder pacing: the shared tenant ceiling on Azurite', () => {
  let rig: ReminderRig;
  before(async () => {
    rig = await startReminderRig();
  });
  after(async () => rig?.stop());

  it('gives concurrent sends from two instances distinct slots at least 1/ceiling apart, one tenant-row write per batch', async () => {
    const ceiling = 30;
    const a = counted(rig, 'a', ceiling);
    const b = counted(rig, 'b', ceiling);
    const per = 40;
    const reserve = (x: { deps: ReminderDeps }, who: string) => Array.from({ length: per }, (_, i) => reserveSend(x.deps, { tenantId: rigTenant, conversationId: `a:${who}-${i}`, busyForMs: 5_000 }));
    const slots = await Promise.all([...reserve(a, 'a'), ...reserve(b, 'b')]);
    assert.ok(slots.every((s): s is number => typeof s === 'number'), 'every conversation was free');
    const sorted = [...slots].sort((x, y) => x - y);
    const gaps = sorted.slice(1).map((s, i) => s - sorted[i]!);
    assert.ok(Math.min(...gaps) >= 1000 / ceiling - 0.01, `the ceiling holds across both instances (smallest gap ${Math.min(...gaps)} ms)`);
    // Each instance writes the row once per batch of waiting sends (plus any retry after the other's write), not once per send.
    assert.ok(a.writes() < per && b.writes() < per, `writes: a ${a.writes()}, b ${b.writes()} for ${per} sends each`);
  });
});
