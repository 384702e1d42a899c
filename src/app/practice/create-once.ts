import { AttuneError } from '../../domain/errors';
import { changed, unchanged, type Outcome } from '../../domain/submission';
import type { Repository } from '../../ports/data-store';

/**
 * Creates a record whose id is the card's submission id. If it is already there (a double click, a
 * replayed invoke) the stored one comes back unchanged, and nothing is written twice.
 */
export async function createOnce<T>(repo: Repository<T>, value: T, key: { partition: string; id: string }): Promise<Outcome<T>> {
  try {
    return changed((await repo.create(value)).value);
  } catch (e) {
    if (!(e instanceof AttuneError && e.code === 'conflict')) throw e;
    const existing = await repo.get(key);
    if (!existing) throw e;
    return unchanged(existing.value, 'already_done');
  }
}
