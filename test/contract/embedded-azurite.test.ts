import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import { TableClient } from '@azure/data-tables';
import { startEmbeddedAzurite } from '../../src/adapters/storage/embedded-azurite';

const refuses = async (url: string): Promise<boolean> => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
};

describe('embedded Azurite', () => {
  it('keeps data across a restart in the same folder, with the account key file private', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attune-azurite-'));
    try {
      const first = await startEmbeddedAzurite({ location: dir });
      const table = TableClient.fromConnectionString(first.connectionString, 'kept', { allowInsecureConnection: true });
      await table.createTable();
      await table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 'still here' });
      await first.stop();
      assert.equal(statSync(join(dir, 'account.json')).mode & 0o777, 0o600);

      const second = await startEmbeddedAzurite({ location: dir });
      const again = TableClient.fromConnectionString(second.connectionString, 'kept', { allowInsecureConnection: true });
      assert.equal((await again.getEntity<{ value: string }>('p', 'r')).value, 'still here');
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops when the process that started it is killed outright', async () => {
    const script = `import { startEmbeddedAzurite } from './src/adapters/storage/embedded-azurite.ts';
      const a = await startEmbeddedAzurite({ location: null });
      console.log('BLOB ' + a.blobEndpoint);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const endpoint = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('no endpoint')), 60_000);
      parent.stdout.setEncoding('utf8').on('data', (t: string) => {
        const m = /BLOB (\S+)/.exec(t);
        if (m?.[1]) {
          clearTimeout(timer);
          ok(m[1]);
        }
      });
    });
    assert.equal(await refuses(endpoint), false, 'Azurite answers while its parent lives');
    parent.kill('SIGKILL');
    let gone = false;
    for (let i = 0; i < 50 && !gone; i++) {
      await new Promise((ok) => setTimeout(ok, 200));
      gone = await refuses(endpoint);
    }
    assert.ok(gone, 'Azurite outlived its parent');
  });
});
