import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { CredentialTokenSource } from '../../../src/adapters/graph/credential-token-source';
import { AttuneError } from '../../../src/domain/errors';
import type { PersonRef } from '../../../src/domain/people';
import { startGraphFixture, type GraphFixture } from './graph-fixture';

/** Stands in for a ManagedIdentityCredential: hands out tokens the loopback Graph accepts, and counts the asks. */
const managedIdentity = (mint: () => string) => {
  const scopes: (string | string[])[] = [];
  return {
    scopes,
    getToken: async (scope: string | string[]) => {
      scopes.push(scope);
      return { token: mint(), expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
};

describe('CredentialTokenSource (a managed identity) through the real Graph client', () => {
  let fx: GraphFixture;
  let trainee: PersonRef;
  let manager: PersonRef;

  before(async () => {
    fx = await startGraphFixture();
    manager = { tenantId: fx.graph.tenantId, objectId: randomUUID() };
    trainee = { tenantId: fx.graph.tenantId, objectId: randomUUID() };
    fx.graph.addUser({ id: manager.objectId, mail: 'manager@service.example' });
    fx.graph.addUser({ id: trainee.objectId, mail: 'trainee@service.example', managerId: manager.objectId });
  });
  after(async () => {
    await fx.stop();
  });

  it('signs Graph calls with the identity token for the Graph scope, asking once while it is fresh', async () => {
    const identity = managedIdentity(() => fx.graph.mintToken());
    const calendar = fx.calendar({ tokens: new CredentialTokenSource({ credential: identity, logger: fx.logger }) });
    await Promise.all([calendar.managerOf(trainee), calendar.managerOf(trainee)]);
    assert.deepEqual((await calendar.managerOf(trainee))?.person, manager);
    assert.deepEqual(identity.scopes, ['https://graph.microsoft.com/.default']);
    assert.equal(fx.graph.tokenRequests(), 0, 'no client-credentials request');
  });

  it('says forbidden, for IT, when the identity cannot sign in', async () => {
    const unavailable = {
      getToken: async () => {
        const e = new Error('ManagedIdentityCredential: no managed identity endpoint found.');
        e.name = 'CredentialUnavailableError';
        throw e;
      },
    };
    const calendar = fx.calendar({ tokens: new CredentialTokenSource({ credential: unavailable, logger: fx.logger }) });
    await assert.rejects(calendar.managerOf(trainee), (e: unknown) => e instanceof AttuneError && e.code === 'forbidden' && /GRAPH_MANAGED_IDENTITY_CLIENT_ID/.test(e.message));
  });

  it('logged no token', () => {
    const log = fx.lines.join('\n');
    for (const token of fx.graph.issuedTokens) assert.ok(!log.includes(token));
  });
});
