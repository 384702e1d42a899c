import type { SuperviseeStage } from '../../src/app/stages/stage-meeting';
import { errorData, type FormErrors } from './form-errors';
import stageFormTemplate from './stage-meeting-form.json' with { type: 'json' };
import { expand, type AdaptiveCard } from './template';

export interface StageMeetingFormData {
  readonly submissionId: string;
  readonly today: string;
  readonly trainees: readonly SuperviseeStage[];
  readonly values?: { readonly enrolmentId?: string; readonly heldOn?: string; readonly minutes?: number | null; readonly outcome?: string; readonly externalSupervisorTookPart?: boolean };
  readonly errors?: FormErrors | null;
}

/** The supervisor's form for a transition or accreditation meeting. */
export function renderStageMeetingForm(data: StageMeetingFormData): AdaptiveCard {
  const v = data.values ?? {};
  const first = data.trainees.find((t) => t.due) ?? data.trainees[0];
  return expand(stageFormTemplate, {
    submissionId: data.submissionId,
    today: data.today,
    trainees: data.trainees.map((t) => ({
      enrolmentId: t.enrolmentId,
      label: `${t.traineeName} — ${t.stageName}, ${t.meetingKind} meeting (${t.due ? 'requirements met' : 'requirements not met yet'})`,
    })),
    enrolmentId: v.enrolmentId ?? first?.enrolmentId ?? '',
    heldOn: v.heldOn ?? data.today,
    minutes: typeof v.minutes === 'number' && Number.isFinite(v.minutes) ? v.minutes : 60,
    outcome: v.outcome ?? 'signed_off',
    externalSupervisorTookPart: String(v.externalSupervisorTookPart ?? false),
    ...errorData(data.errors),
  });
}
