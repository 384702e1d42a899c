import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { startTestAzurite, type TestAzurite } from '../support/azurite';
import { awayFromMinuteBoundary, devSignIn, startTestApp, type TestApp } from '../support/app';

describe('rate limits across two instances sharing one Azurite', () => {
  let azurite: TestAzurite;
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    azurite = await startTestAzurite();
    const env = { STORAGE_CONNECTION_STRING: azurite.connectionString, RATE_LIMIT_PER_PERSON: '6', RATE_LIMIT_PER_ADDRESS: '100000' };
    a = await startTestApp({ env });
    b = await startTestApp({ env });
  });
  after(async () => {
    await a.stop();
    await b.stop();
    await azurite.stop();
  });

  it("holds one person's limit across both (alternating requests), answering 429 with Retry-After on either", async () => {
    const trainee = `${demoTenantId}:${demoPeople.trainee.objectId}`;
    // Each instance has its own development issuer, so the same person signs in on each.
    const tokens = [await devSignIn(a.baseUrl, trainee), await devSignIn(b.baseUrl, trainee)];
    await awayFromMinuteBoundary();
    const answers: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [app, token] = i % 2 ? [b, tokens[1]!] : [a, tokens[0]!];
      const res = await fetch(`${app.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      answers.push(res.status === 429 ? `429 after ${res.headers.get('retry-after')}` : String(res.status));
    }
    assert.deepEqual(answers.slice(0, 6), ['200', '200', '200', '200', '200', '200'], 'six in all, not six each');
    for (const answer of answers.slice(6)) assert.match(answer, /^429 after \d+$/);
    // Someone else is unaffected.
    const supervisor = await devSignIn(b.baseUrl, `${demoTenantId}:${demoPeople.supervisor.objectId}`);
    assert.equal((await fetch(`${b.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${supervisor}` } })).status, 200);
  });

  it('stores no address or person id in the counters, only their SHA-256', async () => {
    const rows = [];
    for await (const row of azurite.tableClient('attuneratelimits').listEntities()) rows.push(row);
    assert.ok(rows.length >= 2);
    const text = JSON.stringify(rows);
    assert.doesNotMatch(text, new RegExp(`${demoPeople.trainee.objectId}|127\\.0\\.0\\.1`));
    for (const row of rows) assert.match(row.rowKey!, /^[0-9a-f]{64}$/);
  });
});
