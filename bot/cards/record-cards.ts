import { formatMinutes } from '../../src/domain/progress';
import { defaultVocabulary, type PrincipleKey } from '../../src/domain/principles';
import type { SupervisionMode, SupervisionSession } from '../../src/domain/practice';
import type { SupervisionRecordContent } from '../../src/domain/supervision-record';
import type { RecordView } from '../../src/app/supervision-records/record-view';
import { errorData, type FormErrors } from './form-errors';
import recordCardTemplate from './record-card.json' with { type: 'json' };
import recordFormTemplate from './record-form.json' with { type: 'json' };
import { expand, maxRefreshUserIds, type AdaptiveCard } from './template';

const modeText: Readonly<Record<SupervisionMode, string>> = { in_person: 'in person', teams: 'on Teams' };

export function describeSession(s: Pick<SupervisionSession, 'heldOn' | 'minutes' | 'mode'>): string {
  return `${s.heldOn} · ${formatMinutes(s.minutes)} ${modeText[s.mode]}`;
}

const principleLabel = (key: PrincipleKey): string => defaultVocabulary.principles.find((p) => p.key === key)?.label ?? key;

export interface RecordCardData {
  readonly view: RecordView;
  /** Who the card is for: the trainee sees edit actions, the supervisor co-sign and return. */
  readonly viewer: 'trainee' | 'supervisor';
  /** A line at the top, in Attune's words: why this card is what it is ("Already co-signed"). */
  readonly banner?: string;
}

/** A supervision record as its trainee or supervisor sees it. */
export function renderRecordCard(data: RecordCardData): AdaptiveCard {
  const { record, session } = data.view;
  const state = record.state;
  let statusLine: string;
  let statusColor: string;
  let comment = '';
  switch (state.status) {
    case 'awaiting_cosign':
      statusLine = `Waiting for ${data.view.supervisorName} to co-sign (sent ${state.submittedAt.slice(0, 10)}).`;
      statusColor = 'Warning';
      break;
    case 'returned':
      statusLine = `Returned by ${data.view.supervisorName} on ${state.returnedAt.slice(0, 10)}: ${data.viewer === 'trainee' ? 'please edit it and send it again' : 'waiting for the trainee to edit it'}.`;
      statusColor = 'Attention';
      comment = state.comment;
      break;
    case 'cosigned':
      statusLine = `Co-signed by ${data.view.supervisorName} on ${state.cosignedAt.slice(0, 10)}.`;
      statusColor = 'Good';
      comment = state.comment ?? '';
      break;
  }
  const c = record.content;
  return expand(recordCardTemplate, {
    banner: data.banner ?? '',
    enrolmentId: record.enrolmentId,
    recordId: record.id,
    revision: record.revision,
    traineeName: data.view.traineeName,
    sessionLine: `supervision on ${describeSession(session)}`,
    caseCodes: data.view.caseCodes,
    statusLine,
    statusColor,
    sections: [
      { label: 'Learning question', value: c.learningQuestion },
      { label: 'What was working', value: c.whatWasWorking },
      { label: 'Learning points', value: c.learningPoints },
      { label: 'Next steps', value: c.nextSteps },
    ],
    principles: c.principles.map(principleLabel).join(', '),
    consentLine: c.consentConfirmed ? 'The trainee confirmed that the family’s consent covered everything shown in supervision.' : 'Consent was not confirmed.',
    comment,
    commentLabel: 'Supervisor’s comment',
    canReview: data.viewer === 'supervisor' && state.status === 'awaiting_cosign',
    canEdit: data.viewer === 'trainee' && state.status !== 'cosigned',
    userIds: data.view.channelUserIds.slice(0, maxRefreshUserIds),
    fallback: `Supervision record for the session on ${session.heldOn}. Open it in a newer Teams client, or type record.`,
  });
}

export interface RecordFormData {
  /** Sessions to choose from (a new record), or none when editing one. */
  readonly sessions: readonly Pick<SupervisionSession, 'id' | 'heldOn' | 'minutes' | 'mode'>[];
  /** Editing an existing record: its session and the revision the form shows. */
  readonly editing: { readonly session: Pick<SupervisionSession, 'id' | 'heldOn' | 'minutes' | 'mode'>; readonly revision: number; readonly returnedComment: string } | null;
  readonly values?: Partial<SupervisionRecordContent> & { readonly sessionId?: string };
  readonly errors?: FormErrors | null;
}

export function renderRecordForm(data: RecordFormData): AdaptiveCard {
  const v = data.values ?? {};
  return expand(recordFormTemplate, {
    title: data.editing ? 'Edit your supervision record' : 'Write your supervision record',
    sessions: data.sessions.map((s) => ({ id: s.id, label: describeSession(s) })),
    sessionId: v.sessionId ?? data.sessions[0]?.id ?? '',
    editSessionId: data.editing?.session.id ?? '',
    sessionLabel: data.editing ? `Session: ${describeSession(data.editing.session)}` : '',
    revision: data.editing?.revision ?? 0,
    returnedComment: data.editing?.returnedComment ?? '',
    learningQuestion: v.learningQuestion ?? '',
    whatWasWorking: v.whatWasWorking ?? '',
    principles: (v.principles ?? []).join(','),
    principleChoices: defaultVocabulary.principles.map((p) => ({ key: p.key, label: p.label })),
    learningPoints: v.learningPoints ?? '',
    nextSteps: v.nextSteps ?? '',
    consentConfirmed: String(v.consentConfirmed ?? false),
    ...errorData(data.errors),
  });
}
