import { defaultSupervisionMinutes, describeStatus, parties, partyOf, type ContractState, type ContractTerms, type Party } from '../../src/domain/contract';
import { formatMinutes } from '../../src/domain/progress';
import type { PersonId } from '../../src/domain/people';
import type { ContractView } from '../../src/app/contracts/contract-view';
import type { LineManagerProposal } from '../../src/app/contracts/line-manager';
import contractCardTemplate from './contract-card.json' with { type: 'json' };
import contractFormTemplate from './contract-form.json' with { type: 'json' };
import { errorData, type FormErrors } from './form-errors';
import { expand, maxRefreshUserIds, type AdaptiveCard } from './template';

const roleLabel: Readonly<Record<Party, string>> = { trainee: 'Trainee', supervisor: 'Supervisor', line_manager: 'Line manager' };

export interface ContractCardData {
  readonly view: ContractView;
  /** The card is rendered for one party: they see their own Sign button; the others see who has signed. */
  readonly viewer: PersonId;
  readonly banner?: string;
}

function statusOf(state: ContractState, latestVersion: number): { line: string; color: string } {
  switch (state.status) {
    case 'draft':
      return { line: 'Draft: not sent for signatures yet.', color: 'Default' };
    case 'awaiting_signatures': {
      const n = parties.filter((p) => state.signatures[p]).length;
      return { line: `Waiting for signatures: ${n} of 3 signed.`, color: 'Warning' };
    }
    case 'active':
      return { line: `Active since ${state.activatedAt.slice(0, 10)}: all three parties have signed.`, color: 'Good' };
    case 'declined':
      return { line: `Declined by the line manager on ${state.at.slice(0, 10)}. Propose changes to send a new version.`, color: 'Attention' };
    case 'ended':
      return state.reason === 'superseded'
        ? { line: `Superseded by version ${latestVersion}. This version is kept for reference.`, color: 'Default' }
        : { line: `Ended on ${state.endedAt.slice(0, 10)} (${state.reason === 'completed' ? 'training completed' : 'change of role'}).`, color: 'Default' };
  }
}

function termLines(t: ContractTerms): { label: string; value: string }[] {
  return [
    { label: 'Starts on', value: t.startsOn },
    { label: 'Expected duration', value: `${t.expectedMonths} months` },
    { label: 'Protected time', value: `${formatMinutes(t.protectedMinutesPerWeek)} a week` },
    { label: 'Supervision booked', value: `${formatMinutes(t.supervisionMinutes ?? defaultSupervisionMinutes)}, ${t.supervisionCadence ?? 'monthly'}` },
    { label: 'Access to suitable cases', value: t.caseAccess },
    { label: 'Supervision arrangements', value: t.supervisionArrangements },
    { label: 'Equipment and secure storage', value: t.equipmentAndStorage },
    { label: 'Information governance duties', value: t.informationGovernance },
    { label: 'AVIGuk registration', value: t.avigukRegistration ? 'The trainee registers with AVIGuk.' : 'Not part of this contract.' },
    { label: 'On a change of role', value: t.changeOfRole },
  ];
}

/** One version of the VIG contract, as one party sees it. */
export function renderContractCard(data: ContractCardData): AdaptiveCard {
  const { view } = data;
  const c = view.contract;
  const state = c.state;
  const party = partyOf(c, data.viewer);
  const latest = c.version === view.latestVersion;
  const signatures = state.status === 'draft' ? {} : state.signatures;
  const status = statusOf(state, view.latestVersion);
  const signedByViewer = party !== null && Boolean(signatures[party]);
  const awaiting = latest && state.status === 'awaiting_signatures';
  let viewerNote = '';
  if (party && awaiting) viewerNote = signedByViewer ? `You signed on ${signatures[party]!.slice(0, 10)}. Everyone’s copy updates as the others sign.` : 'Your signature is needed.';
  return expand(contractCardTemplate, {
    banner: data.banner ?? '',
    title: `VIG contract · version ${c.version}`,
    enrolmentId: view.enrolmentId,
    version: c.version,
    traineeName: view.names.trainee,
    statusLine: status.line,
    statusColor: status.color,
    declineReason: state.status === 'declined' ? state.reason : '',
    signatures: parties.map((p) => ({
      role: roleLabel[p],
      name: view.names[p],
      state: signatures[p] ? `signed ${signatures[p].slice(0, 10)}` : state.status === 'declined' && p === 'line_manager' ? 'declined' : 'not signed yet',
      color: signatures[p] ? 'Good' : 'Default',
    })),
    viewerNote,
    terms: termLines(c.terms),
    versions: view.versions.filter((v) => v.version !== c.version).map((v) => ({ version: v.version, title: `Version ${v.version} (${describeStatus(v.status)})` })),
    canSign: awaiting && party !== null && !signedByViewer,
    canDecline: awaiting && party === 'line_manager',
    canEdit: latest && party !== null && state.status !== 'ended',
    showLatest: !latest,
    // Only the latest version refreshes itself: an old version stays what it is when someone opens it.
    userIds: latest ? parties.map((p) => view.channelUserIds[p]).filter((id): id is string => Boolean(id)).slice(0, maxRefreshUserIds) : [],
    fallback: `VIG contract, version ${c.version}: ${status.line} Open it in a newer Teams client, or type contract.`,
  });
}

