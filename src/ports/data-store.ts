import type { Contract } from '../domain/contract';
import type { CardDelivery, ConversationRecord } from '../domain/conversation';
import type { ExternalSupervisorInvitation } from '../domain/external-supervision';
import type { PathwayDefinition } from '../domain/pathway';
import type { PlannedSupervision } from '../domain/scheduling/planned-supervision';
import type { Case, Cycle, Enrolment, StageMeeting, SupervisionSession } from '../domain/practice';
import type { Person } from '../domain/people';
import type { PrincipleVocabulary } from '../domain/principles';
import type { ServiceSettings } from '../domain/service';
import type { SupervisionRecord } from '../domain/supervision-record';

/** Enrolments share one partition: every use case looks them up by id. */
export const enrolmentPartition = 'enrolment';

/** The row id a pathway version is stored under, so versions sort in order. */
export const pathwayVersionKey = (version: number): string => String(version).padStart(6, '0');

/** A stored value and the ETag that a later replace must present (optimistic concurrency). */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

/**
 * One aggregate's storage. Values are grouped in partitions (an enrolment's records share one).
 * `create` fails with `conflict` if the key exists; `replace` fails with `conflict` when the ETag is
 * stale — a stale write never overwrites.
 */
export interface Repository<T> {
  get(key: { partition: string; id: string }): Promise<Versioned<T> | null>;
  list(partition?: string): Promise<Versioned<T>[]>;
  create(value: T): Promise<Versioned<T>>;
  replace(value: T, etag: string): Promise<Versioned<T>>;
}

/** A repository that can also delete (clip records when a clip is destroyed, reminder rows when spent). */
export interface RemovableRepository<T> extends Repository<T> {
  /** Idempotent: removing what is not there is not an error. */
  remove(key: { partition: string; id: string }): Promise<void>;
}

export interface DataStore {
  /** Partition: tenant id; id: Entra object id. */
  readonly people: Repository<Person>;
  /** Partition: "service"; id: service id. */
  readonly services: Repository<ServiceSettings>;
  /** Partition: pathway id; id: version. */
  readonly pathways: Repository<PathwayDefinition>;
  /** Principle vocabularies a service saved. Partition: vocabulary id; id: `pathwayVersionKey(version)`. The built-in one is not stored. */
  readonly vocabularies: Repository<PrincipleVocabulary>;
  /** One partition (`enrolmentPartition`), so an enrolment is found by id in one read. */
  readonly enrolments: Repository<Enrolment>;
  /** The rest are partitioned by enrolment id. Cases and cycles are removed by the retention job (and on erasure). */
  readonly cases: RemovableRepository<Case>;
  readonly cycles: RemovableRepository<Cycle>;
  readonly supervision: Repository<SupervisionSession>;
  readonly meetings: Repository<StageMeeting>;
  readonly contracts: Repository<Contract>;
  readonly supervisionRecords: Repository<SupervisionRecord>;
  /** Supervision and stage meetings booked ahead as Teams meetings. */
  readonly plannedSupervision: Repository<PlannedSupervision>;
  /** Invitations of external supervisors to a stage meeting; id: `stage-{n}` (one per enrolment and stage). */
  readonly externalSupervisors: Repository<ExternalSupervisorInvitation>;
  /** Partition: tenant id; id: Entra object id (the person's personal chat with the bot). */
  readonly conversations: Repository<ConversationRecord>;
  /** Partition: the card's subject; id: deliveryKey. */
  readonly cardDeliveries: Repository<CardDelivery>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unguessable id (no sequence a caller could walk). */
  next(): string;
}
