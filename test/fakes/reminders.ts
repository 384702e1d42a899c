// Builders for the records reminders are derived from.
import type { Clip, UploadSession } from '../../src/domain/clips/clip';
import type { PersonId } from '../../src/domain/people';
import type { ServiceSettings } from '../../src/domain/service';
import { newLayout } from '../../src/domain/clips/format';
import type { Contract, Signatures } from '../../src/domain/contract';
import { defaultContractTerms } from '../../src/domain/contract-terms';
import type { PlannedSupervision } from '../../src/domain/scheduling/planned-supervision';
import { lineManagerId, supervisorId, traineeId } from './domain-builders';

export const adminId: PersonId = `${traineeId.split(':')[0]}:admin`;

export const reminderFacts = {
  service(o: Partial<ServiceSettings> = {}): ServiceSettings {
    return { id: 'service-1', name: 'A VIG service', lawfulBasis: 'consent', retentionMonthsAfterEnd: 2, pathway: { id: 'aviguk', version: 1 }, admins: [adminId], ...o };
  },
  clip(o: { id: string; caseId?: string; legalHoldSince?: string; enrolmentId?: string; uploadedAt?: string }): Clip {
    const u = reminderFacts.upload({ id: o.id, startedAt: o.uploadedAt ?? '2026-03-02T09:00:00.000Z', ...(o.enrolmentId ? { enrolmentId: o.enrolmentId } : {}) });
    return {
      id: o.id,
      enrolmentId: u.enrolmentId,
      caseId: o.caseId ?? 'c1',
      cycleId: null,
      kind: 'client_interaction',
      title: 'A clip',
      fileName: null,
      mediaType: 'video/mp4',
      layout: u.layout,
      uploadedBy: traineeId,
      uploadedAt: u.startedAt,
      legalHold: o.legalHoldSince !== undefined,
      ...(o.legalHoldSince ? { legalHoldSince: o.legalHoldSince } : {}),
      state: 'available',
    };
  },
  upload(o: { id: string; startedAt: string; expiresAt?: string; state?: 'open' | 'committed'; enrolmentId?: string }): UploadSession {
    const base = {
      id: o.id,
      enrolmentId: o.enrolmentId ?? 'enrolment-1',
      caseId: 'case-1',
      cycleId: null,
      kind: 'client_interaction' as const,
      title: 'A clip',
      fileName: null,
      clipId: `clip-${o.id}`,
      layout: newLayout({ size: 10_000_000, storageName: `0123456789abcdef${o.id.replace(/[^a-z0-9]/g, '')}` }),
      uploadedBy: traineeId,
      startedAt: o.startedAt,
      expiresAt: o.expiresAt ?? new Date(Date.parse(o.startedAt) + 6 * 86_400_000).toISOString(),
      mediaType: null,
    };
    return o.state === 'committed' ? { ...base, state: 'committed', committedAt: o.startedAt } : { ...base, state: 'open' };
  },
  planned(o: { id: string; start: string; end: string; enrolmentId?: string }): PlannedSupervision {
    return {
      id: o.id,
      enrolmentId: o.enrolmentId ?? 'enrolment-1',
      kind: 'supervision',
      window: { start: o.start, end: o.end },
      organiserId: supervisorId,
      attendeeIds: [traineeId],
      guestCount: 0,
      bookedBy: traineeId,
      bookingId: `b-${o.id}`,
      seriesIndex: 0,
      cadence: null,
      attempt: 0,
      state: { status: 'booked', eventId: `ev-${o.id}`, joinUrl: null, bookedAt: o.start },
      checkedAt: null,
    };
  },
  /** A contract all three signed (from 15 May 2026 unless the terms say otherwise; monthly supervision; no protected time unless given). */
  activeContract(o: { version?: number; enrolmentId?: string; terms?: Partial<Contract['terms']> } = {}): Contract {
    const at = '2026-05-01T09:00:00.000Z';
    const c = reminderFacts.contract({ signatures: {}, ...o });
    return { ...c, terms: { ...c.terms, startsOn: '2026-05-15', protectedMinutesPerWeek: 0, ...o.terms }, state: { status: 'active', signatures: { trainee: at, supervisor: at, line_manager: at }, activatedAt: at } };
  },
  draftContract(o: { version?: number; enrolmentId?: string } = {}): Contract {
    return { ...reminderFacts.contract({ signatures: {}, ...o }), state: { status: 'draft' } };
  },
  contract(o: { signatures: Signatures; version?: number; enrolmentId?: string }): Contract {
    return {
      id: `contract-v${o.version ?? 1}`,
      enrolmentId: o.enrolmentId ?? 'enrolment-1',
      version: o.version ?? 1,
      parties: { trainee: traineeId, supervisor: supervisorId, line_manager: lineManagerId },
      terms: defaultContractTerms('2026-05-01'),
      state: { status: 'awaiting_signatures', signatures: o.signatures },
    };
  },
};
