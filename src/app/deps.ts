import type { AuditLog } from '../ports/audit';
import type { CalendarPort } from '../ports/calendar';
import type { Clock, IdGenerator, DataStore } from '../ports/data-store';
import type { DirectoryPort } from '../ports/directory';
import type { SchedulingSettings } from './scheduling/settings';

/** What the use cases need from the outside world, handed in by the composition root. */
export interface AppDeps {
  readonly store: DataStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditLog;
  /** Where supervision is booked: Outlook through Graph, or the local calendar in development. */
  readonly calendar: CalendarPort;
  /** Who a person's manager is (Entra ID through Graph, or the demo directory in development). */
  readonly directory: DirectoryPort;
  readonly scheduling: SchedulingSettings;
}
