import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { loadConfig } from '../../src/config/config';
import { LocalKeyFile } from '../../src/adapters/keys/local-key-file';
import { openClipStorage } from '../../src/adapters/vault/open-clip-storage';
import { blockCount, blockPlainLength, newLayout } from '../../src/domain/clips/format';
import type { ClipVault, VaultClip } from '../../src/ports/clip-vault';
import { clipContainer, localKeyFile, tableClientFactory } from '../../src/storage-clients';
import { startTestAzurite, type TestAzurite } from '../support/azurite';

const repoRoot = resolve(import.meta.dirname, '../..');

/** `npm run rotate-key`'s script as its own process; `killAfter` lines of progress, it is SIGKILLed. */
function rotateKey(env: Record<string, string>, args: string[], killAfter?: number): Promise<{ code: number | null; signal: string | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/rotate-key.ts', ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let progress = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    progress = out.split('\n').filter((l) => l.includes('] ')).length;
    if (killAfter !== undefined && progress >= killAfter) child.kill('SIGKILL');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal, out })));
}

async function collect(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of it) parts.push(Buffer.from(p));
  return Buffer.concat(parts);
}

describe('npm run rotate-key', () => {
  let azurite: TestAzurite;
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-rotate-'));
  let env: Record<string, string>;
  let vault: ClipVault;
  const clips: { clip: VaultClip; data: Buffer }[] = [];

  before(async () => {
    azurite = await startTestAzurite();
    env = { NODE_ENV: 'development', ATTUNE_DATA_DIR: dataDir, STORAGE_CONNECTION_STRING: azurite.connectionString };
    const config = loadConfig(env);
    const wrapper = LocalKeyFile.open({ file: localKeyFile(config) });
    ({ vault } = await openClipStorage({ clientFor: tableClientFactory(config, null), container: clipContainer(config, null), wrapper }));
    for (let i = 0; i < 40; i++) {
      const layout = newLayout({ size: 3000 + i, storageName: randomUUID().replace(/-/g, ''), segmentSize: 1024, blockSize: 2048 });
      const clip: VaultClip = { clipId: randomUUID(), layout };
      const data = randomBytes(layout.size);
      await vault.createKey(clip);
      for (let b = 0; b < blockCount(layout); b++) {
        const from = b * layout.blockSize;
        const body = data.subarray(from, from + blockPlainLength(layout, b));
        await vault.putBlock({ clip, index: b, body: (async function* () { yield body; })() });
      }
      await vault.commit(clip);
      clips.push({ clip, data });
    }
  });
  after(async () => {
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const keks = async (): Promise<Map<string, string>> => {
    const out = new Map<string, string>();
    for await (const k of vault.listKeys()) out.set(k.clipId, k.kekId);
    return out;
  };

  it('refuses an unknown argument with its usage, touching nothing', async () => {
    const r = await rotateKey(env, ['--everything']);
    assert.equal(r.code, 64);
    assert.match(r.out, /unknown argument --everything[\s\S]*Usage: npm run rotate-key/);
    assert.ok([...(await keks()).values()].every((k) => k === 'local:v1'));
  });

  it('makes a new key version, is killed part way, is run again and finishes: every key under the new version, every clip still reads, no key material printed', async () => {
    const first = await rotateKey(env, ['--new-version', '--every-key'], 5);
    assert.equal(first.signal, 'SIGKILL', `killed mid-run: ${first.out}`);
    assert.match(first.out, /new key version local:v2/);
    const midway = [...(await keks()).values()];
    assert.ok(midway.includes('local:v2') && midway.includes('local:v1'), 'some keys rewrapped before the kill, some not');

    const second = await rotateKey(env, ['--every-key']);
    assert.equal(second.code, 0, second.out);
    const done = JSON.parse(/done: (\{.*\})/.exec(second.out)![1]!) as { rewrapped: number; current: number; failed: number };
    assert.equal(done.failed, 0);
    assert.ok(done.current >= 5, 'what the first run rewrapped is only counted');
    assert.equal(done.rewrapped + done.current, clips.length);
    assert.match(second.out, new RegExp(`\\[#{30}\\] ${clips.length}/${clips.length}`), 'a full progress bar at the end');
    assert.ok([...(await keks()).values()].every((k) => k === 'local:v2'));

    const fresh = LocalKeyFile.open({ file: localKeyFile(loadConfig(env)) });
    const config = loadConfig(env);
    const reopened = (await openClipStorage({ clientFor: tableClientFactory(config, null), container: clipContainer(config, null), wrapper: fresh })).vault;
    for (const { clip, data } of clips) assert.ok((await collect(reopened.read({ clip, range: null }))).equals(data));

    const keyFile = JSON.parse(readFileSync(localKeyFile(config), 'utf8')) as { keys: Record<string, string> };
    for (const material of Object.values(keyFile.keys)) assert.ok(!first.out.includes(material) && !second.out.includes(material), 'no key material in the output');
  });
});
