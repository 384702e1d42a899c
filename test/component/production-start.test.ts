import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const run = (env: Record<string, string>): { status: number | null; stderr: string; stdout: string } => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
};

void describe('starting Attune (the real entry point)', () => {
  void it('refuses to start in production without settings, naming each missing one, and exits 1', () => {
    const r = run({ NODE_ENV: 'production', PORT: '0' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Attune cannot start:/);
    for (const name of ['BOT_ID', 'BOT_TYPE', 'BOT_TENANT_ID', 'AAD_APP_CLIENT_ID', 'ALLOWED_TENANTS', 'KEY_VAULT_KEY_ID']) assert.match(r.stderr, new RegExp(name));
    assert.doesNotMatch(r.stdout, /Attune is running/);
  });

  void it('refuses development sign-in in production even with every other setting present', () => {
    const r = run({
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
      DEV_SIGN_IN: 'true',
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /DEV_SIGN_IN is a development feature/);
  });
});
