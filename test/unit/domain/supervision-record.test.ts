import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { AttuneError } from '../../../src/domain/errors';
import { defaultVocabulary } from '../../../src/domain/principles';
import { cosignRecord, recordContentProblems, resubmitRecord, returnRecord, sameContent, submitRecord, type SupervisionRecordContent } from '../../../src/domain/supervision-record';

const content: SupervisionRecordContent = {
  learningQuestion: ' How do I wait longer? ',
  whatWasWorking: 'Waiting.',
  principles: ['being_attentive', 'being_attentive', 'guiding'],
  learningPoints: 'Silence helps.',
  nextSteps: 'Try it again.',
  consentConfirmed: true,
};
const submitted = () => submitRecord({ id: 's1', enrolmentId: 'e1', sessionId: 's1', content, vocabulary: defaultVocabulary, at: '2026-06-01T10:00:00Z' });
const refusal = (code: string) => (e: unknown) => e instanceof AttuneError && e.code === code;

describe('supervision records', () => {
  describe('submitRecord', () => {
    it('starts at revision 1, waiting for co-signing, with tidied text and the vocabulary version', () => {
      const r = submitted();
      assert.equal(r.revision, 1);
      assert.equal(r.state.status, 'awaiting_cosign');
      assert.equal(r.content.learningQuestion, 'How do I wait longer?');
      assert.deepEqual(r.content.principles, ['being_attentive', 'guiding']);
      assert.deepEqual(r.vocabulary, { id: 'attuned-interaction', version: 1 });
    });

    it('refuses a record with empty fields, no principles, unknown tags or no consent confirmation, naming each', () => {
      const problems = recordContentProblems({ ...content, nextSteps: ' ', principles: ['shouting'], consentConfirmed: false });
      assert.equal(problems.length, 3);
      assert.match(problems.join('|'), /Next steps.*\|Principles: choose.*\|Consent/);
      assert.match(recordContentProblems({ ...content, principles: [] }).join(), /at least one principle/);
      assert.match(recordContentProblems({ ...content, learningPoints: 'x'.repeat(2001) }).join(), /2000 characters/);
    });
  });

  describe('co-signing and returning', () => {
    it('co-signs a waiting record, bumping the revision and keeping an optional comment', () => {
      const r = cosignRecord(submitted(), { at: '2026-06-02T10:00:00Z', comment: '  ' });
      assert.equal(r.revision, 2);
      assert.deepEqual(r.state, { status: 'cosigned', submittedAt: '2026-06-01T10:00:00Z', cosignedAt: '2026-06-02T10:00:00Z', comment: null });
    });

    it('returns only with a comment', () => {
      assert.throws(() => returnRecord(submitted(), { at: 'x', comment: ' ' }), refusal('invalid_input'));
      assert.equal(returnRecord(submitted(), { at: 'x', comment: 'More detail' }).state.status, 'returned');
    });

    it('refuses to co-sign or return a record that is not waiting', () => {
      const cosigned = cosignRecord(submitted(), { at: 'x', comment: '' });
      assert.throws(() => cosignRecord(cosigned, { at: 'y', comment: '' }), refusal('invalid_state'));
      assert.throws(() => returnRecord(cosigned, { at: 'y', comment: 'z' }), refusal('invalid_state'));
    });

    it('lets the trainee resubmit a returned record as a new revision, but never a co-signed one', () => {
      const returned = returnRecord(submitted(), { at: 'x', comment: 'More detail' });
      const again = resubmitRecord(returned, { content: { ...content, nextSteps: 'Plan questions.' }, at: 'y' });
      assert.equal(again.revision, 3);
      assert.equal(again.state.status, 'awaiting_cosign');
      assert.throws(() => resubmitRecord(cosignRecord(submitted(), { at: 'x', comment: '' }), { content, at: 'y' }), refusal('invalid_state'));
    });
  });

  describe('sameContent', () => {
    it('ignores spacing and tag order', () => {
      assert.ok(sameContent(content, { ...content, learningQuestion: 'How do I wait longer?', principles: ['guiding', 'being_attentive'] }));
      assert.ok(!sameContent(content, { ...content, nextSteps: 'Other' }));
    });
  });
});
