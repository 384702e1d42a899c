import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { decodeCardAction, flag, int, list, text } from '../../../bot/card-actions';
import { uploadLink } from '../../../bot/links';

describe('card actions', () => {
  describe('decodeCardAction', () => {
    it('reads an Action.Execute with a known verb, its data and whether Teams triggered it', () => {
      assert.deepEqual(decodeCardAction({ action: { type: 'Action.Execute', verb: 'contract.sign', data: { version: 2 } }, trigger: 'automatic' }), { verb: 'contract.sign', data: { version: 2 }, automatic: true });
      assert.deepEqual(decodeCardAction({ action: { type: 'Action.Execute', verb: 'case.form' } }), { verb: 'case.form', data: {}, automatic: false });
    });

    it('refuses anything else', () => {
      for (const value of [undefined, null, 'x', [], {}, { action: null }, { action: { type: 'Action.Submit', verb: 'case.form' } }, { action: { type: 'Action.Execute', verb: 'case.delete' } }, { action: { type: 'Action.Execute', verb: 42 } }]) {
        assert.equal(decodeCardAction(value), null, JSON.stringify(value));
      }
    });
  });

  describe('field readers', () => {
    const data = { s: 'text', n: 60, ns: ' 60 ', f: 1.5, big: 'x'.repeat(50_000), yes: 'true', no: 'false', multi: 'a, b,,c', obj: { a: 1 } };
    it('never trusts a value’s type', () => {
      assert.equal(text(data, 's'), 'text');
      assert.equal(text(data, 'n'), '60');
      assert.equal(text(data, 'obj'), '');
      assert.equal(text(data, 'big').length, 20_000);
      assert.equal(int(data, 'n'), 60);
      assert.equal(int(data, 'ns'), 60);
      assert.equal(int(data, 'f'), null);
      assert.equal(int(data, 's'), null);
      assert.equal(flag(data, 'yes'), true);
      assert.equal(flag(data, 'no'), false);
      assert.equal(flag(data, 'missing'), false);
      assert.deepEqual(list(data, 'multi'), ['a', 'b', 'c']);
    });
  });
});

describe('uploadLink', () => {
  it('deep-links into the Attune tab inside Teams when the app id is known', () => {
    const link = uploadLink({ publicUrl: 'https://attune.example.org/', teamsAppId: '5c1f3a8e-2b7d-4e61-9a0c-7f3e2d1b4a96' })!;
    const url = new URL(link.url);
    assert.equal(link.opensInTeams, true);
    assert.equal(url.host, 'teams.microsoft.com');
    assert.equal(url.pathname, '/l/entity/5c1f3a8e-2b7d-4e61-9a0c-7f3e2d1b4a96/home');
    assert.deepEqual(JSON.parse(url.searchParams.get('context')!), { subEntityId: 'upload' });
  });

  it('falls back to the public URL, and to nothing when neither is set', () => {
    assert.deepEqual(uploadLink({ publicUrl: 'https://attune.example.org', teamsAppId: null }), { url: 'https://attune.example.org/tab/index.html#/upload', opensInTeams: false });
    assert.equal(uploadLink({ publicUrl: null, teamsAppId: null }), null);
  });
});