export interface ContractFormData {
  readonly mode: 'create' | 'revise';
  readonly enrolmentId: string;
  /** The version being revised (0 when drafting the first). */
  readonly version: number;
  readonly terms: { readonly [K in keyof ContractTerms]?: ContractTerms[K] | string };
  readonly errors?: FormErrors | null;
  /** Drafting only: the line manager proposed to sign (from the directory), and the trainee's choice so far. */
  readonly lineManager?: { readonly proposal: LineManagerProposal; readonly chosen?: PersonId | null };
}

export function renderContractForm(data: ContractFormData): AdaptiveCard {
  const t = data.terms;
  const number = (v: unknown): number | '' => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : '');
  return expand(contractFormTemplate, {
    title: data.mode === 'create' ? 'Draft your VIG contract' : `Propose changes to version ${data.version}`,
    intro:
      data.mode === 'create'
        ? 'The contract between you, your supervisor and your line manager. When you send it, all three of you get it to sign.'
        : 'Your changes make a new version that all three parties sign again. The current version stays readable.',
    submitTitle: data.mode === 'create' ? 'Send for signatures' : 'Send the new version',
    verb: data.mode === 'create' ? 'contract.create' : 'contract.revise',
    enrolmentId: data.enrolmentId,
    version: data.version,
    startsOn: String(t.startsOn ?? ''),
    expectedMonths: number(t.expectedMonths),
    protectedMinutesPerWeek: number(t.protectedMinutesPerWeek),
    supervisionMinutes: number(t.supervisionMinutes ?? defaultSupervisionMinutes),
    supervisionCadence: String(t.supervisionCadence ?? 'monthly'),
    caseAccess: String(t.caseAccess ?? ''),
    supervisionArrangements: String(t.supervisionArrangements ?? ''),
    equipmentAndStorage: String(t.equipmentAndStorage ?? ''),
    informationGovernance: String(t.informationGovernance ?? ''),
    changeOfRole: String(t.changeOfRole ?? ''),
    avigukRegistration: String(t.avigukRegistration === true || t.avigukRegistration === 'true'),
    ...lineManagerData(data.lineManager),
    ...errorData(data.errors),
  });
}

/** The proposal's words, and the two people to choose from when the directory names someone else Attune knows. */
function lineManagerData(lineManager: ContractFormData['lineManager']): { lineManagerNote: string; lineManagerChoices: { title: string; value: string }[]; lineManagerId: string } {
  if (!lineManager) return { lineManagerNote: '', lineManagerChoices: [], lineManagerId: '' };
  const p = lineManager.proposal;
  const choices =
    p.kind === 'choose'
      ? [
          { title: `${p.enrolment.displayName} (your line manager in Attune)`, value: p.enrolment.id },
          { title: `${p.directory.displayName} (your manager in your organisation's directory)`, value: p.directory.id },
        ]
      : [];
  const chosen = lineManager.chosen && choices.some((c) => c.value === lineManager.chosen) ? lineManager.chosen : (choices[0]?.value ?? '');
  return { lineManagerNote: p.note, lineManagerChoices: choices, lineManagerId: chosen };
}
