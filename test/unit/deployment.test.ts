import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'mocha';
import { parse } from 'yaml';

/**
 * "Deployable as committed": every `${{NAME}}` that m365agents.yml, the files its steps read (the Teams app
 * manifest, the Entra manifest, the Bicep parameters) and the env files use is produced before it is used —
 * by an earlier step's output, a Bicep output of an earlier deployment, a value set in the env file, or one of
 * the few names the toolkit itself asks for.
 */
const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!))];

interface Step {
  readonly uses: string;
  readonly with?: Record<string, unknown>;
  readonly writeToEnvironmentFile?: Record<string, string>;
}

/** Names the Agents Toolkit supplies itself: arm/deploy asks for a subscription and resource group when they are empty. */
const askedByToolkit = new Set(['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME']);

/** Outputs an action writes whatever `writeToEnvironmentFile` says (from the toolkit's action reference). */
const implicitOutputs: Record<string, readonly string[]> = {
  'teamsApp/create': ['TEAMS_APP_TENANT_ID'],
  'teamsApp/update': ['TEAMS_APP_TENANT_ID', 'TEAMS_APP_UPDATE_TIME'],
  'aadApp/update': ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'],
};

/** Inputs an action makes up itself when they are empty (aadApp/update: a new id for the scope). */
const generatedWhenEmpty: Record<string, readonly string[]> = {
  'aadApp/update': ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'],
};

/** arm/deploy turns each Bicep output into an environment variable: upper case, other characters `_`. */
const bicepOutputs = (path: string): string[] => [...read(path).matchAll(/^output (\w+) /gm)].map((m) => m[1]!.toUpperCase().replace(/[^A-Z0-9]/g, '_'));

