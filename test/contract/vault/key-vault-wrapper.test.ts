import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { rotateClipKeys } from '../../../src/app/clips/retention';
import { KeyVaultKeyWrapper } from '../../../src/adapters/keys/key-vault';
import { BlobClipVault } from '../../../src/adapters/vault/blob-clip-vault';
import { newLayout } from '../../../src/domain/clips/format';
import { AttuneError } from '../../../src/domain/errors';
import { startTestAzurite, uniquePrefix } from '../../support/azurite';
import { chunked, collect, freshContainer, type TestAzurite } from './clip-deps';
import { startLoopbackKeyVault, type LoopbackKeyVault } from './loopback-key-vault';

/** A credential that always returns the loopback vault's token, as a managed identity would return a real one. */
const fixedCredential = (token: string) => ({ getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) });

describe('KeyVaultKeyWrapper (the real @azure/keyvault-keys client against a loopback Key Vault)', () => {
  let kv: LoopbackKeyVault;
  let azurite: TestAzurite;
  const wrapperFor = (keyId: string) =>
    new KeyVaultKeyWrapper({ keyId, credential: fixedCredential(kv.token), versionCacheMs: 0, clientOptions: { disableChallengeResourceVerification: true, allowInsecureConnection: true, retryOptions: { maxRetries: 0 } } });

  before(async () => {
    kv = await startLoopbackKeyVault();
    azurite = await startTestAzurite();
  });
  after(async () => {
    await kv.stop();
    await azurite.stop();
  });

  it('wraps with RSA-OAEP-256 in the vault, answering its challenge with the credential, and unwraps the same key', async () => {
    const wrapper = wrapperFor(kv.keyId);
    const dataKey = randomBytes(32);
    const wrapped = await wrapper.wrap(dataKey);
    assert.equal(wrapped.algorithm, 'RSA-OAEP-256');
    assert.match(wrapped.kekId, /\/keys\/clip-kek\/v1/);
    assert.equal(wrapped.wrapped.length, 256);
    assert.ok(!Buffer.from(wrapped.wrapped).includes(dataKey));
    assert.ok(Buffer.from(await wrapper.unwrap(wrapped)).equals(dataKey));
    assert.ok(kv.requests.some((r) => !r.authorized), 'the first request met the challenge');
    assert.ok(kv.requests.some((r) => r.authorized && r.path.endsWith('/wrapkey')));
    assert.ok(kv.requests.some((r) => r.authorized && r.path.endsWith('/unwrapkey')));
  });

  it('refuses a tampered wrapped key as an integrity failure', async () => {
    const wrapper = wrapperFor(kv.keyId);
    const wrapped = await wrapper.wrap(randomBytes(32));
    const bad = Buffer.from(wrapped.wrapped);
    bad[7]! ^= 1;
    await assert.rejects(wrapper.unwrap({ ...wrapped, wrapped: bad }), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_state');
  });

  it('reports a vault that refuses the token as unavailable, not as a bad clip', async () => {
    const wrapper = new KeyVaultKeyWrapper({ keyId: kv.keyId, credential: fixedCredential('wrong'), clientOptions: { disableChallengeResourceVerification: true, allowInsecureConnection: true, retryOptions: { maxRetries: 0 } } });
    await assert.rejects(wrapper.wrap(randomBytes(32)), (e: unknown) => e instanceof AttuneError && e.code === 'unavailable');
  });

  it('protects a clip end to end, and rotation to a new key version rewraps it without touching the video', async () => {
    const wrapper = wrapperFor(kv.keyId);
    const container = await freshContainer(azurite);
    const prefix = uniquePrefix();
    const vault = await BlobClipVault.open({ container, keys: azurite.tableClient(`${prefix}keys`), blocks: azurite.tableClient(`${prefix}blocks`), wrapper, keyCacheMs: 0 });
    const clip = { clipId: randomUUID(), layout: newLayout({ size: 200_000, storageName: randomUUID().replace(/-/g, '') }) };
    const data = randomBytes(clip.layout.size);
    await vault.createKey(clip);
    await vault.putBlock({ clip, index: 0, body: chunked(data) });
    await vault.commit(clip);
    const etag = (await container.getBlockBlobClient(`clips/${clip.layout.storageName}`).getProperties()).etag;

    const v2 = kv.rotate();
    assert.deepEqual(await rotateClipKeys({ vault }), { rewrapped: 1, current: 0, missing: 0, failed: 0 });
    const keys: string[] = [];
    for await (const k of vault.listKeys()) keys.push(k.kekId);
    assert.deepEqual(keys, [v2]);
    assert.equal((await container.getBlockBlobClient(`clips/${clip.layout.storageName}`).getProperties()).etag, etag);
    assert.ok((await collect(vault.read({ clip, range: null }))).equals(data));
  });
});
