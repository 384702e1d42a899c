import { practiceOptions, type PracticeOptions } from '../../src/app/practice/practice-options';
import { recordCase } from '../../src/app/practice/record-case';
import { recordCycle, recordSharedReview } from '../../src/app/practice/record-cycle';
import { recordSupervisionSession } from '../../src/app/practice/record-supervision';
import { myTraineeEnrolment } from '../../src/app/practice/trainee-enrolment';
import type { CaseRef } from '../../src/app/practice/find-case';
import { normaliseCaseCode } from '../../src/domain/case-code';
import { formatMinutes } from '../../src/domain/progress';
import { consentScopes, type Case, type ConsentScope, type Cycle, type SupervisionMode, type SupervisionSession } from '../../src/domain/practice';
import type { Outcome } from '../../src/domain/submission';
import type { CardActionData } from '../card-actions';
import { renderCaseForm, renderCycleForm, renderNoticeCard, renderSupervisionForm } from '../cards/practice-cards';
import { formatDay } from '../cards/local-time';
import type { AdaptiveCard } from '../cards/template';
import type { ParsedCommand } from '../commands';
import { uploadLink } from '../links';
import { newSubmissionId, orForm, sendCard, todayOf, type Turn } from '../turn';

type LogCase = Extract<ParsedCommand, { name: 'log case' }>;
type LogCycle = Extract<ParsedCommand, { name: 'log cycle' }>;
type LogSupervision = Extract<ParsedCommand, { name: 'log supervision' }>;

const parseProblems = (problems: readonly string[]) => (problems.length ? { heading: 'I could not read all of that, so here is the form.', problems } : null);
const consentLabel: Readonly<Record<ConsentScope, string>> = { filming: 'filming', supervisor_viewing: 'supervisor viewing', peer_intervision: 'peer intervision', training_use: 'training use' };
const modeLabel: Readonly<Record<SupervisionMode, string>> = { in_person: 'in person', teams: 'on Teams' };
const alreadyDone = 'This was sent before, so nothing changed.';

// ---- cases ----------------------------------------------------------------------------------------------

interface CaseValues {
  readonly submissionId: string;
  readonly code: string;
  readonly openedOn: string;
  readonly consent: Readonly<Record<ConsentScope, boolean>>;
}

/** `log case …`: records it when the code and consent are all there, otherwise answers with the form. */
export async function logCaseCommand(turn: Turn, cmd: LogCase): Promise<void> {
  const consent = Object.fromEntries(consentScopes.map((s) => [s, cmd.consent?.includes(s) ?? false])) as Record<ConsentScope, boolean>;
  const values: CaseValues = { submissionId: newSubmissionId(turn), code: cmd.code ?? '', openedOn: todayOf(turn), consent };
  if (cmd.code !== null && cmd.consent !== null && cmd.problems.length === 0) {
    await sendCard(turn.context, await submitCase(turn, values));
    return;
  }
  const options = await practiceOptions(turn.app, { actor: turn.actor });
  await sendCard(turn.context, renderCaseForm({ submissionId: values.submissionId, today: options.today, lawfulBasis: options.lawfulBasis, values, errors: parseProblems(cmd.problems) }));
}

export async function caseFormAction(turn: Turn): Promise<AdaptiveCard> {
  const options = await practiceOptions(turn.app, { actor: turn.actor });
  return renderCaseForm({ submissionId: newSubmissionId(turn), today: options.today, lawfulBasis: options.lawfulBasis });
}

export async function caseSubmitAction(turn: Turn, data: CardActionData['case.submit']): Promise<AdaptiveCard> {
  const consent = { filming: data.consentFilming, supervisor_viewing: data.consentSupervisor, peer_intervision: data.consentPeer, training_use: data.consentTraining } satisfies Record<ConsentScope, boolean>;
  return submitCase(turn, { submissionId: data.submissionId, code: data.code, openedOn: data.openedOn, consent });
}

