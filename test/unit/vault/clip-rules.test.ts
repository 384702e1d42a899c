import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { mayActOnClips } from '../../../src/domain/clips/permissions';
import { cleanDisplayText, clipFileName, clipTitle, type Clip } from '../../../src/domain/clips/clip';
import { newLayout } from '../../../src/domain/clips/format';
import { grantExtension, grantIdleMs, grantMaxMs, grantUsable, newGrant, viewPurpose } from '../../../src/domain/clips/playback';
import { parseRange } from '../../../src/domain/clips/range';
import { clipDeleteAfter, clipsDueForDeletion, expiredUploads } from '../../../src/domain/clips/retention';
import { AttuneError } from '../../../src/domain/errors';
import { momentWarnings, principleTags, timeRange } from '../../../src/domain/moment';
import { defaultVocabulary } from '../../../src/domain/principles';
import { clientCase, enrolment, lineManagerId, outsiderId, supervisorId, traineeId } from '../../fakes/domain-builders';

const now = new Date('2026-06-15T10:00:00Z');
const clip = (id: string, o: Partial<Clip> = {}): Clip =>
  ({
    id,
    enrolmentId: 'enrolment-1',
    caseId: 'case-1',
    cycleId: null,
    kind: 'client_interaction',
    title: 't',
    fileName: null,
    mediaType: 'video/mp4',
    layout: newLayout({ size: 10, storageName: 'a'.repeat(32) }),
    uploadedBy: traineeId,
    uploadedAt: '2026-01-01T00:00:00Z',
    legalHold: false,
    state: 'available',
    ...o,
  }) as Clip;

describe('parseRange', () => {
  it('reads the forms browsers send', () => {
    assert.deepEqual(parseRange('bytes=0-', 100), { kind: 'partial', start: 0, end: 99 });
    assert.deepEqual(parseRange('bytes=10-19', 100), { kind: 'partial', start: 10, end: 19 });
    assert.deepEqual(parseRange('bytes=90-500', 100), { kind: 'partial', start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-10', 100), { kind: 'partial', start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-1000', 100), { kind: 'partial', start: 0, end: 99 });
  });

  it('answers the whole clip for no, several or malformed ranges, and 416 past the end', () => {
    assert.deepEqual(parseRange(undefined, 100), { kind: 'whole' });
    assert.deepEqual(parseRange('bytes=0-1,5-6', 100), { kind: 'whole' });
    assert.deepEqual(parseRange('items=0-1', 100), { kind: 'whole' });
    assert.deepEqual(parseRange('bytes=5-3', 100), { kind: 'whole' });
    assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-0', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=99999999999999999999-', 100), { kind: 'unsatisfiable' });
  });
});

describe('mayActOnClips', () => {
  const e = enrolment();
  const granted = clientCase('case-1');
  const noSupervisorViewing = clientCase('case-1', { consent: { ...granted.consent, supervisor_viewing: { granted: false, recordedAt: '2026-06-01T00:00:00Z' } } });
  const noFilming = clientCase('case-1', { consent: { ...granted.consent, filming: { granted: false, recordedAt: '2026-06-01T00:00:00Z' } } });
  const may = (person: string, action: 'view_clip' | 'upload_clip' | 'delete_clip' | 'comment_clip', c = granted): boolean => mayActOnClips({ enrolment: e, person, action, clientCase: c, now });

  it('lets the trainee and the supervisor view with consent, never the line manager or an outsider', () => {
    assert.equal(may(traineeId, 'view_clip'), true);
    assert.equal(may(supervisorId, 'view_clip'), true);
    assert.equal(may(lineManagerId, 'view_clip'), false);
    assert.equal(may(outsiderId, 'view_clip'), false);
  });

  it('stops the supervisor the moment supervisor viewing is withdrawn, and the trainee when filming is', () => {
    assert.equal(may(supervisorId, 'view_clip', noSupervisorViewing), false);
    assert.equal(may(supervisorId, 'comment_clip', noSupervisorViewing), false);
    assert.equal(may(traineeId, 'view_clip', noSupervisorViewing), true);
    assert.equal(may(traineeId, 'view_clip', noFilming), false);
    assert.equal(may(traineeId, 'upload_clip', noFilming), false);
  });

  it('still lets the trainee delete when consent is withdrawn, and nobody else', () => {
    assert.equal(may(traineeId, 'delete_clip', noFilming), true);
    assert.equal(may(supervisorId, 'delete_clip'), false);
  });
});

