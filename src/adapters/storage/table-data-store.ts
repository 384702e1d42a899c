import type { TableClient, TableServiceClient } from '@azure/data-tables';
import { deliveryKey } from '../../domain/conversation';
import { enrolmentPartition, pathwayVersionKey, type DataStore } from '../../ports/data-store';
import type { Case, Cycle } from '../../domain/practice';
import { RemovableTable } from './removable-table';
import { TableAuditLog } from './table-audit-log';
import { TableRepository } from './table-repository';

/** Table names, one per aggregate. A prefix keeps test runs apart on one Azurite. */
const tables = ['people', 'services', 'pathways', 'vocabularies', 'enrolments', 'cases', 'cycles', 'supervision', 'meetings', 'contracts', 'supervisionrecords', 'plannedsupervision', 'externalsupervisors', 'conversations', 'carddeliveries'] as const;
type TableName = (typeof tables)[number];


export interface TableDataStoreOptions {
  readonly clientFor: (table: string) => TableClient;
  readonly service?: TableServiceClient;
  readonly prefix?: string;
}

/** Creates the tables if needed and returns the record store on them. */
export async function openTableDataStore(options: TableDataStoreOptions): Promise<DataStore> {
  const prefix = options.prefix ?? 'attune';
  const client = (name: TableName): TableClient => options.clientFor(`${prefix}${name}`);
  await Promise.all(tables.map((t) => client(t).createTable()));
  return {
    people: new TableRepository({ client: client('people'), keyOf: (p) => ({ partition: p.tenantId, id: p.objectId }) }),
    services: new TableRepository({ client: client('services'), keyOf: (s) => ({ partition: 'service', id: s.id }) }),
    pathways: new TableRepository({ client: client('pathways'), keyOf: (p) => ({ partition: p.id, id: pathwayVersionKey(p.version) }) }),
    vocabularies: new TableRepository({ client: client('vocabularies'), keyOf: (v) => ({ partition: v.id, id: pathwayVersionKey(v.version) }) }),
    enrolments: new TableRepository({ client: client('enrolments'), keyOf: (e) => ({ partition: enrolmentPartition, id: e.id }) }),
    cases: new RemovableTable<Case>(client('cases'), (c) => ({ partition: c.enrolmentId, id: c.id })),
    cycles: new RemovableTable<Cycle>(client('cycles'), (c) => ({ partition: c.enrolmentId, id: c.id })),
    supervision: new TableRepository({ client: client('supervision'), keyOf: (s) => ({ partition: s.enrolmentId, id: s.id }) }),
    meetings: new TableRepository({ client: client('meetings'), keyOf: (m) => ({ partition: m.enrolmentId, id: m.id }) }),
    contracts: new TableRepository({ client: client('contracts'), keyOf: (c) => ({ partition: c.enrolmentId, id: c.id }) }),
    supervisionRecords: new TableRepository({ client: client('supervisionrecords'), keyOf: (r) => ({ partition: r.enrolmentId, id: r.id }) }),
    plannedSupervision: new TableRepository({ client: client('plannedsupervision'), keyOf: (p) => ({ partition: p.enrolmentId, id: p.id }) }),
    externalSupervisors: new TableRepository({ client: client('externalsupervisors'), keyOf: (i) => ({ partition: i.enrolmentId, id: i.id }) }),
    conversations: new TableRepository({ client: client('conversations'), keyOf: (c) => ({ partition: c.tenantId, id: c.objectId }) }),
    cardDeliveries: new TableRepository({ client: client('carddeliveries'), keyOf: (d) => ({ partition: d.subject, id: deliveryKey(d) }) }),
  };
}

/** Creates the audit table if needed and returns the append-only log on it. */
export async function openTableAuditLog(options: TableDataStoreOptions): Promise<TableAuditLog> {
  const client = options.clientFor(`${options.prefix ?? 'attune'}audit`);
  await client.createTable();
  return new TableAuditLog(client);
}

/** True when the table service answers within `timeoutMs` — for /healthz, so a dead store is seen quickly. */
export async function tableServiceAnswers(client: TableClient, timeoutMs = 2000): Promise<boolean> {
  try {
    await client.listEntities({ queryOptions: { filter: "PartitionKey eq 'health'" }, abortSignal: AbortSignal.timeout(timeoutMs) }).byPage({ maxPageSize: 1 }).next();
    return true;
  } catch {
    return false;
  }
}