async function submitCase(turn: Turn, v: CaseValues): Promise<AdaptiveCard> {
  return orForm(
    async () => caseNotice(await recordCase(turn.app, { actor: turn.actor, submissionId: v.submissionId, case: { code: v.code, consent: v.consent, openedOn: v.openedOn } })),
    async (errors) => {
      const options = await practiceOptions(turn.app, { actor: turn.actor });
      return renderCaseForm({ submissionId: v.submissionId, today: options.today, lawfulBasis: options.lawfulBasis, values: v, errors });
    },
  );
}

function caseNotice(outcome: Outcome<Case>): AdaptiveCard {
  const c = outcome.value;
  const granted = consentScopes.filter((s) => c.consent[s].granted).map((s) => consentLabel[s]);
  return renderNoticeCard({
    title: outcome.kind === 'changed' ? 'Case recorded' : 'Already recorded',
    tone: 'good',
    lines: outcome.kind === 'changed' ? [`Consent is recorded scope by scope; the lawful basis (${c.lawfulBasis === 'consent' ? 'consent' : 'public task'}) comes from your service’s settings.`] : [alreadyDone],
    facts: [
      { label: 'Case code', value: c.code },
      { label: 'Opened on', value: c.openedOn },
      { label: 'Consent given for', value: granted.length ? granted.join(', ') : 'nothing yet' },
    ],
    actions: c.consent.filming.granted ? [{ kind: 'execute', title: 'Log a cycle for this case', verb: 'cycle.form', data: { caseId: c.id } }] : [],
  });
}

// ---- cycles ---------------------------------------------------------------------------------------------

/** `log cycle …`: with a filming date it is logged; with only a review date the open cycle gets it; else the form. */
export async function logCycleCommand(turn: Turn, cmd: LogCycle): Promise<void> {
  const submissionId = newSubmissionId(turn);
  if (cmd.code !== null && cmd.problems.length === 0 && cmd.filmedOn !== null) {
    await sendCard(turn.context, await submitCycle(turn, { submissionId, case: { code: cmd.code }, filmedOn: cmd.filmedOn, sharedReviewOn: cmd.reviewedOn ?? '' }));
    return;
  }
  if (cmd.code !== null && cmd.problems.length === 0 && cmd.reviewedOn !== null) {
    const { code, reviewedOn } = cmd;
    const card = await orForm(
      async () => cycleNotice(await recordSharedReview(turn.app, { actor: turn.actor, case: { code }, sharedReviewOn: reviewedOn })),
      async (errors) => cycleForm(turn, { submissionId, case: { code }, filmedOn: '', sharedReviewOn: reviewedOn }, errors),
    );
    await sendCard(turn.context, card);
    return;
  }
  const ref = cmd.code !== null ? { code: cmd.code } : null;
  await sendCard(turn.context, await cycleForm(turn, { submissionId, case: ref, filmedOn: cmd.filmedOn ?? '', sharedReviewOn: cmd.reviewedOn ?? '' }, parseProblems(cmd.problems)));
}

interface CycleValues {
  readonly submissionId: string;
  readonly case: CaseRef | null;
  readonly filmedOn: string;
  readonly sharedReviewOn: string;
}

async function cycleForm(turn: Turn, v: CycleValues, errors: { heading: string; problems: readonly string[] } | null): Promise<AdaptiveCard> {
  const options = await practiceOptions(turn.app, { actor: turn.actor });
  if (options.cases.length === 0) return noCasesYet();
  return renderCycleForm({ submissionId: v.submissionId, today: options.today, cases: options.cases, values: { caseId: caseIdIn(options, v.case), filmedOn: v.filmedOn, sharedReviewOn: v.sharedReviewOn }, errors });
}

function caseIdIn(options: PracticeOptions, ref: CaseRef | null): string {
  if (!ref) return options.cases[0]?.id ?? '';
  if ('caseId' in ref) return options.cases.some((c) => c.id === ref.caseId) ? ref.caseId : (options.cases[0]?.id ?? '');
  const code = normaliseCaseCode(ref.code);
  return options.cases.find((c) => c.code === code)?.id ?? options.cases[0]?.id ?? '';
}

