import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { AttuneError } from '../../src/domain/errors';
import { avigukPreset, orkneyPreset } from '../../src/domain/pathway';
import type { Person } from '../../src/domain/people';
import { openTableDataStore } from '../../src/adapters/storage/table-data-store';
import type { DataStore } from '../../src/ports/data-store';
import { startTestAzurite, uniquePrefix } from '../support/azurite';

const person = (objectId: string, displayName = 'Test Person'): Person => ({ id: `tenant-a:${objectId}`, tenantId: 'tenant-a', objectId, displayName });

describe('TableRecordStore (against Azurite)', () => {
  let azurite: Awaited<ReturnType<typeof startTestAzurite>>;
  let store: DataStore;

  before(async () => {
    azurite = await startTestAzurite();
    store = await openTableDataStore({ clientFor: (t) => azurite.tableClient(t), prefix: uniquePrefix() });
  });
  after(async () => azurite.stop());

  describe('create', () => {
    it('stores a value that get returns with an ETag', async () => {
      const created = await store.people.create(person('o-1'));
      const got = await store.people.get({ partition: 'tenant-a', id: 'o-1' });
      assert.deepEqual(got?.value, person('o-1'));
      assert.equal(got?.etag, created.etag);
      assert.ok(created.etag.length > 0);
    });

    it('fails with conflict when the key already exists, leaving the stored value alone', async () => {
      await store.people.create(person('o-2', 'First'));
      await assert.rejects(store.people.create(person('o-2', 'Second')), (e) => e instanceof AttuneError && e.code === 'conflict');
      assert.equal((await store.people.get({ partition: 'tenant-a', id: 'o-2' }))?.value.displayName, 'First');
    });
  });

  describe('replace', () => {
    it('replaces when the ETag is current and returns a new ETag', async () => {
      const v1 = await store.people.create(person('o-3', 'Before'));
      const v2 = await store.people.replace(person('o-3', 'After'), v1.etag);
      assert.notEqual(v2.etag, v1.etag);
      assert.equal((await store.people.get({ partition: 'tenant-a', id: 'o-3' }))?.value.displayName, 'After');
    });

    it('fails with conflict on a stale ETag and never overwrites the newer value', async () => {
      const v1 = await store.people.create(person('o-4', 'Original'));
      await store.people.replace(person('o-4', 'Winner'), v1.etag);
      await assert.rejects(store.people.replace(person('o-4', 'Loser'), v1.etag), (e) => e instanceof AttuneError && e.code === 'conflict');
      assert.equal((await store.people.get({ partition: 'tenant-a', id: 'o-4' }))?.value.displayName, 'Winner');
    });

    it('lets exactly one of two concurrent writers with the same ETag win', async () => {
      const v1 = await store.people.create(person('o-5', 'Start'));
      const results = await Promise.allSettled([store.people.replace(person('o-5', 'A'), v1.etag), store.people.replace(person('o-5', 'B'), v1.etag)]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const loser = results.find((r) => r.status === 'rejected');
      assert.ok(loser?.status === 'rejected' && loser.reason instanceof AttuneError && loser.reason.code === 'conflict');
    });

    it('fails with not_found when the value was never stored', async () => {
      await assert.rejects(store.people.replace(person('o-missing'), 'W/"datetime\'2020-01-01T00%3A00%3A00Z\'"'), (e) => e instanceof AttuneError && e.code === 'not_found');
    });
  });

  describe('get', () => {
    it('returns null for a missing key', async () => {
      assert.equal(await store.people.get({ partition: 'tenant-a', id: 'nobody' }), null);
    });

    it('refuses keys with characters tables cannot hold', async () => {
      for (const bad of ['a/b', 'a#b', 'a?b', 'a\\b', '', 'a\u0000b']) {
        await assert.rejects(store.people.get({ partition: 'tenant-a', id: bad }), (e) => e instanceof AttuneError && e.code === 'invalid_input', bad);
      }
    });
  });

  describe('list', () => {
    it('lists one partition only, or everything when no partition is given', async () => {
      await store.pathways.create(avigukPreset);
      await store.pathways.create(orkneyPreset);
      await store.pathways.create({ ...avigukPreset, version: 2 });
      const aviguk = await store.pathways.list('aviguk');
      assert.deepEqual(aviguk.map((p) => p.value.version).sort(), [1, 2]);
      assert.equal((await store.pathways.list()).length, 3);
    });

    it('quotes partition names so a filter cannot be widened', async () => {
      assert.deepEqual(await store.pathways.list("aviguk' or PartitionKey ne 'x"), []);
    });
  });

  describe('when storage is down', () => {
    it('answers unavailable rather than a raw network error', async () => {
      const other = await startTestAzurite();
      const down = await openTableDataStore({ clientFor: (t) => other.tableClient(t), prefix: uniquePrefix() });
      await other.stop();
      await assert.rejects(down.people.get({ partition: 'tenant-a', id: 'x' }), (e) => e instanceof AttuneError && e.code === 'unavailable');
    });
  });
});
