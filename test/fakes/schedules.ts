// Free/busy answers as the calendar port gives them, for the scheduling tests.
import type { BusyPeriod, PersonSchedule } from '../../src/ports/calendar';
import type { PersonRef } from '../../src/domain/people';
import { tenantId } from './domain-builders';

export const person = (objectId: string): PersonRef => ({ tenantId, objectId });

export const busy = (start: string, end: string, availability: BusyPeriod['availability'] = 'busy'): BusyPeriod => ({ start, end, availability });

export const known = (objectId: string, periods: readonly BusyPeriod[] = []): PersonSchedule => ({ kind: 'known', person: person(objectId), slots: [], busy: periods });

export const unknown = (objectId: string): PersonSchedule => ({ kind: 'unknown', person: person(objectId), reason: 'no_calendar' });