describe('retention', () => {
  const ended = clientCase('case-1', { endOfInvolvement: '2026-03-31' });
  it('dates deletion from the end of involvement plus the service months, clamped to month ends', () => {
    assert.equal(clipDeleteAfter(ended, 2), '2026-05-31');
    assert.equal(clipDeleteAfter(clientCase('c', { endOfInvolvement: '2025-12-31' }), 2), '2026-02-28');
    assert.equal(clipDeleteAfter(clientCase('c'), 2), null);
  });

  it('finds clips past their date, skips legal holds and open cases, and always finishes a started deletion', () => {
    const clips = [
      clip('due'),
      clip('held', { legalHold: true }),
      clip('open-case', { caseId: 'case-2' }),
      clip('no-case', { caseId: 'case-missing' }),
      clip('resume', { caseId: 'case-2', legalHold: true, state: 'deleting', deletionStartedAt: '2026-06-01T00:00:00Z', deletionReason: 'requested' }),
    ];
    const due = clipsDueForDeletion({ clips, cases: [ended, clientCase('case-2')], retentionMonthsAfterEnd: 2, today: '2026-06-15' });
    assert.deepEqual(due.map((d) => [d.clipId, d.why]), [['due', 'retention'], ['resume', 'resume']]);
    assert.deepEqual(clipsDueForDeletion({ clips, cases: [ended], retentionMonthsAfterEnd: 3, today: '2026-06-15' }).map((d) => d.clipId), ['resume']);
    assert.deepEqual(clipsDueForDeletion({ clips: [clip('due')], cases: [ended], retentionMonthsAfterEnd: 2, today: '2026-05-31' }).map((d) => d.clipId), ['due']);
    assert.deepEqual(clipsDueForDeletion({ clips: [clip('due')], cases: [ended], retentionMonthsAfterEnd: 2, today: '2026-05-30' }), []);
  });

  it('finds open uploads past their expiry', () => {
    const s = { state: 'open', expiresAt: '2026-06-15T09:00:00Z' } as const;
    assert.equal(expiredUploads([s as never, { ...s, expiresAt: '2026-06-16T00:00:00Z' } as never, { ...s, state: 'committed' } as never], now).length, 1);
  });
});

describe('moments and tags', () => {
  it('warns beyond ten seconds and beyond three moments a cycle, but allows both', () => {
    assert.deepEqual(momentWarnings({ moment: { startMs: 0, endMs: 10_000 }, othersInCycle: 2 }), []);
    assert.deepEqual(momentWarnings({ moment: { startMs: 0, endMs: 10_001 }, othersInCycle: 3 }).map((w) => w.code), ['longer_than_suggested', 'more_than_suggested_in_cycle']);
  });

  it('refuses a moment that ends before it starts or is not in whole milliseconds', () => {
    assert.throws(() => timeRange({ startMs: 5000, endMs: 5000 }), AttuneError);
    assert.throws(() => timeRange({ startMs: 1.5, endMs: 5000 }), AttuneError);
    assert.throws(() => timeRange({ startMs: '0', endMs: 5000 }), AttuneError);
  });

  it('tags with principles and elements of the vocabulary, recording its version', () => {
    const tags = principleTags(['being_attentive', { key: 'guiding', element: 'Scaffolding' }, 'being_attentive'], defaultVocabulary);
    assert.deepEqual(tags, [
      { vocabularyId: 'attuned-interaction', vocabularyVersion: 1, key: 'being_attentive', element: null },
      { vocabularyId: 'attuned-interaction', vocabularyVersion: 1, key: 'guiding', element: 'Scaffolding' },
    ]);
    assert.throws(() => principleTags(['hugging'], defaultVocabulary), AttuneError);
    assert.throws(() => principleTags([{ key: 'guiding', element: 'Waiting' }], defaultVocabulary), AttuneError);
    assert.throws(() => principleTags(new Array(13).fill('guiding'), defaultVocabulary), AttuneError);
  });
});

describe('playback grants', () => {
  const g = newGrant({ clipId: 'c', enrolmentId: 'e', caseId: 'k', person: { tenantId: 't', objectId: 'o' }, personId: 't:o', purpose: 'supervision', now });
  const after = (ms: number): Date => new Date(now.getTime() + ms);

  it('dies after ten idle minutes', () => {
    assert.equal(grantUsable(g, after(grantIdleMs - 1)), true);
    assert.equal(grantUsable(g, after(grantIdleMs)), false);
  });

  it('is pushed on at most once a minute while used, and never past four hours', () => {
    assert.equal(grantExtension(g, after(30_000)), null);
    assert.equal(grantExtension(g, after(61_000)), after(61_000 + grantIdleMs).toISOString());
    let current = g;
    for (let t = 0; t <= grantMaxMs; t += 5 * 60_000) {
      const next = grantExtension(current, after(t));
      if (next) current = { ...current, idleExpiresAt: next };
    }
    assert.equal(grantUsable(current, after(grantMaxMs)), false);
  });

  it('takes the purpose given, or the usual one for the relationship', () => {
    assert.equal(viewPurpose(undefined, ['trainee']), 'own_practice');
    assert.equal(viewPurpose(undefined, ['supervisor']), 'supervision');
    assert.equal(viewPurpose('shared_review', ['trainee']), 'shared_review');
    assert.throws(() => viewPurpose('curiosity', ['supervisor']), AttuneError);
  });
});

describe('display text', () => {
  it('drops folders, control characters and direction overrides from file names', () => {
    assert.equal(clipFileName('../../etc/passwd'), 'passwd');
    assert.equal(clipFileName('C:\\Users\\me\\bath time.mp4'), 'bath time.mp4');
    assert.equal(clipFileName('clip\u202Egpj.exe'), 'clipgpj.exe');
    assert.equal(clipFileName('a\u0000b.mov'), 'ab.mov');
    assert.equal(clipFileName('...'), null);
    assert.equal(Array.from(clipFileName('x'.repeat(5000))!).length, 160);
  });

  it('requires a title and keeps it short and single-line', () => {
    assert.equal(clipTitle('  Bath\n time  '), 'Bath time');
    assert.throws(() => clipTitle(' \u200b '), AttuneError);
    assert.equal(cleanDisplayText('x'.repeat(500), { max: 120 }).length, 120);
  });
});
