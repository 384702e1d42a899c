import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { decodeCardAction } from '../../../bot/card-actions';
import { adminRemindersLink, clipLink, uploadLink } from '../../../bot/links';
import { viewOfSubPage } from '../../../tab/src/router';
import { cardInt, cardList, cardText, cardToggle } from '../../../src/contract/cards/fields';
import { AttuneError } from '../../../src/domain/errors';

const refused = (e: unknown): boolean => e instanceof AttuneError && e.code === 'invalid_input';

describe('card actions', () => {
  describe('decodeCardAction', () => {
    it('reads an Action.Execute with a known verb, its data and whether Teams triggered it', () => {
      assert.deepEqual(decodeCardAction({ action: { type: 'Action.Execute', verb: 'contract.sign', data: { enrolmentId: 'e1', version: 2 } }, trigger: 'automatic' }), { verb: 'contract.sign', data: { enrolmentId: 'e1', version: 2 }, automatic: true });
      assert.deepEqual(decodeCardAction({ action: { type: 'Action.Execute', verb: 'case.form' } }), { verb: 'case.form', data: {}, automatic: false });
    });

    it('refuses anything else', () => {
      for (const value of [undefined, null, 'x', [], {}, { action: null }, { action: { type: 'Action.Submit', verb: 'case.form' } }, { action: { type: 'Action.Execute', verb: 'case.delete' } }, { action: { type: 'Action.Execute', verb: 42 } }]) {
        assert.throws(() => decodeCardAction(value), refused, JSON.stringify(value));
      }
    });

    it('reads what Teams sends for a form: numbers, toggles and multi-selects as text', () => {
      const action = decodeCardAction({ action: { type: 'Action.Execute', verb: 'supervision.submit', data: { submissionId: 'sub-12345678', heldOn: '2026-06-12', minutes: '45', mode: 'in_person', caseIds: 'c1, c2' } } });
      assert.deepEqual(action.data, { submissionId: 'sub-12345678', plannedId: '', heldOn: '2026-06-12', minutes: 45, mode: 'in_person', caseIds: ['c1', 'c2'] });
    });

    it('reads a form’s missing or unreadable values as empty, for the use case to explain', () => {
      const action = decodeCardAction({ action: { type: 'Action.Execute', verb: 'case.submit', data: { submissionId: { evil: 1 }, code: ['x'], openedOn: 42, consentFilming: 'yes' } } });
      assert.deepEqual(action.data, { submissionId: '', code: '', openedOn: '42', consentFilming: false, consentSupervisor: false, consentPeer: false, consentTraining: false });
    });

    it('refuses a card action without what its card refers to', () => {
      for (const data of [{}, { enrolmentId: 'e1' }, { enrolmentId: '', version: 1 }, { enrolmentId: 'e1', version: 'two' }, { enrolmentId: { id: 'e1' }, version: 1 }]) {
        assert.throws(() => decodeCardAction({ action: { type: 'Action.Execute', verb: 'contract.sign', data } }), refused, JSON.stringify(data));
      }
    });

    it('keeps only the fields a verb knows', () => {
      assert.deepEqual(decodeCardAction({ action: { type: 'Action.Execute', verb: 'contract.refresh', data: { enrolmentId: 'e1', owner: 'someone-else' } } }).data, { enrolmentId: 'e1' });
    });
  });

  describe('field readers', () => {
    const data = { s: 'text', n: 60, ns: ' 60 ', f: 1.5, big: 'x'.repeat(50_000), yes: 'true', no: 'false', multi: 'a, b,,c', obj: { a: 1 } };
    it('never trusts a value’s type', () => {
      assert.equal(cardText.parse(data.s), 'text');
      assert.equal(cardText.parse(data.n), '60');
      assert.equal(cardText.parse(data.obj), '');
      assert.equal(cardText.parse(data.big).length, 20_000);
      assert.equal(cardInt.parse(data.n), 60);
      assert.equal(cardInt.parse(data.ns), 60);
      assert.equal(cardInt.parse(data.f), null);
      assert.equal(cardInt.parse(data.s), null);
      assert.equal(cardToggle.parse(data.yes), true);
      assert.equal(cardToggle.parse(data.no), false);
      assert.equal(cardToggle.parse(undefined), false);
      assert.deepEqual(cardList.parse(data.multi), ['a', 'b', 'c']);
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

describe('links to tab pages', () => {
  const settings = { publicUrl: 'https://attune.example.org', teamsAppId: '5c1f3a8e-2b7d-4e61-9a0c-7f3e2d1b4a96' };
  const subPage = (url: string): string => (JSON.parse(new URL(url).searchParams.get('context')!) as { subEntityId: string }).subEntityId;

  it("open the page the tab's router knows, in Teams with the web address as fallback", () => {
    const admin = adminRemindersLink(settings)!;
    assert.deepEqual(viewOfSubPage(subPage(admin)), { page: 'admin-reminders' });
    assert.equal(new URL(admin).searchParams.get('webUrl'), 'https://attune.example.org/tab/index.html#/admin/reminders');
    assert.deepEqual(viewOfSubPage(subPage(clipLink(settings, 'e1', 'k1')!)), { page: 'clip', enrolmentId: 'e1', clipId: 'k1', at: null });
    assert.equal(adminRemindersLink({ publicUrl: 'https://attune.example.org/', teamsAppId: null }), 'https://attune.example.org/tab/index.html#/admin/reminders');
    assert.equal(adminRemindersLink({ publicUrl: null, teamsAppId: null }), null);
  });
});
