import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { openGraph } from '../../../src/adapters/graph/open-graph';
import { loadConfig } from '../../../src/config/config';
import { AttuneError } from '../../../src/domain/errors';
import { startGraphFixture, type GraphFixture } from './graph-fixture';

describe('openGraph (from the settings loadConfig reads)', () => {
  let fx: GraphFixture;
  let dir: string;
  let thumbprint: string;

  before(async () => {
    fx = await startGraphFixture();
    dir = await mkdtemp(join(tmpdir(), 'attune-graph-'));
    await writeFile(join(dir, 'graph.pem'), fx.privateKeyPem, { mode: 0o600 });
    await writeFile(join(dir, 'empty.pem'), 'no key here\n');
    thumbprint = fx.thumbprintSha256;
  });
  after(async () => {
    await fx.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const configFor = (certificate: string) =>
    loadConfig({
      NODE_ENV: 'test',
      AUTHORITY_HOST: fx.graph.origin,
      SCHEDULING: 'true',
      GRAPH_BASE_URL: fx.graph.graphBaseUrl,
      GRAPH_TENANT_ID: fx.graph.tenantId,
      GRAPH_CLIENT_ID: fx.clientId,
      GRAPH_CERTIFICATE_PATH: join(dir, certificate),
      GRAPH_CERTIFICATE_THUMBPRINT: thumbprint,
    });

  it('signs in with the certificate file and answers from Graph', async () => {
    const config = configFor('graph.pem');
    assert.equal(config.scheduling.kind, 'graph');
    if (config.scheduling.kind !== 'graph') return;
    const directory = await openGraph({ connection: config.scheduling.graph, authorityHost: config.auth.authorityHost, logger: fx.logger, fetch: fx.graph.fetch });
    const person = { tenantId: fx.graph.tenantId, objectId: randomUUID() };
    fx.graph.addUser({ id: person.objectId, mail: 'someone@service.example' });
    assert.equal(await directory.managerOf(person), null);
    assert.equal(fx.graph.tokenRequests(), 1);
  });

  it("exchanges tab tokens on the person's behalf only when GRAPH_CLIENT_ID is the tab's SSO app registration", async () => {
    const config = configFor('graph.pem');
    if (config.scheduling.kind !== 'graph') return assert.fail('scheduling is on');
    const person = { tenantId: fx.graph.tenantId, objectId: randomUUID() };
    fx.graph.addUser({ id: person.objectId, mail: 'obo.open@service.example' });
    const onBehalfOf = { assertion: await fx.ssoToken(person) };
    const window = { start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T10:00:00.000Z' };
    for (const [ssoClientId, path] of [
      [randomUUID(), `/v1.0/users/${person.objectId}/calendar/getSchedule`],
      [fx.clientId, '/v1.0/me/calendar/getSchedule'],
    ] as const) {
      const calendar = await openGraph({ connection: config.scheduling.graph, authorityHost: config.auth.authorityHost, ssoClientId, logger: fx.logger, fetch: fx.graph.fetch });
      await calendar.freeBusy({ asking: person, people: [person], window, onBehalfOf });
      assert.equal(fx.graph.graphRequests(/getSchedule$/).at(-1)?.path, path);
    }
  });

  it('refuses a certificate file that is missing or holds no private key, saying which setting to fix', async () => {
    for (const file of ['missing.pem', 'empty.pem']) {
      const config = configFor(file);
      if (config.scheduling.kind !== 'graph') return assert.fail('scheduling is on');
      await assert.rejects(openGraph({ connection: config.scheduling.graph, authorityHost: config.auth.authorityHost, logger: fx.logger, fetch: fx.graph.fetch }), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_state' && e.message.startsWith('GRAPH_CERTIFICATE_PATH'));
    }
  });
});
