import { personId, type PersonRef } from '../../domain/people';
import type { DirectoryPort } from '../../ports/directory';

/**
 * The directory port for development and demos: a fixed list of who manages whom, handed in by the
 * composition root (the demo data's). Anyone not on it has no manager.
 */
export class LocalDirectory implements DirectoryPort {
  private readonly managers: ReadonlyMap<string, PersonRef>;

  constructor(managers: readonly { readonly person: PersonRef; readonly manager: PersonRef }[] = []) {
    this.managers = new Map(managers.map((m) => [personId(m.person), m.manager]));
  }

  managerOf(person: PersonRef): Promise<PersonRef | null> {
    return Promise.resolve(this.managers.get(personId(person)) ?? null);
  }
}
