import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { startTestAzurite } from '../support/azurite';
import { startTestApp } from '../support/app';

describe('GET /healthz', () => {
  it('answers 200 while storage answers, and 503 with Retry-After once it stops', async () => {
    const azurite = await startTestAzurite();
    const app = await startTestApp({ env: { STORAGE_CONNECTION_STRING: azurite.connectionString } });
    try {
      assert.equal((await fetch(`${app.baseUrl}/healthz`)).status, 200);
      await azurite.stop();
      const res = await fetch(`${app.baseUrl}/healthz`);
      assert.equal(res.status, 503);
      assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unavailable');
    } finally {
      await app.stop();
      await azurite.stop();
    }
  });
});
