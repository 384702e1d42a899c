import type { AuditLog } from '../ports/audit';
import type { Clock, IdGenerator, DataStore } from '../ports/data-store';

/** What the use cases need from the outside world, handed in by the composition root. */
export interface AppDeps {
  readonly store: DataStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditLog;
}
