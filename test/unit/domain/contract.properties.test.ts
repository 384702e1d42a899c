// Properties of the contract state machine over arbitrary orders of signing.
import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parties, revise, sendForSignature, sign, type Contract, type Party } from '../../../src/domain/contract';
import { draft, personFor, terms } from '../../fakes/domain-builders';

const at = (i: number): string => new Date(Date.UTC(2025, 0, 10, 9, i)).toISOString();

/** Any sequence of signing attempts by the three parties, repeats included, that includes each at least once. */
const signingOrder = fc
  .tuple(fc.shuffledSubarray([...parties], { minLength: parties.length }), fc.array(fc.constantFrom<Party>(...parties), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }))
  .map(([permutation, extra, positions]) => {
    const order: Party[] = [...permutation];
    extra.forEach((p, i) => order.splice((positions[i] ?? 0) % (order.length + 1), 0, p));
    return order;
  });

describe('contract (properties)', () => {
  describe('sign', () => {
    it('activates every permutation of the three parties exactly on the third signature', () => {
      fc.assert(
        fc.property(fc.shuffledSubarray([...parties], { minLength: parties.length }), (order) => {
          let c = sendForSignature(draft());
          order.forEach((p, i) => {
            c = sign(c, { person: personFor(p), at: at(i) });
            assert.equal(c.state.status, i < 2 ? 'awaiting_signatures' : 'active');
          });
        }),
        { numRuns: 50 },
      );
    });

    it('activates exactly when the third distinct party signs, whatever repeats come before or after', () => {
      fc.assert(
        fc.property(signingOrder, (order) => {
          let c: Contract = sendForSignature(draft());
          const seen = new Map<Party, string>();
          let activatedAt: string | undefined;
          order.forEach((p, i) => {
            if (!seen.has(p)) seen.set(p, at(i));
            if (seen.size === 3 && activatedAt === undefined) activatedAt = at(i);
            c = sign(c, { person: personFor(p), at: at(i) });
            if (seen.size < 3) {
              assert.deepEqual(c.state, { status: 'awaiting_signatures', signatures: Object.fromEntries(seen) });
            } else {
              assert.deepEqual(c.state, { status: 'active', signatures: Object.fromEntries(seen), activatedAt });
            }
          });
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('revise', () => {
    it('numbers a chain of n revisions n + 1 and ends every earlier version as superseded', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 8 }), (n) => {
          let current = draft();
          for (let i = 0; i < n; i += 1) {
            const { previous, next } = revise(current, { id: `contract-${i + 2}`, terms: terms(), at: at(i) });
            assert.equal(previous.state.status === 'ended' && previous.state.reason, 'superseded');
            assert.equal(next.version, previous.version + 1);
            current = next;
          }
          assert.equal(current.version, n + 1);
        }),
        { numRuns: 20 },
      );
    });
  });
});