function noCasesYet(): AdaptiveCard {
  return renderNoticeCard({ title: 'Record a case first', lines: ['A cycle belongs to a case, and you have none yet.'], actions: [{ kind: 'execute', title: 'Record a case', verb: 'case.form', data: {} }] });
}

export async function cycleFormAction(turn: Turn, data: CardActionData['cycle.form']): Promise<AdaptiveCard> {
  return cycleForm(turn, { submissionId: newSubmissionId(turn), case: data.caseId ? { caseId: data.caseId } : null, filmedOn: '', sharedReviewOn: '' }, null);
}

export async function cycleSubmitAction(turn: Turn, data: CardActionData['cycle.submit']): Promise<AdaptiveCard> {
  return submitCycle(turn, { submissionId: data.submissionId, case: { caseId: data.caseId }, filmedOn: data.filmedOn, sharedReviewOn: data.sharedReviewOn });
}

async function submitCycle(turn: Turn, v: CycleValues & { case: CaseRef }): Promise<AdaptiveCard> {
  return orForm(
    async () => cycleNotice(await recordCycle(turn.app, { actor: turn.actor, submissionId: v.submissionId, case: v.case, filmedOn: v.filmedOn, sharedReviewOn: v.sharedReviewOn || null })),
    (errors) => cycleForm(turn, v, errors),
  );
}

function cycleNotice(outcome: Outcome<{ cycle: Cycle; case: Case }>): AdaptiveCard {
  const { cycle } = outcome.value;
  return renderNoticeCard({
    title: outcome.kind === 'changed' ? (cycle.sharedReviewOn ? 'Cycle logged' : 'Filming logged') : 'Already logged',
    tone: 'good',
    lines:
      outcome.kind === 'unchanged'
        ? [alreadyDone]
        : cycle.sharedReviewOn
          ? ['The cycle counts towards your stage.']
          : [`Once the shared review has happened, type: log cycle ${outcome.value.case.code} reviewed today`],
    facts: [
      { label: 'Case', value: outcome.value.case.code },
      { label: 'Filmed on', value: cycle.filmedOn },
      { label: 'Shared review', value: cycle.sharedReviewOn ?? 'not yet' },
    ],
    actions: [{ kind: 'execute', title: 'My progress', verb: 'progress.show', data: {} }],
  });
}

// ---- supervision ----------------------------------------------------------------------------------------

interface SessionValues {
  readonly submissionId: string;
  readonly heldOn: string;
  readonly minutes: number | null;
  readonly mode: SupervisionMode | '';
  readonly cases: readonly CaseRef[];
  /** The booked supervision the form was filled in from ('' when none): logging it links the two. */
  readonly plannedId: string;
}

/**
 * `log supervision …`: logged when the length is there (date defaults to today, place to Teams); else the
 * form. With nothing after it, the form is filled in from the supervision booked that is over and not
 * logged yet, if there is one, so logging it is one tap.
 */
export async function logSupervisionCommand(turn: Turn, cmd: LogSupervision): Promise<void> {
  const values: SessionValues = { submissionId: newSubmissionId(turn), heldOn: cmd.heldOn ?? todayOf(turn), minutes: cmd.minutes, mode: cmd.mode ?? 'teams', cases: cmd.caseCodes.map((code) => ({ code })), plannedId: '' };
  if (cmd.minutes !== null && cmd.problems.length === 0) {
    await sendCard(turn.context, await submitSession(turn, values));
    return;
  }
  const nothingSaid = cmd.heldOn === null && cmd.mode === null && cmd.caseCodes.length === 0 && cmd.problems.length === 0;
  await sendCard(turn.context, await supervisionForm(turn, values, { errors: parseProblems(cmd.problems), fromBooking: nothingSaid }));
}

