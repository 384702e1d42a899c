import { addDays, addMonths, toIsoDate, type IsoDate } from '../domain/dates';
import { avigukPreset, pathwayPresets } from '../domain/pathway';
import { consentScopes, type Case, type ConsentScope, type Cycle, type Enrolment, type StageMeeting, type SupervisionSession } from '../domain/practice';
import { personId, type Person } from '../domain/people';
import { type ServiceSettings } from '../domain/service';
import { AttuneError } from '../domain/errors';
import { newInvitation, type ExternalSupervisorInvitation } from '../domain/external-supervision';
import type { Repository } from '../ports/data-store';
import type { AppDeps } from './deps';
import type { Contract } from '../domain/contract';
import { defaultContractTerms } from '../domain/contract-terms';
import { defaultVocabulary } from '../domain/principles';
import type { SupervisionRecord } from '../domain/supervision-record';
import { contractId } from './contracts/contract-view';

/**
 * The demo service seeded on a development machine's first start. Its tenant and first trainee are the
 * Microsoft 365 Agents Playground's default tenant and user, so `progress` in the Playground shows real
 * demo progress.
 */
export const demoTenantId = '00000000-0000-0000-0000-0000000000001';
/** The Playground's current user (Alex Wilber) and its other mock users, given roles in the demo service. */
export const demoPeople = {
  trainee: { objectId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' },
  secondTrainee: { objectId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' },
  supervisor: { objectId: '00000000-0000-0000-0000-0000000000022', displayName: 'Adele Vance' },
  lineManager: { objectId: '00000000-0000-0000-0000-0000000000023', displayName: 'Isaiah Langer' },
  admin: { objectId: '00000000-0000-0000-0000-0000000000024', displayName: 'Patti Fernandez' },
} as const;

export const demoServiceId = 'demo-service';

/**
 * The demo external supervisor: an AVIGuk supervisor from outside the organisation (in Teams, a guest of the
 * tenant), invited to Alex's stage 2 transition meeting and already signed in once, so the development sign-in
 * shows the guest's view. Kept apart from `demoPeople`, who are the service's own staff.
 */
export const demoExternalSupervisor = { objectId: '00000000-0000-0000-0000-0000000000025', displayName: 'Lynne Robinson (AVIGuk)', email: 'lynne.robinson@aviguk.example' } as const;

/** Who manages whom in the demo directory: the line manager of both trainees, as Entra would say. */
export const demoManagers = (['trainee', 'secondTrainee'] as const).map((key) => ({
  person: { tenantId: demoTenantId, objectId: demoPeople[key].objectId },
  manager: { tenantId: demoTenantId, objectId: demoPeople.lineManager.objectId },
  displayName: demoPeople.lineManager.displayName,
}));

const demoPerson = (key: keyof typeof demoPeople): Person => {
  const p = demoPeople[key];
  return { id: personId({ tenantId: demoTenantId, objectId: p.objectId }), tenantId: demoTenantId, objectId: p.objectId, displayName: p.displayName };
};

/** Seeds the demo service once; a second call finds it and changes nothing. Returns whether it seeded. */
export async function seedDemo(deps: AppDeps): Promise<boolean> {
  const r = deps.store;
  if (await r.services.get({ partition: 'service', id: demoServiceId })) return false;
  const now = deps.clock.now();
  const today = toIsoDate(now);
  // Fixed ids in a fixed order, and create-if-missing: a seed cut short by a crash completes on the next start.
  let n = 0;
  const id = (): string => `demo-${String(++n).padStart(4, '0')}`;
  const put = async <T>(repo: Repository<T>, value: T): Promise<void> => {
    try {
      await repo.create(value);
    } catch (e) {
      if (!(e instanceof AttuneError && e.code === 'conflict')) throw e;
    }
  };

  for (const preset of pathwayPresets) await put(r.pathways, preset);
  const people = { trainee: demoPerson('trainee'), second: demoPerson('secondTrainee'), supervisor: demoPerson('supervisor'), manager: demoPerson('lineManager'), admin: demoPerson('admin') };
  for (const p of Object.values(people)) await put(r.people, p);

  const enrol = (trainee: Person, startedOn: IsoDate): Enrolment => ({
    id: id(),
    serviceId: demoServiceId,
    traineeId: trainee.id,
    supervisorId: people.supervisor.id,
    lineManagerId: people.manager.id,
    pathway: { id: avigukPreset.id, version: avigukPreset.version },
    startedOn,
  });
  const consent = (granted: readonly ConsentScope[]): Case['consent'] =>
    Object.fromEntries(consentScopes.map((s) => [s, { granted: granted.includes(s), recordedAt: now.toISOString() }])) as Case['consent'];

  // Alex: eight months in, stage 1 signed off at six months, partway through stage 2.
  const alexStart = addMonths(today, -8);
  const alex = enrol(people.trainee, alexStart);
  const alexCases: Case[] = ['FAM-0142', 'FAM-0157', 'FAM-0163', 'FAM-0171'].map((code, i) => ({
    id: id(),
    enrolmentId: alex.id,
    code,
    lawfulBasis: 'public_task',
    consent: consent(i === 3 ? ['filming'] : ['filming', 'supervisor_viewing', 'peer_intervision']),
    openedOn: addDays(alexStart, 7 + i * 40),
  }));
  const cycle = (c: Case, filmedOn: IsoDate, reviewed: boolean): Cycle => ({ id: id(), enrolmentId: c.enrolmentId, caseId: c.id, filmedOn, ...(reviewed ? { sharedReviewOn: addDays(filmedOn, 7) } : {}) });
  const [c1, c2, c3, c4] = alexCases as [Case, Case, Case, Case];
  const alexCycles = [
    ...[0, 1, 2].map((k) => cycle(c1, addDays(alexStart, 14 + k * 21), true)),
    ...[0, 1, 2].map((k) => cycle(c2, addDays(alexStart, 60 + k * 21), true)),
    ...[0, 1].map((k) => cycle(c3, addDays(alexStart, 200 + k * 14), true)),
    cycle(c4, addDays(today, -10), false),
  ];
  const session = (e: Enrolment, heldOn: IsoDate, minutes: number): SupervisionSession => ({ id: id(), enrolmentId: e.id, heldOn, minutes, mode: 'teams', caseIds: [], clipIds: [] });
  const alexSessions = [...[0, 1, 2, 3, 4, 5, 6].map((k) => session(alex, addDays(alexStart, 20 + k * 22), 60)), session(alex, addDays(alexStart, 195), 90), session(alex, addDays(alexStart, 225), 90)];
  const signOff: StageMeeting = { id: id(), enrolmentId: alex.id, stage: 1, kind: 'transition', heldOn: addDays(alexStart, 185), minutes: 60, outcome: 'signed_off' };

  // Megan: two months in, one family, early days.
  const meganStart = addMonths(today, -2);
  const megan = enrol(people.second, meganStart);
  const meganCase: Case = { id: id(), enrolmentId: megan.id, code: 'FAM-0201', lawfulBasis: 'public_task', consent: consent(['filming', 'supervisor_viewing']), openedOn: addDays(meganStart, 5) };
  const meganCycles = [cycle(meganCase, addDays(meganStart, 12), true), cycle(meganCase, addDays(meganStart, 33), true)];
  const meganSessions = [session(megan, addDays(meganStart, 20), 60), session(megan, addDays(meganStart, 45), 90)];

  for (const e of [alex, megan]) await put(r.enrolments, e);
  for (const c of [...alexCases, meganCase]) await put(r.cases, c);
  for (const c of [...alexCycles, ...meganCycles]) await put(r.cycles, c);
  for (const s of [...alexSessions, ...meganSessions]) await put(r.supervision, s);
  await put(r.meetings, signOff);

  // Contracts: Alex's is active; Megan's waits for her supervisor and line manager, who see a Sign button.
  const parties = (e: Enrolment): Contract['parties'] => ({ trainee: e.traineeId, supervisor: e.supervisorId, line_manager: e.lineManagerId });
  const signedAt = (date: IsoDate): string => `${date}T09:00:00.000Z`;
  const alexSigned = { trainee: signedAt(alexStart), supervisor: signedAt(alexStart), line_manager: signedAt(addDays(alexStart, 2)) };
  await put(r.contracts, { id: contractId(1), enrolmentId: alex.id, version: 1, parties: parties(alex), terms: defaultContractTerms(alexStart), state: { status: 'active', signatures: alexSigned, activatedAt: alexSigned.line_manager } });
  await put(r.contracts, { id: contractId(1), enrolmentId: megan.id, version: 1, parties: parties(megan), terms: defaultContractTerms(meganStart), state: { status: 'awaiting_signatures', signatures: { trainee: signedAt(meganStart) } } });
  // Alex's latest supervision has a record waiting for Adele's co-signature.
  const lastSession = alexSessions[alexSessions.length - 1]!;
  await put(r.supervisionRecords, {
    id: lastSession.id,
    enrolmentId: alex.id,
    sessionId: lastSession.id,
    revision: 1,
    vocabulary: { id: defaultVocabulary.id, version: defaultVocabulary.version },
    content: {
      learningQuestion: 'How can I give the parent more time to notice their own initiatives in the shared review?',
      whatWasWorking: 'Waiting after each clip and asking what they saw; the parent named their own turn-taking.',
      principles: ['being_attentive', 'deepening_discussion'],
      learningPoints: 'Pausing longer lets the parent lead; I filled silences less than last time.',
      nextSteps: 'Pick moments where the parent receives the child’s initiative; plan open questions.',
      consentConfirmed: true,
    },
    state: { status: 'awaiting_cosign', submittedAt: signedAt(addDays(lastSession.heldOn, 1)) },
  } satisfies SupervisionRecord);

  // Lynne, the external supervisor, invited by Adele to Alex's stage 2 transition meeting; she has signed in once.
  const lynne: Person = { id: personId({ tenantId: demoTenantId, objectId: demoExternalSupervisor.objectId }), tenantId: demoTenantId, objectId: demoExternalSupervisor.objectId, displayName: demoExternalSupervisor.displayName };
  await put(r.people, lynne);
  const invitedAt = new Date(now.getTime() - 3 * 86_400_000);
  await put(r.externalSupervisors, {
    ...newInvitation({ enrolmentId: alex.id, stage: 2, meetingKind: 'transition', email: demoExternalSupervisor.email, invitedBy: people.supervisor.id, now: invitedAt }),
    status: { kind: 'accepted', personId: lynne.id, acceptedAt: new Date(invitedAt.getTime() + 3_600_000).toISOString() },
  } satisfies ExternalSupervisorInvitation);

  // The service record goes last: its presence is what says "seeded".
  const service: ServiceSettings = { id: demoServiceId, name: 'Demo Family Support Service', lawfulBasis: 'public_task', retentionMonthsAfterEnd: 2, pathway: { id: avigukPreset.id, version: avigukPreset.version }, admins: [people.admin.id] };
  await put(r.services, service);
  return true;
}
