import { personId, type PersonRef } from '../../domain/people';
import type { DirectoryManager, DirectoryPort } from '../../ports/directory';

/**
 * The directory port for development and demos: a fixed list of who manages whom, handed in by the
 * composition root (the demo data's). Anyone not on it has no manager.
 */
export class LocalDirectory implements DirectoryPort {
  private readonly managers: ReadonlyMap<string, DirectoryManager>;

  constructor(managers: readonly { readonly person: PersonRef; readonly manager: PersonRef; readonly displayName?: string | null }[] = []) {
    this.managers = new Map(managers.map((m) => [personId(m.person), { person: m.manager, displayName: m.displayName ?? null }]));
  }

  managerOf(person: PersonRef): Promise<DirectoryManager | null> {
    return Promise.resolve(this.managers.get(personId(person)) ?? null);
  }
}
