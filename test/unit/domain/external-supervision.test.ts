import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import { AttuneError, type ErrorCode } from '../../../src/domain/errors';
import {
  accept,
  accessOf,
  awaitsEmail,
  emailFromClaims,
  end,
  invitee,
  isLive,
  maxSharedClips,
  newInvitation,
  normaliseEmail,
  revoke,
  share,
  type ExternalSupervisorInvitation,
} from '../../../src/domain/external-supervision';
import { mayAct, relationshipsTo } from '../../../src/domain/permissions';
import type { Enrolment } from '../../../src/domain/practice';

const fails = (code: ErrorCode) => (e: unknown): boolean => e instanceof AttuneError && e.code === code;
const now = new Date('2026-03-01T10:00:00.000Z');
const later = (days: number): Date => new Date(now.getTime() + days * 86_400_000);
const enrolment: Enrolment = { id: 'enr-1', serviceId: 's', traineeId: 't:trainee', supervisorId: 't:supervisor', lineManagerId: 't:manager', pathway: { id: 'aviguk', version: 1 }, startedOn: '2025-06-01' };
const guest = 't:guest';

const invite = (extra: { email?: unknown; until?: string | null } = {}): ExternalSupervisorInvitation =>
  newInvitation({ enrolmentId: enrolment.id, stage: 2, meetingKind: 'transition', email: 'Lynne.Robinson@AVIGuk.example ', invitedBy: enrolment.supervisorId, now, ...extra });

describe('external supervision', () => {
  describe('normaliseEmail', () => {
    it('trims and lower-cases an email address', () => {
      assert.equal(normaliseEmail('  Lynne.Robinson@AVIGuk.Example '), 'lynne.robinson@aviguk.example');
    });
    for (const bad of ['', 'lynne', 'lynne@', '@aviguk.example', 'lynne@aviguk', 'ly nne@aviguk.example', 'a..b@aviguk.example', '<script>@x.example', `${'a'.repeat(250)}@x.example`, 42, null]) {
      it(`refuses ${JSON.stringify(bad)?.slice(0, 30)}`, () => assert.equal(normaliseEmail(bad), null));
    }
  });

  describe('emailFromClaims', () => {
    it('prefers email, then preferred_username, then upn', () => {
      assert.equal(emailFromClaims({ email: 'A@x.example', preferred_username: 'b@x.example' }), 'a@x.example');
      assert.equal(emailFromClaims({ preferred_username: 'B@x.example', upn: 'c@x.example' }), 'b@x.example');
      assert.equal(emailFromClaims({ upn: 'c@x.example' }), 'c@x.example');
    });
    it('skips a claim that is not an email address (a guest’s #EXT# upn)', () => {
      assert.equal(emailFromClaims({ preferred_username: 'Lynne Robinson', upn: 'lynne_aviguk.example#EXT#@contoso.onmicrosoft.com' }), null);
    });
  });

  describe('newInvitation', () => {
    it('keeps the email normalised, the inviter, and a window of 90 days by default', () => {
      const i = invite();
      assert.equal(i.email, 'lynne.robinson@aviguk.example');
      assert.equal(i.id, 'stage-2');
      assert.equal(i.invitedBy, enrolment.supervisorId);
      assert.equal(i.until, later(90).toISOString());
      assert.deepEqual(i.status, { kind: 'invited' });
      assert.deepEqual(i.sharedClipIds, []);
    });
    it('closes at the end of an explicit until date', () => {
      assert.equal(invite({ until: '2026-03-10' }).until, '2026-03-11T00:00:00.000Z');
    });
    it('refuses an until date past 90 days, in the past or malformed', () => {
      assert.throws(() => invite({ until: '2026-06-15' }), fails('invalid_input'));
      assert.throws(() => invite({ until: '2026-02-27' }), fails('invalid_input'));
      assert.throws(() => invite({ until: 'next week' }), fails('invalid_input'));
    });
    it('refuses something that is not an email address', () => {
      assert.throws(() => invite({ email: 'lynne' }), fails('invalid_input'));
    });
  });

  describe('the invitation’s life', () => {
    it('gives no access until it is accepted, then access to its enrolment only, for its window', () => {
      const i = invite();
      assert.equal(accessOf(i, now), null);
      const accepted = accept(i, { personId: guest, now });
      const access = accessOf(accepted, now)!;
      assert.deepEqual(relationshipsTo({ enrolment, person: guest, invites: [access], now }), ['external_supervisor']);
      assert.deepEqual(relationshipsTo({ enrolment: { ...enrolment, id: 'enr-2' }, person: guest, invites: [access], now }), []);
      assert.equal(accessOf(accepted, later(91)), null);
      assert.equal(isLive(accepted, later(91)), false);
    });
    it('lets the external supervisor view the stage summary and sign off, never the practice record or contracts', () => {
      const access = accessOf(accept(invite(), { personId: guest, now }), now)!;
      const may = (action: Parameters<typeof mayAct>[0]['action']): boolean => mayAct({ enrolment, person: guest, action, invites: [access], now });
      assert.equal(may('view_stage_summary'), true);
      assert.equal(may('sign_off_stage'), true);
      assert.equal(may('view_clip'), true);
      for (const action of ['view_practice', 'view_contract', 'write_record', 'cosign_record', 'upload_clip', 'invite_external_supervisor', 'view_external_supervisors', 'share_clips_for_meeting'] as const) assert.equal(may(action), false, action);
    });
    it('matches a waiting invitation by email, whatever its case, and only while invited', () => {
      const i = invite();
      assert.equal(awaitsEmail(i, 'LYNNE.robinson@aviguk.example', now), true);
      assert.equal(awaitsEmail(i, 'someone@aviguk.example', now), false);
      assert.equal(awaitsEmail(accept(i, { personId: guest, now }), 'lynne.robinson@aviguk.example', now), false);
      assert.equal(awaitsEmail(i, 'lynne.robinson@aviguk.example', later(91)), false);
    });
    it('is accepted once', () => {
      const accepted = accept(invite(), { personId: guest, now });
      assert.throws(() => accept(accepted, { personId: 't:other', now }), fails('invalid_state'));
    });
    it('stops access at once when revoked, and keeps who it belonged to', () => {
      const revoked = revoke(accept(invite(), { personId: guest, now }), { by: enrolment.supervisorId, now });
      assert.equal(accessOf(revoked, now), null);
      assert.equal(invitee(revoked), guest);
      assert.throws(() => revoke(revoked, { by: enrolment.supervisorId, now }), fails('invalid_state'));
      assert.throws(() => accept(revoked, { personId: guest, now }), fails('invalid_state'));
    });
    it('ends with the sign-off', () => {
      const ended = end(accept(invite(), { personId: guest, now }), now);
      assert.equal(accessOf(ended, now), null);
      assert.equal(ended.status.kind, 'ended');
      assert.throws(() => end(invite(), now), fails('invalid_state'));
    });
  });

  describe('share', () => {
    it('replaces the shared set, without duplicates', () => {
      const i = share(share(invite(), { clipIds: ['a', 'b', 'a'], now }), { clipIds: ['c'], now });
      assert.deepEqual(i.sharedClipIds, ['c']);
    });
    it('refuses too many clips, and a closed invitation', () => {
      assert.throws(() => share(invite(), { clipIds: Array.from({ length: maxSharedClips + 1 }, (_, k) => `c${k}`), now }), fails('invalid_input'));
      assert.throws(() => share(revoke(invite(), { by: 'x', now }), { clipIds: ['a'], now }), fails('invalid_state'));
    });
  });
});
