// Outbox rows, a session without a record and a mute, written straight into a running app's reminder tables,
// so the reminder pages (HTTP and tab) have something in every state to show.
import { TableClient } from '@azure/data-tables';
import { openTableReminderStore } from '../../src/adapters/storage/table-reminder-store';
import { demoPeople, demoServiceId, demoTenantId } from '../../src/app/seed-demo';
import type { OutboxRow, DeliveryState } from '../../src/domain/reminders/delivery';
import type { ReminderStore } from '../../src/ports/reminders';
import type { RunningAttune } from '../../src/main';

export const idOf = (key: keyof typeof demoPeople): string => `${demoTenantId}:${demoPeople[key].objectId}`;

/** The reminder store on the app's own tables (the same embedded Azurite, the default prefix). */
export async function reminderStoreOf(app: RunningAttune): Promise<ReminderStore> {
  const cs = app.storage.connectionString!;
  return openTableReminderStore({ clientFor: (t) => TableClient.fromConnectionString(cs, t, { allowInsecureConnection: true }) });
}

const row = (key: string, o: { personId: string; enrolmentId: string; state: DeliveryState; at: string }): OutboxRow => ({
  key,
  ruleId: 'record.write',
  personId: o.personId,
  localDate: o.at.slice(0, 10),
  dueAt: o.at,
  itemKeys: [`${key}:item`],
  items: [{ key: `${key}:item`, subject: `record:${o.enrolmentId}:${key}`, about: { kind: 'record.write', enrolmentId: o.enrolmentId, heldOn: o.at.slice(0, 10), sessionId: key, plannedId: null } }],
  epoch: 1,
  createdAt: o.at,
  sends: 1,
  state: o.state,
});

export const otherServiceId = 'other-service';
export const otherAdmin = { objectId: '00000000-0000-0000-0000-0000000000091', displayName: 'Olive Other' } as const;
export const otherTrainee = { objectId: '00000000-0000-0000-0000-0000000000092', displayName: 'Oscar Other' } as const;
export const otherAdminId = `${demoTenantId}:${otherAdmin.objectId}`;

/**
 * Seeds, for the demo service: a delivered, a queued, an undeliverable (403) and a dead card for Alex, and a
 * session of Alex's with no record (so Alex has an upcoming reminder); and another service with its own admin,
 * trainee and one delivered card, which the demo admin must never see.
 */
export async function seedReminderStates(app: RunningAttune, now: Date): Promise<ReminderStore> {
  const store = await reminderStoreOf(app);
  const at = (minutesAgo: number): string => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const alex = idOf('trainee');
  const e = 'demo-0001';
  await store.outbox.create(row('seed-delivered', { personId: alex, enrolmentId: e, at: at(60), state: { status: 'delivered', activityId: 'a-1', at: at(60), closing: false } }));
  await store.outbox.create(row('seed-queued', { personId: alex, enrolmentId: e, at: at(5), state: { status: 'queued', enqueuedAt: at(5) } }));
  await store.outbox.create(row('seed-undeliverable', { personId: alex, enrolmentId: e, at: at(30), state: { status: 'undeliverable', httpStatus: 403, at: at(30) } }));
  await store.outbox.create(row('seed-dead', { personId: alex, enrolmentId: e, at: at(20), state: { status: 'dead', reason: 'Teams kept answering 502 after 8 attempts.', at: at(20) } }));
  await app.app.store.supervision.create({ id: 'seed-session', enrolmentId: e, heldOn: new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10), minutes: 60, mode: 'teams', caseIds: [], clipIds: [] });

  const s = app.app.store;
  const person = (p: { objectId: string; displayName: string }) => ({ id: `${demoTenantId}:${p.objectId}`, tenantId: demoTenantId, objectId: p.objectId, displayName: p.displayName });
  await s.people.create(person(otherAdmin));
  await s.people.create(person(otherTrainee));
  const demo = (await s.services.get({ partition: 'service', id: demoServiceId }))!.value;
  await s.services.create({ ...demo, id: otherServiceId, name: 'Other service', admins: [otherAdminId] });
  await s.enrolments.create({ id: 'other-0001', serviceId: otherServiceId, traineeId: `${demoTenantId}:${otherTrainee.objectId}`, supervisorId: idOf('supervisor'), lineManagerId: idOf('lineManager'), pathway: { id: 'aviguk', version: 1 }, startedOn: '2026-01-05' });
  await store.outbox.create(row('seed-other', { personId: `${demoTenantId}:${otherTrainee.objectId}`, enrolmentId: 'other-0001', at: at(10), state: { status: 'delivered', activityId: 'a-2', at: at(10), closing: false } }));
  return store;
}
