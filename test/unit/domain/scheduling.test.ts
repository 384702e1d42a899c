// Example-based tests of the scheduling rules: transaction ids, proposed slots, a chosen slot, a series.
import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import { transactionIdFor } from '../../../src/domain/scheduling/transaction-id';

describe('scheduling', () => {
  describe('transactionIdFor', () => {
    it('gives the same id for the same planned supervision', () => {
      assert.equal(transactionIdFor('planned-42'), transactionIdFor('planned-42'));
    });

    it('gives a fixed id, so it stays the same across releases', () => {
      assert.equal(transactionIdFor('planned-42'), 'vig-16aqfkv15y8wtb1dbd1lr0nlwjii');
      assert.match(transactionIdFor('planned-42'), /^vig-[0-9a-z]{28}$/);
    });

    it('gives different ids for different planned supervisions and for a re-booking attempt', () => {
      const ids = new Set([transactionIdFor('planned-1'), transactionIdFor('planned-2'), transactionIdFor('planned-1', 1), transactionIdFor('planned-1', 2)]);
      assert.equal(ids.size, 4);
    });

    it('is url-safe and carries nothing of the id it came from', () => {
      const id = transactionIdFor('tenant:alice.smith@example.org');
      assert.equal(encodeURIComponent(id), id);
      assert.ok(!id.includes('alice'));
    });

    it('refuses an empty id', () => {
      assert.throws(() => transactionIdFor(''), RangeError);
    });
  });
});
