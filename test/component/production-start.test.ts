import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'mocha';

const repoRoot = resolve(import.meta.dirname, '../..');
/** The two ways Attune is started: TypeScript through tsx (development, tests) and the compiled bundle (`npm start`, production). */
const entries = [
  { name: 'src/main.ts (tsx)', args: ['--import', 'tsx', 'src/main.ts'] },
  { name: 'dist/attune.mjs (compiled)', args: ['dist/attune.mjs'] },
];

const run = (args: string[], env: Record<string, string>): { status: number | null; stderr: string; stdout: string } => {
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
};

const production = {
  NODE_ENV: 'production',
  PORT: '0',
  BOT_ID: '11111111-1111-1111-1111-111111111111',
  BOT_TYPE: 'UserAssignedMSI',
  BOT_TENANT_ID: '22222222-2222-2222-2222-222222222222',
  AAD_APP_CLIENT_ID: '33333333-3333-3333-3333-333333333333',
  ALLOWED_TENANTS: '22222222-2222-2222-2222-222222222222',
  STORAGE_ACCOUNT_NAME: 'attuneprod',
  KEY_VAULT_KEY_ID: 'https://attune-kv.vault.azure.net/keys/clip-kek/1',
  PUBLIC_URL: 'https://attune.example.org',
};

describe('starting Attune (the real entry points)', () => {
  before(() => {
    // What `npm start` and the deploy step run first.
    const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    assert.equal(built.status, 0, built.stderr);
  });

  for (const entry of entries) {
    it(`${entry.name}: refuses to start in production without settings, naming each missing one, and exits 1`, () => {
      const r = run(entry.args, { NODE_ENV: 'production', PORT: '0' });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /Attune cannot start:/);
      for (const name of ['BOT_ID', 'BOT_TYPE', 'BOT_TENANT_ID', 'AAD_APP_CLIENT_ID', 'ALLOWED_TENANTS', 'KEY_VAULT_KEY_ID']) assert.match(r.stderr, new RegExp(name));
      assert.doesNotMatch(r.stdout, /Attune is running/);
    });

    it(`${entry.name}: refuses development sign-in in production even with every other setting present`, () => {
      const r = run(entry.args, { ...production, DEV_SIGN_IN: 'true' });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /DEV_SIGN_IN is a development feature/);
    });

    it(`${entry.name}: refuses scheduling in production with its Graph settings missing, naming each, and exits 1`, () => {
      const r = run(entry.args, { ...production, SCHEDULING: 'true' });
      assert.equal(r.status, 1);
      for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CERTIFICATE_PATH', 'GRAPH_CERTIFICATE_THUMBPRINT']) assert.match(r.stderr, new RegExp(`${name} is required when SCHEDULING is on`));
    });

    it(`${entry.name}: refuses a Graph client secret in production, and never prints it`, () => {
      const secret = 'graph-secret-that-must-not-be-printed';
      const r = run(entry.args, { ...production, SCHEDULING: 'true', GRAPH_TENANT_ID: production.BOT_TENANT_ID, GRAPH_CREDENTIAL: 'secret', GRAPH_CLIENT_ID: production.AAD_APP_CLIENT_ID, GRAPH_CLIENT_SECRET: secret });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /GRAPH_CREDENTIAL secret is a development feature/);
      assert.match(r.stderr, /GRAPH_CLIENT_SECRET is a development feature/);
      assert.ok(!r.stderr.includes(secret) && !r.stdout.includes(secret));
    });
  }

  it('the compiled server starts on its embedded default (Azurite, demo data) and answers /healthz, then stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'attune-start-'));
    const child = spawn(process.execPath, ['dist/attune.mjs'], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', PORT: '0', ATTUNE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const baseUrl = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const m = /Health:\s+(http:\/\/\S+)\/healthz/.exec(out);
          if (m?.[1]) ok(m[1]);
        });
        child.once('exit', (code) => fail(new Error(`exited ${code}: ${out}`)));
      });
      const health = await fetch(`${baseUrl}/healthz`);
      assert.equal(health.status, 200);
      const tab = await fetch(`${baseUrl}/tab/`);
      assert.equal(tab.status, 200);
      const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
