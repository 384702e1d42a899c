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
      assert.deepEqual(c.dev, { signIn: true, seedDemo: true, clockFile: null });
      assert.deepEqual(c.reminders, { enabled: true, intervalSeconds: 300, tenantPerSecond: 30, leaseSeconds: 30, visibilitySeconds: 60 });
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
      assert.deepEqual(c.dev, { signIn: false, seedDemo: false, clockFile: null });
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

describe('loadConfig scheduling (Microsoft Graph)', () => {
  const graphCertificate = {
    SCHEDULING: 'true',
    GRAPH_TENANT_ID: '22222222-2222-2222-2222-222222222222',
    GRAPH_CLIENT_ID: '44444444-4444-4444-4444-444444444444',
    GRAPH_CERTIFICATE_PATH: '/etc/attune/graph.pem',
    GRAPH_CERTIFICATE_THUMBPRINT: `AB:CD:${'EF'.repeat(30)}`,
  };

  it('is off unless SCHEDULING is on, whatever else is set', () => {
    assert.deepEqual(loadConfig({}).scheduling, { kind: 'off' });
    assert.deepEqual(loadConfig({ SCHEDULING: 'false', GRAPH_TENANT_ID: 'anything' }).scheduling, { kind: 'off' });
  });

  it('reads a certificate credential with the public Graph root by default, and freezes it', () => {
    const c = loadConfig({ ...production, ...graphCertificate });
    assert.deepEqual(c.scheduling, {
      kind: 'graph',
      graph: {
        baseUrl: 'https://graph.microsoft.com/v1.0',
        tenantId: '22222222-2222-2222-2222-222222222222',
        credential: { kind: 'certificate', clientId: '44444444-4444-4444-4444-444444444444', certificatePath: '/etc/attune/graph.pem', thumbprintSha256: 'abcd' + 'ef'.repeat(30) },
      },
    });
    assert.ok(c.scheduling.kind === 'graph' && Object.isFrozen(c.scheduling.graph.credential));
  });

  it('takes another Graph root (a sovereign cloud) and a managed identity', () => {
    const c = loadConfig({ ...production, SCHEDULING: 'on', GRAPH_TENANT_ID: graphCertificate.GRAPH_TENANT_ID, GRAPH_CREDENTIAL: 'managed-identity', GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0/' });
    assert.deepEqual(c.scheduling, { kind: 'graph', graph: { baseUrl: 'https://graph.microsoft.us/v1.0', tenantId: graphCertificate.GRAPH_TENANT_ID, credential: { kind: 'managed-identity', clientId: null } } });
  });

  it('refuses to start in production with scheduling on and its settings missing, naming each', () => {
    const problems = problemsOf({ ...production, SCHEDULING: 'true' });
    for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CERTIFICATE_PATH', 'GRAPH_CERTIFICATE_THUMBPRINT']) {
      assert.ok(problems.some((p) => p.startsWith(name)), `${name} not named in:\n${problems.join('\n')}`);
    }
  });

  it('refuses a client secret in production, as a credential or merely set', () => {
    assert.ok(problemsOf({ ...production, ...graphCertificate, GRAPH_CREDENTIAL: 'secret', GRAPH_CLIENT_SECRET: 'x' }).some((p) => p.startsWith('GRAPH_CREDENTIAL secret')));
    assert.ok(problemsOf({ ...production, GRAPH_CLIENT_SECRET: 'x' }).some((p) => p.startsWith('GRAPH_CLIENT_SECRET')));
  });

  it('allows a client secret in development', () => {
    const c = loadConfig({ SCHEDULING: 'true', GRAPH_CREDENTIAL: 'secret', GRAPH_TENANT_ID: graphCertificate.GRAPH_TENANT_ID, GRAPH_CLIENT_ID: graphCertificate.GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET: 'dev-only' });
    assert.ok(c.scheduling.kind === 'graph' && c.scheduling.graph.credential.kind === 'secret');
  });

  it('refuses a Graph root without https, a SHA-1 thumbprint, ids that are not GUIDs and an unknown credential', () => {
    const problems = problemsOf({ ...graphCertificate, GRAPH_BASE_URL: 'http://graph.microsoft.com/v1.0', GRAPH_CERTIFICATE_THUMBPRINT: 'ab'.repeat(20), GRAPH_TENANT_ID: 'contoso' });
    for (const name of ['GRAPH_BASE_URL', 'GRAPH_CERTIFICATE_THUMBPRINT', 'GRAPH_TENANT_ID']) assert.ok(problems.some((p) => p.startsWith(name)), name);
    assert.ok(problemsOf({ ...graphCertificate, GRAPH_CREDENTIAL: 'password' }).some((p) => p.startsWith('GRAPH_CREDENTIAL')));
  });

  it('documents every setting it names in a problem', () => {
    for (const p of problemsOf({ ...production, SCHEDULING: 'true', GRAPH_CREDENTIAL: 'secret', GRAPH_CLIENT_SECRET: 'x' })) {
      const named = p.match(/^[A-Z_]+/)?.[0];
      if (named) assert.ok(named in settings, named);
    }
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

describe('loadConfig › reminders', () => {
  it('turns reminders off under NODE_ENV=test unless asked, and reads their timing', () => {
    assert.equal(loadConfig({ NODE_ENV: 'test' }).reminders.enabled, false);
    const c = loadConfig({ NODE_ENV: 'test', REMINDERS: 'true', REMINDERS_INTERVAL_SECONDS: '5', REMINDERS_TENANT_PER_SECOND: '20', REMINDERS_LEASE_SECONDS: '15', REMINDERS_VISIBILITY_SECONDS: '10' });
    assert.deepEqual(c.reminders, { enabled: true, intervalSeconds: 5, tenantPerSecond: 20, leaseSeconds: 15, visibilitySeconds: 10 });
  });
  it('refuses a tenant ceiling above Teams’ 50 a second and a lease outside 15 to 60 seconds', () => {
    assert.throws(() => loadConfig({ REMINDERS_TENANT_PER_SECOND: '51' }), /REMINDERS_TENANT_PER_SECOND/);
    assert.throws(() => loadConfig({ REMINDERS_LEASE_SECONDS: '10' }), /REMINDERS_LEASE_SECONDS/);
  });
  it('honours DEV_CLOCK_FILE outside production and refuses it in production', () => {
    assert.equal(loadConfig({ NODE_ENV: 'test', DEV_CLOCK_FILE: '/tmp/clock.json' }).dev.clockFile, '/tmp/clock.json');
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DEV_CLOCK_FILE: '/tmp/clock.json' }), /DEV_CLOCK_FILE is a development feature/);
  });
});
