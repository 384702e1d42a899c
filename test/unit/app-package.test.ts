// The Teams app package: manifest.json (placeholders only) and the two icons.
// Schema validation is offline: the schema comes from the copy bundled in @microsoft/app-manifest,
// and fetch is stubbed to fail, so any attempt to download it would show up as a failure here.
import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { iconPaths, renderIcons } from '../../scripts/make-icons';

type AppManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  accentColor: string;
  name: { short: string; full?: string };
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean; isNotificationOnly?: boolean; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  staticTabs: { entityId: string; name?: string; contentUrl?: string; websiteUrl?: string; scopes: string[] }[];
  permissions: string[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
}

const manifestPath = new URL('../../appPackage/manifest.json', import.meta.url);
const rawManifest = readFileSync(manifestPath, 'utf8');
const placeholderPattern = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const guidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Values an environment file (env/.env.dev) would give the Microsoft 365 Agents Toolkit. */
const sampleEnv: Readonly<Record<string, string>> = {
  TEAMS_APP_ID: '5c1f3a8e-2b7d-4e61-9a0c-7f3e2d1b4a96',
  BOT_ID: '8e4b2c7a-1d3f-4a5e-b6c9-0f2e7d8a1b3c',
  AAD_APP_CLIENT_ID: 'b3d9e1f0-6c2a-4f7e-8d15-2a9c4e6f8b01',
  BOT_DOMAIN: 'attune.example.org',
  TAB_ENDPOINT: 'https://attune.example.org',
  APP_NAME_SUFFIX: '-dev',
};

const expectedCommands = ['help', 'progress', 'next', 'log case', 'log cycle', 'log supervision', 'record', 'upload', 'contract', 'stage meeting'];

/** Fills `${{VAR}}` placeholders the way the Agents Toolkit does; an unknown variable is an error. */
function fillPlaceholders(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(placeholderPattern, (_match, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`manifest uses \${{${name}}}, which has no sample value`);
    return value;
  });
}

function rawParsed(): Manifest {
  return JSON.parse(rawManifest) as Manifest;
}

function filledManifest(): Manifest {
  return JSON.parse(fillPlaceholders(rawManifest, sampleEnv)) as Manifest;
}

/** "1.30" → [1, 30]: versions compare by parts, never as decimals (1.3 is not 1.30). */
function versionParts(version: string): [number, number] {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  assert.ok(match, `manifestVersion "${version}" is not major.minor`);
  return [Number(match[1]), Number(match[2])];
}

function bundledSchemaFor(version: string): ManifestSchema {
  const require = createRequire(import.meta.url);
  const file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as ManifestSchema;
}

/**
 * Runs `body` with fetch replaced by one that refuses (and counts its calls), then puts the real fetch back.
 * Any attempt to download a schema would fail the test, and `fetchCalls()` says whether one was made.
 */
async function withoutNetwork(body: (fetchCalls: () => number) => Promise<void>): Promise<void> {
  const realFetch = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = () => {
    calls++;
    return Promise.reject(new Error('tests must not use the network'));
  };
  try {
    await body(() => calls);
  } finally {
    globalThis.fetch = realFetch;
  }
}

function pixels(path: string): PNG {
  return PNG.sync.read(readFileSync(path));
}

