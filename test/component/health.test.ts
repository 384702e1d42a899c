import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/adapters/storage/embedded-azurite';
import { startTestAzurite } from '../support/azurite';
import { startTestApp } from '../support/app';
import { until } from '../support/until';

interface ErrorBody {
  error: { code: string; message: string; details?: string[] };
}


describe('GET /healthz (liveness) and GET /readyz (readiness)', () => {
  it('/healthz answers 200 while storage answers and after it stops: an outage elsewhere never restarts a live instance', async () => {
    const azurite = await startTestAzurite();
    const app = await startTestApp({ env: { STORAGE_CONNECTION_STRING: azurite.connectionString } });
    try {
      assert.equal((await fetch(`${app.baseUrl}/healthz`)).status, 200);
      await azurite.stop();
      const res = await fetch(`${app.baseUrl}/healthz`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok' });
    } finally {
      await app.stop();
      await azurite.stop();
    }
  });

  it('/readyz checks tables, blobs, the reminder queue and the keys; 503 with Retry-After naming what is down when Azurite stops; ready again by itself when it comes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attune-ready-'));
    let azurite: EmbeddedAzurite = await startEmbeddedAzurite({ location: dir });
    const app = await startTestApp({ env: { STORAGE_CONNECTION_STRING: azurite.connectionString, REMINDERS: 'true', REMINDERS_INTERVAL_SECONDS: '3600' } });
    const ready = async () => {
      const res = await fetch(`${app.baseUrl}/readyz`);
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as unknown };
    };
    try {
      const up = await ready();
      assert.equal(up.status, 200);
      assert.deepEqual(up.body, { status: 'ok', checks: { tables: 'ok', blobs: 'ok', keys: 'ok', queue: 'ok' } });

      const ports = azurite.ports;
      await azurite.stop();
      const down = await ready();
      assert.equal(down.status, 503);
      assert.match(down.retryAfter ?? '', /^\d+$/);
      const error = (down.body as ErrorBody).error;
      assert.equal(error.code, 'unavailable');
      assert.deepEqual([...(error.details ?? [])].sort(), ['blobs: not answering', 'queue: not answering', 'tables: not answering'], 'the local key file still works; storage does not');
      assert.doesNotMatch(JSON.stringify(down.body), /127\.0\.0\.1|attunedev|AccountKey/, 'no address or account in a public answer');

      azurite = await startEmbeddedAzurite({ location: dir, ports });
      const back = await until(ready, (r) => r.status === 200, 'ready again once storage is back');
      assert.deepEqual(back.body, { status: 'ok', checks: { tables: 'ok', blobs: 'ok', keys: 'ok', queue: 'ok' } });
    } finally {
      await app.stop();
      await azurite.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
