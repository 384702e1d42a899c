import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'mocha';
import { LocalKeyFile } from '../../../src/adapters/keys/local-key-file';
import { AttuneError } from '../../../src/domain/errors';

describe('LocalKeyFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-kek-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'keys', 'clip-kek.json');

  it('creates its key file readable by the owner only, and reopens the same keys', async () => {
    const first = LocalKeyFile.open({ file });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const dataKey = randomBytes(32);
    const wrapped = await first.wrap(dataKey);
    assert.ok(!Buffer.from(wrapped.wrapped).includes(dataKey));
    assert.ok(!readFileSync(file, 'utf8').includes(dataKey.toString('base64')));
    const again = LocalKeyFile.open({ file });
    assert.ok(Buffer.from(await again.unwrap(wrapped)).equals(dataKey));
  });

  it('rotates to a new version and still unwraps keys wrapped under the old one', async () => {
    const kek = LocalKeyFile.open({ file });
    const old = await kek.wrap(randomBytes(32));
    const next = kek.rotate();
    assert.equal(await kek.currentKeyId(), next);
    assert.notEqual(old.kekId, next);
    assert.equal((await kek.unwrap(old)).length, 32);
    assert.equal((await kek.wrap(randomBytes(32))).kekId, next);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('refuses a wrapped key that was altered or names a key it does not have', async () => {
    const kek = LocalKeyFile.open({ file: null });
    const w = await kek.wrap(randomBytes(32));
    const bad = Buffer.from(w.wrapped);
    bad[15]! ^= 1;
    const refused = (e: unknown): boolean => e instanceof AttuneError && e.code === 'invalid_state';
    await assert.rejects(kek.unwrap({ ...w, wrapped: bad }), refused);
    await assert.rejects(kek.unwrap({ ...w, kekId: 'local:v9' }), refused);
    await assert.rejects(kek.unwrap({ ...w, kekId: 'local:__proto__' }), refused);
    await assert.rejects(kek.unwrap({ ...w, algorithm: 'RSA-OAEP-256' }), refused);
  });
});