describe('appPackage', () => {
  describe('manifest.json', () => {
    it('passes the bundled Teams schema with zero errors when every placeholder is filled', () =>
      withoutNetwork(async (fetchCalls) => {
        const manifest = filledManifest();
        const schema = bundledSchemaFor(manifest.manifestVersion);

        const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);

        assert.deepEqual(errors, []);
        assert.equal(fetchCalls(), 0);
      }));

    it('finds its $schema in the bundled copies, without the network, when no schema is passed in', () =>
      withoutNetwork(async (fetchCalls) => {
        const errors = await AppManifestUtils.validateAgainstSchema(filledManifest() as unknown as AppManifest);

        assert.deepEqual(errors, []);
        assert.equal(fetchCalls(), 0);
      }));

    it('reports schema errors when a required field is missing', () =>
      withoutNetwork(async () => {
        const manifest: Partial<Manifest> = filledManifest();
        delete manifest.developer;

        const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, bundledSchemaFor('1.30'));

        assert.ok(errors.some((error) => error.includes('developer')), errors.join('\n'));
      }));

    it('declares manifestVersion 1.22 or later, with a $schema URL for the same version', () => {
      const manifest = rawParsed();
      const [major, minor] = versionParts(manifest.manifestVersion);

      assert.ok(major > 1 || (major === 1 && minor >= 22), `manifestVersion ${manifest.manifestVersion} is older than 1.22`);
      assert.equal(manifest.$schema, `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
      assert.ok(existsSync(new URL(`../../node_modules/@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`, import.meta.url)));
    });

    it('uses only placeholders for ids, hosts and URLs that differ per environment', () => {
      const manifest = rawParsed();
      const used = new Set([...rawManifest.matchAll(placeholderPattern)].map((match) => match[1]));

      assert.deepEqual([...used].sort(), Object.keys(sampleEnv).sort());
      assert.equal(manifest.id, '${{TEAMS_APP_ID}}');
      assert.equal(manifest.bots[0]!.botId, '${{BOT_ID}}');
      assert.deepEqual(manifest.webApplicationInfo, { id: '${{AAD_APP_CLIENT_ID}}', resource: 'api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}' });
      assert.deepEqual(manifest.validDomains, ['${{BOT_DOMAIN}}']);
      assert.equal(manifest.name.short, 'Attune${{APP_NAME_SUFFIX}}');
      assert.doesNotMatch(rawManifest, guidPattern);
      const urls = [...rawManifest.matchAll(/"([a-z]+:\/\/[^"]*)"/gi)].map((match) => match[1]!);
      const urlsOutsideSchema = urls.filter((url) => url !== manifest.$schema);
      assert.ok(urlsOutsideSchema.length > 0);
      for (const url of urlsOutsideSchema) {
        assert.match(url, /^(https|api):\/\/\$\{\{BOT_DOMAIN\}\}(\/|$)/, `${url} names a real host`);
      }
      for (const tab of manifest.staticTabs) {
        for (const url of [tab.contentUrl, tab.websiteUrl].filter((u) => u !== undefined)) {
          assert.ok(url.startsWith('${{TAB_ENDPOINT}}/'), `${url} should start with \${{TAB_ENDPOINT}}/`);
        }
      }
    });

    it('offers exactly the Attune commands when the bot is used in personal or team scope', () => {
      const [bot, ...otherBots] = rawParsed().bots;
      assert.ok(bot);
      assert.deepEqual(otherBots, []);
      assert.deepEqual([...bot.scopes].sort(), ['personal', 'team']);
      assert.equal(bot.supportsFiles, false);
      assert.equal(bot.isNotificationOnly, false);
      for (const scope of ['personal', 'team']) {
        const lists: Manifest['bots'][number]['commandLists'] = bot.commandLists.filter((list) => list.scopes.includes(scope));
        assert.equal(lists.length, 1, `one command list for ${scope}`);
        const commands: Command[] = lists[0]!.commands;
        assert.deepEqual(commands.map((command) => command.title).sort(), [...expectedCommands].sort());
        for (const command of commands) assert.ok(command.description.length >= 20, `"${command.title}" needs a helpful description`);
      }
    });

    it('pins a personal Attune tab that opens /tab/index.html', () => {
      const manifest = rawParsed();
      const tab = manifest.staticTabs.find((candidate) => candidate.name === 'Attune');
      assert.ok(tab);
      assert.deepEqual(tab.scopes, ['personal']);
      assert.equal(tab.contentUrl, '${{TAB_ENDPOINT}}/tab/index.html');
      assert.equal(tab.websiteUrl, '${{TAB_ENDPOINT}}/tab/index.html');
      assert.deepEqual(manifest.permissions, ['identity']);
      assert.deepEqual(manifest.icons, { color: 'color.png', outline: 'outline.png' });
    });

    it('keeps descriptions within the Teams length limits when filled', () => {
      const manifest = JSON.parse(fillPlaceholders(rawManifest, sampleEnv)) as { description: { short: string; full: string }; name: { short: string } };
      assert.ok(manifest.description.short.length <= 80);
      assert.ok(manifest.description.full.length <= 4000);
      assert.ok(manifest.name.short.length <= 30);
    });
  });

  describe('icons', () => {
    it('has a 192×192 colour icon whose background is the manifest accent colour', () => {
      const color = pixels(iconPaths.color);
      assert.equal(color.width, 192);
      assert.equal(color.height, 192);
      const accent = rawParsed().accentColor;
      const at = (x: number, y: number): string => {
        const i = (y * color.width + x) * 4;
        return [...color.data.subarray(i, i + 4)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
      };
      assert.equal(at(96, 12), `${accent.slice(1).toLowerCase()}ff`, 'background near the top edge');
      assert.equal(at(96 - 16 - 36, 96), 'ffffffff', 'the left ring of the glyph is white');
    });

    it('has a 32×32 outline icon that is only white on a transparent background', () => {
      const outline = pixels(iconPaths.outline);
      assert.equal(outline.width, 32);
      assert.equal(outline.height, 32);
      let opaque = 0;
      for (let y = 0; y < outline.height; y++) {
        for (let x = 0; x < outline.width; x++) {
          const i = (y * outline.width + x) * 4;
          const [r, g, b, a] = outline.data.subarray(i, i + 4);
          if (a === 0) continue;
          assert.deepEqual([r, g, b], [255, 255, 255], `pixel (${x}, ${y}) with alpha ${a} is not white`);
          if (a === 255) opaque++;
          const onBorder = x === 0 || y === 0 || x === outline.width - 1 || y === outline.height - 1;
          assert.ok(!onBorder, `pixel (${x}, ${y}) on the border is not transparent`);
        }
      }
      for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]] as const) {
        assert.equal(outline.data[(y * outline.width + x) * 4 + 3], 0, `corner (${x}, ${y}) is transparent`);
      }
      assert.ok(opaque > 50, `only ${opaque} opaque pixels`);
    });

    it('regenerates byte-identical icons when renderIcons() runs again', () => {
      const rendered = renderIcons();
      assert.ok(rendered.color.equals(readFileSync(iconPaths.color)), 'appPackage/color.png is stale: run tsx scripts/make-icons.ts');
      assert.ok(rendered.outline.equals(readFileSync(iconPaths.outline)), 'appPackage/outline.png is stale: run tsx scripts/make-icons.ts');
    });
  });
});
