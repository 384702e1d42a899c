import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'mocha';
import { loadConfig, settings } from '../../src/config/config';

const bicep = readFileSync(new URL('../../infra/azure.bicep', import.meta.url), 'utf8');

describe('infra/azure.bicep', () => {
  const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
  const appSettings = Object.fromEntries([...bicep.matchAll(/^\s*\{ name: '(\w+)', value: (.+) \}$/gm)].map((m) => [m[1]!, m[2]!.trim()]));

  it('names every output after a setting Attune reads (or the manifest placeholder it fills)', () => {
    const known = new Set([...Object.keys(settings), 'BOT_DOMAIN']);
    assert.deepEqual(outputs.filter((o) => !known.has(o)), []);
  });

  it("gives the web app every setting production requires, so it passes loadConfig's checks", () => {
    const env: Record<string, string> = {};
    for (const name of Object.keys(appSettings)) env[name] = name === 'NODE_ENV' ? 'production' : name === 'PUBLIC_URL' ? 'https://attune.example.org' : name === 'KEY_VAULT_KEY_ID' ? 'https://attune-kv.vault.azure.net/keys/clip-kek/1' : name === 'PORT' ? '8080' : name === 'BOT_TYPE' ? 'UserAssignedMSI' : 'placeholder-value';
    const config = loadConfig(env);
    assert.equal(config.mode, 'production');
    assert.equal(config.storage.kind, 'account');
  });

  it('keeps blobs private, TLS-only, versioned and soft-deleted, and the key vault purge-protected', () => {
    for (const line of ['allowBlobPublicAccess: false', 'supportsHttpsTrafficOnly: true', 'isVersioningEnabled: true', 'enablePurgeProtection: true', 'allowSharedKeyAccess: false', "keyOps: [ 'wrapKey', 'unwrapKey' ]"]) {
      assert.ok(bicep.includes(line), line);
    }
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