function envFile(path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of read(path).split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** The files a step reads, whose placeholders it fills in. */
function filesOf(step: Step): string[] {
  const w = step.with ?? {};
  const files: string[] = [];
  if (typeof w.manifestPath === 'string') files.push(w.manifestPath);
  if (Array.isArray(w.templates)) for (const t of w.templates as { parameters?: string }[]) if (t.parameters) files.push(t.parameters);
  return files.map((f) => f.replace(/^\.\//, ''));
}

function outputsOf(step: Step): string[] {
  const out = [...Object.values(step.writeToEnvironmentFile ?? {}), ...(implicitOutputs[step.uses] ?? [])];
  if (step.uses === 'arm/deploy') for (const t of (step.with?.templates ?? []) as { path: string }[]) out.push(...bicepOutputs(t.path.replace(/^\.\//, '')));
  return out;
}

describe('deployable as committed (m365agents.yml, the manifests, env files)', () => {
  const yml = parse(read('m365agents.yml')) as { provision: Step[]; deploy: Step[] };
  const steps = [...yml.provision, ...yml.deploy];
  const env = envFile('env/.env.dev');

  it('uses no ${{NAME}} before a step, a Bicep output, the env file or the toolkit produces it', () => {
    const known = new Set([...askedByToolkit, ...[...env].filter(([, v]) => v !== '').map(([k]) => k)]);
    const missing: string[] = [];
    for (const [i, step] of steps.entries()) {
      const uses = [...placeholders(JSON.stringify(step.with ?? {})), ...filesOf(step).flatMap((f) => placeholders(read(f)).map((n) => `${n} (in ${f})`))];
      const own = new Set(generatedWhenEmpty[step.uses] ?? []);
      for (const u of uses) if (!known.has(u.split(' ')[0]!) && !own.has(u.split(' ')[0]!)) missing.push(`step ${i + 1} ${step.uses} uses ${u}`);
      for (const o of outputsOf(step)) known.add(o);
    }
    assert.deepEqual(missing, []);
  });

  it('has every manifest the steps read actually read by a step (none left out of provisioning)', () => {
    const read = new Set(steps.flatMap(filesOf));
    for (const f of ['appPackage/manifest.json', 'aad.manifest.json', 'infra/azure.parameters.json']) assert.ok(read.has(f), `${f} is read by no step`);
  });

  it('leaves empty in the env file only what a step writes, so nobody must fill a value in by hand', () => {
    const written = new Set([...askedByToolkit, ...steps.flatMap(outputsOf)]);
    const byHand = [...env].filter(([k, v]) => v === '' && !written.has(k)).map(([k]) => k);
    assert.deepEqual(byHand, []);
  });

  it('provisions the Entra app before anything reads its client id, and updates it after Bicep gives its host name', () => {
    const at = (uses: string): number => steps.findIndex((s) => s.uses === uses);
    assert.ok(at('aadApp/create') >= 0 && at('aadApp/create') < at('arm/deploy'));
    assert.ok(at('arm/deploy') < at('aadApp/update'), 'aadApp/update needs BOT_DOMAIN and TAB_ENDPOINT from Bicep');
    assert.ok(at('aadApp/update') < at('teamsApp/zipAppPackage'));
    assert.equal(steps.find((s) => s.uses === 'azureAppService/zipDeploy')?.with?.resourceId, '${{WEB_APP_RESOURCE_ID}}');
  });

  describe('aad.manifest.json matches what the token verifier and the tab require', () => {
    const aad = JSON.parse(read('aad.manifest.json')) as {
      id: string;
      appId: string;
      accessTokenAcceptedVersion: number;
      identifierUris: string[];
      oauth2Permissions: { id: string; value: string; type: string; isEnabled: boolean }[];
      preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
      replyUrlsWithType: { url: string; type: string }[];
      requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
    };
    const teams = JSON.parse(read('appPackage/manifest.json')) as { webApplicationInfo: { id: string; resource: string } };
    const scope = aad.oauth2Permissions.find((p) => p.value === 'access_as_user');

    it('updates the app aadApp/create made, and issues v2 access tokens for the manifest’s resource', () => {
      assert.equal(aad.id, '${{AAD_APP_OBJECT_ID}}');
      assert.equal(aad.appId, '${{AAD_APP_CLIENT_ID}}');
      assert.equal(teams.webApplicationInfo.id, aad.appId);
      assert.equal(aad.accessTokenAcceptedVersion, 2, 'the token verifier accepts v2 tokens only');
      assert.deepEqual(aad.identifierUris, [teams.webApplicationInfo.resource], 'Teams asks for a token for webApplicationInfo.resource');
    });

    it('exposes the access_as_user scope the verifier requires, pre-authorised for Teams desktop, mobile and web', () => {
      assert.ok(scope && scope.isEnabled && scope.type === 'User');
      const verifier = read('src/adapters/identity/token-verifier.ts');
      assert.match(verifier, /requiredScope: 'access_as_user'/);
      for (const client of ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346']) {
        const pre = aad.preAuthorizedApplications.find((p) => p.appId === client);
        assert.deepEqual(pre?.permissionIds, [scope.id], client);
      }
    });

    it('has the consent page as a single-page-application redirect', () => {
      assert.deepEqual(aad.replyUrlsWithType, [{ url: '${{TAB_ENDPOINT}}/tab/consent-end.html', type: 'Spa' }]);
    });

    it('asks for exactly the Graph permissions of the README’s table (application = Role, delegated = Scope), and User.Read to sign in', () => {
      const readme = read('README.md');
      const section = readme.slice(readme.indexOf('### Microsoft Graph permissions'));
      const rows = [...section.matchAll(/^\| `([A-Za-z.]+)` \| (application|delegated) \| (.*)\|$/gm)].filter((m) => !m[3]!.includes('not needed'));
      assert.ok(rows.length >= 4, 'the README table was found');
      const wanted = [...rows.map((m) => `${m[1]} ${m[2] === 'application' ? 'Role' : 'Scope'}`), 'User.Read Scope'].sort();
      const graph = aad.requiredResourceAccess.find((r) => r.resourceAppId === 'Microsoft Graph');
      assert.deepEqual(graph?.resourceAccess.map((a) => `${a.id} ${a.type}`).sort(), wanted);
    });
  });
});
