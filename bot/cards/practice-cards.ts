import type { CardActionData, CardVerb } from '../../src/contract/cards';
import type { ConsentScope, SupervisionMode } from '../../src/domain/practice';
import type { LawfulBasis } from '../../src/domain/service';
import caseFormTemplate from './case-form.json' with { type: 'json' };
import cycleFormTemplate from './cycle-form.json' with { type: 'json' };
import noticeTemplate from './notice.json' with { type: 'json' };
import supervisionFormTemplate from './supervision-form.json' with { type: 'json' };
import { errorData, type FormErrors } from './form-errors';
import { expand, type AdaptiveCard } from './template';

export type { FormErrors } from './form-errors';

/** A button on a notice: a card action with its data as the contract reads it (so a typo fails to compile), or a link. */
export type CardActionButton = ExecuteButton | { readonly kind: 'link'; readonly title: string; readonly url: string };
type ExecuteButton = { readonly [V in CardVerb]: { readonly kind: 'execute'; readonly title: string; readonly verb: V; readonly data: CardActionData[V] } }[CardVerb];

export interface NoticeCardData {
  /** Attune's own words (rendered as markdown): never a person's text. */
  readonly title: string;
  readonly tone?: 'good' | 'attention' | 'default';
  /** Attune's own words. */
  readonly lines?: readonly string[];
  /** Values may be a person's text: rendered as plain text runs. */
  readonly facts?: readonly { readonly label: string; readonly value: string }[];
  /** A person's text, or messages that quote it: plain text runs. */
  readonly details?: readonly string[];
  readonly actions?: readonly CardActionButton[];
}

/** A short card that says what happened, with what to do next. */
export function renderNoticeCard(data: NoticeCardData): AdaptiveCard {
  const color = data.tone === 'good' ? 'Good' : data.tone === 'attention' ? 'Attention' : 'Default';
  const actions = data.actions ?? [];
  return expand(noticeTemplate, {
    title: data.title,
    color,
    lines: data.lines ?? [],
    facts: data.facts ?? [],
    details: data.details ?? [],
    executes: actions.filter((a) => a.kind === 'execute'),
    links: actions.filter((a) => a.kind === 'link'),
    fallback: [data.title, ...(data.lines ?? [])].join(' '),
  });
}

const lawfulBasisText: Readonly<Record<LawfulBasis, string>> = {
  consent: 'Your service works with families on the basis of their consent (UK GDPR Article 6(1)(a), with explicit consent for video of children).',
  public_task: 'Your service works with families as part of its public task (UK GDPR Article 6(1)(e)); consent to filming is still recorded scope by scope.',
};

export interface CaseFormData {
  readonly submissionId: string;
  readonly today: string;
  readonly lawfulBasis: LawfulBasis;
  readonly values?: { readonly code?: string; readonly openedOn?: string; readonly consent?: Partial<Record<ConsentScope, boolean>> };
  readonly errors?: FormErrors | null;
}

export function renderCaseForm(data: CaseFormData): AdaptiveCard {
  const v = data.values ?? {};
  const consent = (s: ConsentScope): string => String(v.consent?.[s] ?? false);
  return expand(caseFormTemplate, {
    submissionId: data.submissionId,
    today: data.today,
    code: v.code ?? '',
    openedOn: v.openedOn ?? data.today,
    consentFilming: consent('filming'),
    consentSupervisor: consent('supervisor_viewing'),
    consentPeer: consent('peer_intervision'),
    consentTraining: consent('training_use'),
    lawfulBasis: lawfulBasisText[data.lawfulBasis],
    ...errorData(data.errors),
  });
}

export interface CaseChoice {
  readonly id: string;
  readonly code: string;
}

export interface CycleFormData {
  readonly submissionId: string;
  readonly today: string;
  readonly cases: readonly CaseChoice[];
  readonly values?: { readonly caseId?: string; readonly filmedOn?: string; readonly sharedReviewOn?: string };
  readonly errors?: FormErrors | null;
}

export function renderCycleForm(data: CycleFormData): AdaptiveCard {
  const v = data.values ?? {};
  return expand(cycleFormTemplate, {
    submissionId: data.submissionId,
    today: data.today,
    cases: data.cases,
    caseId: v.caseId ?? data.cases[0]?.id ?? '',
    filmedOn: v.filmedOn ?? '',
    sharedReviewOn: v.sharedReviewOn ?? '',
    ...errorData(data.errors),
  });
}

export interface SupervisionFormData {
  readonly submissionId: string;
  readonly today: string;
  readonly cases: readonly CaseChoice[];
  readonly values?: { readonly heldOn?: string; readonly minutes?: number | null; readonly mode?: SupervisionMode | ''; readonly caseIds?: readonly string[] };
  /** The booked supervision the form is filled in from: its id goes with the form, and its day is named ('' if not known). */
  readonly booking?: { readonly plannedId: string; readonly heldOn: string } | null;
  readonly errors?: FormErrors | null;
}

/** The form to log a supervision session; filled in from a booked one, it links the session to it. */
export function renderSupervisionForm(data: SupervisionFormData): AdaptiveCard {
  const v = data.values ?? {};
  return expand(supervisionFormTemplate, {
    submissionId: data.submissionId,
    today: data.today,
    cases: data.cases,
    heldOn: v.heldOn ?? data.today,
    minutes: typeof v.minutes === 'number' && Number.isFinite(v.minutes) ? v.minutes : '',
    mode: v.mode ?? 'teams',
    caseIds: (v.caseIds ?? []).join(','),
    plannedId: data.booking?.plannedId ?? '',
    bookedNote: data.booking ? (data.booking.heldOn ? `From your booked supervision on ${data.booking.heldOn}: check it, then log it.` : 'From your booked supervision: check it, then log it.') : '',
    ...errorData(data.errors),
  });
}
