import type { PersonRef } from '../domain/people';

/**
 * The organisation's directory (Entra ID), as far as Attune asks it anything: who a person's line manager
 * is, so a contract or a booking can be put to them. Read with the app's own identity.
 */
export interface DirectoryPort {
  /** The person's manager in the directory; null when none is set (or the person is not in the directory). */
  managerOf(person: PersonRef): Promise<PersonRef | null>;
}
