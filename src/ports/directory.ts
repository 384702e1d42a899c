import type { PersonRef } from '../domain/people';

/** A person's manager as the directory has them: who, and the name the directory shows. */
export interface DirectoryManager {
  readonly person: PersonRef;
  /** The directory's display name; null when it has none. Shown to the trainee only, never logged. */
  readonly displayName: string | null;
}

/**
 * The organisation's directory (Entra ID), as far as Attune asks it anything: who a person's manager is, so a
 * contract or a booking can be put to them. Read with the app's own identity. The directory's manager is a
 * proposal only: the VIG line manager is not always the manager in Entra, so the trainee confirms it.
 */
export interface DirectoryPort {
  /** The person's manager in the directory; null when none is set (or the person is not in the directory). */
  managerOf(person: PersonRef): Promise<DirectoryManager | null>;
}
