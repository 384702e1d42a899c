import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { AttuneBot } from '../../../bot/attune-bot';
import { failureCard, failureReply, invokeErrorOf } from '../../../bot/errors';
import type { AppDeps } from '../../../src/app/deps';
import { defaultSchedulingSettings } from '../../../src/app/scheduling/settings';
import { emptyDirectory, switchedOffCalendar } from '../../../src/adapters/calendar/switched-off';
import { AttuneError, type ErrorCode } from '../../../src/domain/errors';
import type { Person } from '../../../src/domain/people';
import type { DataStore } from '../../../src/ports/data-store';

const statuses: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  rate_limited: 429,
  unavailable: 503,
  consent_required: 403,
};
const codes = Object.keys(statuses) as ErrorCode[];

const person: Person = { tenantId: 'tenant-1', objectId: 'object-1', id: 'tenant-1:object-1', displayName: 'Alex' };

/** A store that knows one person (with no roles) and fails every other read with `failure`. */
function failingStore(failure: unknown): DataStore {
  const repository = (name: string) =>
    new Proxy(
      {},
      {
        get: (_, method) => async () => {
          if (name === 'people' && method === 'get') return { value: person, etag: '1' };
          if ((name === 'enrolments' || name === 'services') && method === 'list') return [];
          throw failure;
        },
      },
    );
  return new Proxy({}, { get: (_, name) => repository(String(name)) }) as DataStore;
}

/** Sends a contract.refresh invoke to a bot whose use cases fail with `failure`; returns the invoke response. */
async function refresh(failure: unknown, trigger: 'automatic' | 'manual'): Promise<{ status: number; body: { type: string; value: unknown } }> {
  const app: AppDeps = { store: failingStore(failure), clock: { now: () => new Date('2026-06-15T10:00:00Z') }, ids: { next: () => 'id-1' }, audit: { append: async () => undefined } as unknown as AppDeps['audit'], calendar: switchedOffCalendar, directory: emptyDirectory, scheduling: defaultSchedulingSettings };
  const bot = new AttuneBot({ app, log: { debug() {}, info() {}, warn() {}, error() {} } });
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams', conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' } });
  const activity: Partial<Activity> = {
    type: ActivityTypes.Invoke,
    name: 'adaptiveCard/action',
    from: { id: '29:object-1', aadObjectId: person.objectId, name: 'Alex' },
    channelData: { tenant: { id: person.tenantId } },
    value: { action: { type: 'Action.Execute', verb: 'contract.refresh', data: { enrolmentId: 'e1' } }, trigger },
  };
  await adapter.processActivity(activity);
  const response = adapter.activeQueue.find((a) => a.type === 'invokeResponse');
  assert.ok(response, 'an invoke response');
  return response.value as { status: number; body: { type: string; value: unknown } };
}

describe('bot errors', () => {
  describe('invokeErrorOf', () => {
    for (const code of codes) {
      it(`gives ${code} the status HTTP gives it (${statuses[code]})`, () => {
        assert.deepEqual(invokeErrorOf(new AttuneError(code, 'Because.')), { status: statuses[code], code, message: 'Because.' });
      });
    }

    it('gives anything that is not an AttuneError 500, without its message', () => {
      assert.deepEqual(invokeErrorOf(new Error('secret detail')), { status: 500, code: 'internal', message: 'Something went wrong.' });
    });

    it('words a missing object like someone else’s', () => {
      assert.equal(invokeErrorOf(new AttuneError('not_found', 'Not found.')).message, 'That is not there, or not yours to see.');
    });
  });

  describe('failureCard and failureReply', () => {
    it('titles a refusal by its code and lists its details', () => {
      const text = JSON.stringify(failureCard(new AttuneError('forbidden', 'No.', ['one thing'])));
      assert.match(text, /Not available/);
      assert.match(text, /one thing/);
    });

    it('answers a chat message with a line, or with the card when there are details', () => {
      assert.deepEqual(failureReply(new AttuneError('conflict', 'Changed.')), { kind: 'text', text: 'Changed.' });
      assert.equal(failureReply(new AttuneError('invalid_input', 'Check.', ['code: too long'])).kind, 'card');
      assert.deepEqual(failureReply(new TypeError('x is undefined')), { kind: 'text', text: 'Something went wrong on my side. Please try again in a moment.' });
    });
  });

  describe('a card refreshing by itself', () => {
    for (const code of codes) {
      it(`answers ${code} with ${statuses[code]}`, async () => {
        const response = await refresh(new AttuneError(code, 'Because.'), 'automatic');
        assert.equal(response.status, statuses[code]);
        assert.equal(response.body.type, 'application/vnd.microsoft.error');
      });
    }

    it('answers an unexpected failure with 500', async () => {
      assert.equal((await refresh(new Error('boom'), 'automatic')).status, 500);
    });

    it('answers a click that fails with a card saying why, not an error', async () => {
      const response = await refresh(new AttuneError('forbidden', 'Because.'), 'manual');
      assert.equal(response.status, 200);
      assert.match(JSON.stringify(response.body.value), /Not available/);
    });
  });
});
