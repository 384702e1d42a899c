import type { AuditLog } from '../ports/audit';
import type { Clock, IdGenerator, RecordStore } from '../ports/records';

/** What the use cases need from the outside world, handed in by the composition root. */
export interface AppDeps {
  readonly records: RecordStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditLog;
}
