import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'mocha';
import { loadConfig, settings } from '../../src/config/config';

const bicep = readFileSync(new URL('../../infra/azure.bicep', import.meta.url), 'utf8');

describe('infra/azure.bicep', () => {
  const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
  const appSettings = Object.fromEntries([...bicep.matchAll(/^\s*\{ name: '(\w+)', value: (.+) \}$/gm)].map((m) => [m[1]!, m[2]!.trim()]));

  it('names every output after a setting Attune reads (or the manifest placeholder it fills)', () => {
    const placeholders = ['appPackage/manifest.json', 'aad.manifest.json', 'm365agents.yml'].flatMap((f) => [...readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8').matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!));
    const known = new Set([...Object.keys(settings), ...placeholders]);
    assert.deepEqual(outputs.filter((o) => !known.has(o)), []);
  });

  it("gives the web app every setting production requires, so it passes loadConfig's checks", () => {
    // What provisioning fills in for the expressions; with scheduling switched on, so its settings are checked too.
    const provisioned: Record<string, string> = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://attune.example.org',
      KEY_VAULT_KEY_ID: 'https://attune-kv.vault.azure.net/keys/clip-kek/1',
      PORT: '8080',
      BOT_TYPE: 'UserAssignedMSI',
      SCHEDULING: 'true',
      GRAPH_TENANT_ID: '0b5e2a3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      GRAPH_CREDENTIAL: 'managed-identity',
      GRAPH_MANAGED_IDENTITY_CLIENT_ID: '1c6f3b4d-5e6f-4071-9b8c-0d1e2f3a4b5c',
      SCHEDULING_TIME_ZONE: 'Europe/London',
    };
    const env: Record<string, string> = {};
    for (const name of Object.keys(appSettings)) env[name] = provisioned[name] ?? 'placeholder-value';
    const config = loadConfig(env);
    assert.equal(config.mode, 'production');
    assert.equal(config.storage.kind, 'account');
    assert.equal(config.scheduling.kind, 'graph');
    assert.equal(appSettings.SCHEDULING, "scheduling ? 'true' : 'false'", 'off unless the parameter turns it on');
  });

  it('keeps blobs private, TLS-only, versioned and soft-deleted, and the key vault purge-protected', () => {
    for (const line of ['allowBlobPublicAccess: false', 'supportsHttpsTrafficOnly: true', 'isVersioningEnabled: true', 'enablePurgeProtection: true', 'allowSharedKeyAccess: false', "keyOps: [ 'wrapKey', 'unwrapKey' ]"]) {
      assert.ok(bicep.includes(line), line);
    }
  });

  it('scales out: two instances by default, zone redundancy as an option, no sticky sessions', () => {
    assert.match(bicep, /param instanceCount int = 2/);
    assert.match(bicep, /sku: \{ name: webAppSku, capacity: instanceCount \}/);
    assert.match(bicep, /zoneRedundant: zoneRedundant/);
    assert.match(bicep, /clientAffinityEnabled: false/);
    const parameters = JSON.parse(readFileSync(new URL('../../infra/azure.parameters.json', import.meta.url), 'utf8')) as { parameters: Record<string, { value: unknown }> };
    assert.ok(Number(parameters.parameters.instanceCount?.value) >= 2);
    // Zone redundancy needs Premium v2 or later; the SKU the parameters give must allow turning it on.
    assert.match(String(parameters.parameters.webAppSku?.value), /^P\d+v[2-4]$/);
  });

  it("points App Service's health check at readiness (/readyz), a route the server mounts", () => {
    assert.match(bicep, /healthCheckPath: '\/readyz'/);
    const routes = readFileSync(new URL('../../src/contract/http/routes.ts', import.meta.url), 'utf8');
    assert.match(routes, /method: 'GET', path: '\/readyz'/);
  });

  it('runs the compiled server that the deploy step builds, not TypeScript through a loader', () => {
    const command = /appCommandLine: '([^']+)'/.exec(bicep)?.[1] ?? '';
    assert.match(command, /^node .*dist\/attune\.mjs$/);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts.build ?? '', /build:server/);
    assert.match(pkg.scripts['build:server'] ?? '', /scripts\/build-server\.mjs/);
    const agents = readFileSync(new URL('../../m365agents.yml', import.meta.url), 'utf8');
    assert.match(agents, /args: run build\n\s+- uses: azureAppService\/zipDeploy/);
  });
});