async function supervisionForm(turn: Turn, v: SessionValues, o: { errors: { heading: string; problems: readonly string[] } | null; fromBooking?: boolean }): Promise<AdaptiveCard> {
  const options = await practiceOptions(turn.app, { actor: turn.actor });
  const booked = options.bookedToLog;
  const values = o.fromBooking && booked ? { ...v, heldOn: booked.heldOn, minutes: booked.minutes, mode: booked.mode, plannedId: booked.plannedId } : v;
  const caseIds = values.cases.map((ref) => ('caseId' in ref ? ref.caseId : options.cases.find((c) => c.code === normaliseCaseCode(ref.code))?.id)).filter((id): id is string => Boolean(id));
  const bookedOn = values.plannedId && booked?.plannedId === values.plannedId ? formatDay(booked.heldOn) : '';
  return renderSupervisionForm({
    submissionId: values.submissionId,
    today: options.today,
    cases: options.cases,
    values: { heldOn: values.heldOn, minutes: values.minutes, mode: values.mode, caseIds },
    booking: values.plannedId ? { plannedId: values.plannedId, heldOn: bookedOn } : null,
    errors: o.errors,
  });
}

export async function supervisionFormAction(turn: Turn): Promise<AdaptiveCard> {
  return supervisionForm(turn, { submissionId: newSubmissionId(turn), heldOn: todayOf(turn), minutes: null, mode: 'teams', cases: [], plannedId: '' }, { errors: null, fromBooking: true });
}

export async function supervisionSubmitAction(turn: Turn, data: CardActionData['supervision.submit']): Promise<AdaptiveCard> {
  return submitSession(turn, { submissionId: data.submissionId, heldOn: data.heldOn, minutes: data.minutes, mode: data.mode, cases: data.caseIds.map((caseId) => ({ caseId })), plannedId: data.plannedId });
}

async function submitSession(turn: Turn, v: SessionValues): Promise<AdaptiveCard> {
  return orForm(
    async () =>
      sessionNotice(
        await recordSupervisionSession(turn.app, {
          actor: turn.actor,
          submissionId: v.submissionId,
          heldOn: v.heldOn,
          minutes: v.minutes ?? Number.NaN,
          mode: v.mode as SupervisionMode,
          cases: v.cases,
          plannedId: v.plannedId || null,
        }),
      ),
    (errors) => supervisionForm(turn, v, { errors }),
  );
}

function sessionNotice(outcome: Outcome<SupervisionSession>): AdaptiveCard {
  const s = outcome.value;
  return renderNoticeCard({
    title: outcome.kind === 'changed' ? 'Supervision logged' : 'Already logged',
    tone: 'good',
    lines: outcome.kind === 'changed' ? ['Now write the record of this session for your supervisor to co-sign.'] : [alreadyDone],
    facts: [
      { label: 'Date', value: s.heldOn },
      { label: 'Length', value: formatMinutes(s.minutes) },
      { label: 'Where', value: modeLabel[s.mode] },
    ],
    actions: [
      { kind: 'execute', title: 'Write the supervision record', verb: 'record.form', data: { sessionId: s.id } },
      { kind: 'execute', title: 'My progress', verb: 'progress.show', data: {} },
    ],
  });
}

// ---- upload ---------------------------------------------------------------------------------------------

/** `upload`: a link into the tab's upload page (clips never travel through the chat). */
export async function uploadCommand(turn: Turn): Promise<void> {
  await myTraineeEnrolment(turn.app, { actor: turn.actor, action: 'upload_clip' });
  const link = uploadLink(turn.links);
  if (!link) {
    await sendCard(
      turn.context,
      renderNoticeCard({
        title: 'Uploading is not set up here yet',
        tone: 'attention',
        lines: [
          'I cannot link to the upload page because this Attune server does not know its own address.',
          'Ask your administrator to set PUBLIC_URL (and TEAMS_APP_ID, so the link opens inside Teams). Meanwhile, open the Attune tab to upload.',
        ],
      }),
    );
    return;
  }
  await sendCard(
    turn.context,
    renderNoticeCard({
      title: 'Upload a clip',
      lines: [
        link.opensInTeams ? 'The upload page opens in the Attune tab.' : 'The upload page opens in your browser.',
        'Clips are encrypted before they are stored, in your organisation’s own storage. Choose the case when you upload: its consent decides who may view the clip.',
      ],
      actions: [{ kind: 'link', title: 'Open the upload page', url: link.url }],
    }),
  );
}
