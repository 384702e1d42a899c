import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { ConfigError, loadConfig, settings } from '../../../src/config/config';

const production = {
  NODE_ENV: 'production',
  BOT_ID: '11111111-1111-1111-1111-111111111111',
  BOT_TYPE: 'SingleTenant',
  BOT_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: '22222222-2222-2222-2222-222222222222',
  AAD_APP_CLIENT_ID: '33333333-3333-3333-3333-333333333333',
  ALLOWED_TENANTS: '22222222-2222-2222-2222-222222222222',
  STORAGE_ACCOUNT_NAME: 'attuneprod',
  KEY_VAULT_KEY_ID: 'https://attune-kv.vault.azure.net/keys/clip-kek/0123456789abcdef',
  PUBLIC_URL: 'https://attune.example.org',
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
};

describe('loadConfig', () => {
  describe('in development (the default)', () => {
    it('embeds Azurite, turns on development sign-in and demo data, and listens on loopback port 3978', () => {
      const c = loadConfig({});
      assert.equal(c.mode, 'development');
      assert.equal(c.storage.kind, 'embedded-azurite');
      assert.deepEqual(c.dev, { signIn: true, seedDemo: true });
      assert.equal(c.port, 3978);
      assert.equal(c.host, '127.0.0.1');
      assert.equal(c.auth.authorityHost, 'https://login.microsoftonline.com');
    });

    it('keeps an explicit false distinct from unset', () => {
      assert.equal(loadConfig({ DEV_SIGN_IN: 'false' }).dev.signIn, false);
      assert.equal(loadConfig({ NODE_ENV: 'test' }).dev.signIn, false);
    });

    it('returns a frozen object', () => {
      const c = loadConfig({});
      assert.ok(Object.isFrozen(c) && Object.isFrozen(c.bot) && Object.isFrozen(c.auth.allowedTenants));
    });
  });

  describe('in production', () => {
    it('starts with every required setting', () => {
      const c = loadConfig(production);
      assert.equal(c.mode, 'production');
      assert.deepEqual(c.dev, { signIn: false, seedDemo: false });
      assert.equal(c.storage.kind, 'account');
      assert.equal(c.keys.kind, 'key-vault');
    });

    it('refuses to start with nothing set, naming every missing setting in one message', () => {
      const problems = problemsOf({ NODE_ENV: 'production' });
      for (const name of ['BOT_ID', 'BOT_TYPE', 'BOT_TENANT_ID', 'AAD_APP_CLIENT_ID', 'ALLOWED_TENANTS', 'KEY_VAULT_KEY_ID', 'STORAGE_CONNECTION_STRING']) {
        assert.ok(problems.some((p) => p.includes(name)), `${name} not named in:\n${problems.join('\n')}`);
      }
      assert.throws(() => loadConfig({ NODE_ENV: 'production' }), (e: Error) => e.message.startsWith('Attune cannot start:') && e.message.includes('BOT_ID'));
    });

    for (const name of ['BOT_ID', 'BOT_TYPE', 'BOT_TENANT_ID', 'AAD_APP_CLIENT_ID', 'ALLOWED_TENANTS', 'KEY_VAULT_KEY_ID'] as const) {
      it(`refuses to start without ${name}`, () => {
        const env: Record<string, string> = { ...production };
        delete env[name];
        assert.ok(problemsOf(env).some((p) => p.startsWith(name)));
      });
    }

    it('refuses development sign-in', () => {
      assert.ok(problemsOf({ ...production, DEV_SIGN_IN: 'true' }).some((p) => p.includes('DEV_SIGN_IN')));
    });

    it('refuses demo seeding', () => {
      assert.ok(problemsOf({ ...production, SEED_DEMO: 'true' }).some((p) => p.includes('SEED_DEMO')));
    });

    it('refuses the embedded emulator, by leaving storage unset or pointing at a local one', () => {
      const env: Record<string, string> = { ...production };
      delete env.STORAGE_ACCOUNT_NAME;
      assert.ok(problemsOf(env).some((p) => p.includes('embedded Azurite')));
      assert.ok(problemsOf({ ...env, STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).some((p) => p.includes('local emulator')));
    });

    it('refuses a client secret missing for a SingleTenant bot, and MultiTenant bots', () => {
      const env: Record<string, string> = { ...production };
      delete env.BOT_PASSWORD;
      assert.ok(problemsOf(env).some((p) => p.includes('BOT_PASSWORD')));
      assert.ok(problemsOf({ ...production, BOT_TYPE: 'MultiTenant' }).some((p) => p.includes('MultiTenant')));
    });

    it('refuses an authority host without https', () => {
      assert.ok(problemsOf({ ...production, AUTHORITY_HOST: 'http://login.example' }).some((p) => p.includes('AUTHORITY_HOST')));
    });
  });

  describe('validation', () => {
    it('rejects a port that is not a number and a flag that is not a boolean', () => {
      const problems = problemsOf({ PORT: 'eighty', DEV_SIGN_IN: 'maybe' });
      assert.ok(problems.some((p) => p.startsWith('PORT')));
      assert.ok(problems.some((p) => p.startsWith('DEV_SIGN_IN')));
    });

    it('documents every setting it names in a problem', () => {
      for (const p of problemsOf({ NODE_ENV: 'production' })) {
        const named = p.match(/^[A-Z_]+/)?.[0];
        if (named) assert.ok(named in settings, named);
      }
    });
  });
});

describe('README configuration table', () => {
  it('documents every setting loadConfig reads', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const missing = Object.keys(settings).filter((name) => !readme.includes(`| \`${name}\``));
    assert.deepEqual(missing, []);
  });
});
