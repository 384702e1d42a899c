import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { clipWording, errorCodeOf, recordWording, statusOf, storageError } from '../../../src/adapters/storage/storage-errors';
import { AttuneError } from '../../../src/domain/errors';

/** A plain object shaped like the Azure SDK's RestError, as both the Table and Blob clients throw it. */
function restError(statusCode: number | undefined, code?: string, errorCode?: string): Error & { statusCode?: number; code?: string; details?: { errorCode?: string } } {
  return Object.assign(new Error('remote detail that must not reach a person'), {
    name: 'RestError',
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(code === undefined ? {} : { code }),
    ...(errorCode === undefined ? {} : { details: { errorCode } }),
  });
}

function translated(e: unknown, wording = recordWording): { code: string; message: string } {
  const out = storageError(e, wording);
  assert.ok(out instanceof AttuneError);
  return { code: out.code, message: out.message };
}

const notAnswering = 'Storage is not answering just now. Please try again in a moment.';

describe('storage-errors', () => {
  describe('statusOf', () => {
    it('reads the status storage answered with', () => {
      assert.equal(statusOf(restError(404)), 404);
      assert.equal(statusOf({ statusCode: 412 }), 412);
    });

    it('is undefined when storage did not answer or the value is not a failure', () => {
      assert.equal(statusOf(restError(undefined, 'ECONNREFUSED')), undefined);
      assert.equal(statusOf({ statusCode: '404' }), undefined);
      assert.equal(statusOf(null), undefined);
      assert.equal(statusOf(undefined), undefined);
      assert.equal(statusOf('boom'), undefined);
    });
  });

  describe('errorCodeOf', () => {
    it("prefers storage's parsed error code to the error's own code", () => {
      assert.equal(errorCodeOf(restError(400, 'RestError', 'Md5Mismatch')), 'Md5Mismatch');
    });

    it("falls back to the error's code, and is undefined when neither is a string", () => {
      assert.equal(errorCodeOf(restError(undefined, 'ECONNREFUSED')), 'ECONNREFUSED');
      assert.equal(errorCodeOf({ code: 7 }), undefined);
      assert.equal(errorCodeOf(null), undefined);
    });
  });

  describe('storageError', () => {
    it('passes an AttuneError through unchanged', () => {
      const original = new AttuneError('not_found', 'Not found.');
      assert.equal(storageError(original), original);
      assert.equal(storageError(original, clipWording), original);
    });

    it('makes 409 and 412 a conflict in the words of records by default', () => {
      for (const status of [409, 412]) {
        assert.deepEqual(translated(restError(status)), { code: 'conflict', message: 'This record changed since you loaded it. Reload and try again.' });
      }
    });

    it('makes 409 and 412 a conflict in the words of clips for the vault', () => {
      for (const status of [409, 412]) {
        assert.deepEqual(translated(restError(status), clipWording), { code: 'conflict', message: 'That changed while you were working on it. Try again.' });
      }
    });

    it('makes no answer at all (a refused connection) unavailable, for records and clips alike', () => {
      for (const e of [restError(undefined, 'ECONNREFUSED'), new Error('socket hang up'), 'boom']) {
        assert.deepEqual(translated(e), { code: 'unavailable', message: notAnswering });
        assert.deepEqual(translated(e, clipWording), { code: 'unavailable', message: notAnswering });
      }
    });

    it('makes 429, 500 and 503 storage not answering for records', () => {
      for (const status of [429, 500, 503]) assert.deepEqual(translated(restError(status)), { code: 'unavailable', message: notAnswering });
    });

    it('names 429, 500 and 503 as a refusal for clips', () => {
      for (const status of [429, 500, 503]) {
        assert.deepEqual(translated(restError(status), clipWording), { code: 'unavailable', message: `Storage refused the request (${status}). Please try again in a moment.` });
      }
    });

    it('names any other status as a refusal, without the remote detail', () => {
      for (const status of [400, 403, 404, 416, 502]) {
        assert.deepEqual(translated(restError(status)), { code: 'unavailable', message: `Storage refused the request (${status}).` });
        assert.deepEqual(translated(restError(status), clipWording), { code: 'unavailable', message: `Storage refused the request (${status}). Please try again in a moment.` });
      }
    });

    it('adds no details and no retry time of its own', () => {
      const out = storageError(restError(503));
      assert.deepEqual(out.details, []);
      assert.equal(out.retryAfterSeconds, undefined);
    });
  });
});
