import { myTraineesStages, recordStageMeeting, type StageMeetingInput } from '../../src/app/stages/stage-meeting';
import { formatMinutes } from '../../src/domain/progress';
import type { CardActionData } from '../card-actions';
import { renderNoticeCard } from '../cards/practice-cards';
import { renderProgressCard } from '../cards/render';
import { renderStageMeetingForm, type StageMeetingFormData } from '../cards/stage-cards';
import type { AdaptiveCard } from '../cards/template';
import { newSubmissionId, orForm, sendCard, sendPlain, type Turn } from '../turn';

/** `stage meeting`: the supervisor's form for a transition or accreditation meeting. */
export async function stageMeetingCommand(turn: Turn): Promise<void> {
  const card = await stageForm(turn, { submissionId: newSubmissionId(turn) });
  if (card) await sendCard(turn.context, card);
  else await sendPlain(turn.context, 'Stage meetings are recorded by a trainee’s supervisor, and you supervise no one who is still in a stage.');
}

export async function stageFormAction(turn: Turn): Promise<AdaptiveCard> {
  return (await stageForm(turn, { submissionId: newSubmissionId(turn) })) ?? renderNoticeCard({ title: 'No one to sign off', lines: ['You supervise no one who is still in a stage.'] });
}

async function stageForm(turn: Turn, v: Omit<StageMeetingFormData, 'today' | 'trainees'>): Promise<AdaptiveCard | null> {
  const { today, trainees } = await myTraineesStages(turn.app, { actor: turn.actor });
  return trainees.length ? renderStageMeetingForm({ ...v, today, trainees }) : null;
}

/** The supervisor records the meeting; signing off ends the stage, and the trainee hears about it. */
export async function stageSubmitAction(turn: Turn, data: CardActionData['stage.submit']): Promise<AdaptiveCard> {
  const { submissionId, ...values } = data;
  return orForm(
    async () => {
      const result = await recordStageMeeting(turn.app, {
        actor: turn.actor,
        enrolmentId: values.enrolmentId,
        submissionId,
        meeting: { heldOn: values.heldOn, minutes: values.minutes ?? Number.NaN, outcome: values.outcome as StageMeetingInput['outcome'], externalSupervisorTookPart: values.externalSupervisorTookPart },
      });
      const { meeting, progress, traineeName } = result.value;
      const stage = progress.stages.find((s) => s.stage === meeting.stage);
      const stageName = stage?.name ?? `Stage ${meeting.stage}`;
      const signed = meeting.outcome === 'signed_off';
      const nextStage = progress.stages.find((s) => s.status === 'current');
      if (result.kind === 'changed') {
        await turn.messenger.sendTo(
          result.value.traineeId,
          signed
            ? `Your supervisor recorded your ${stageName} ${meeting.kind} meeting: ${stageName} is signed off.${nextStage ? ` ${nextStage.name} has started.` : ' All stages are signed off.'}`
            : `Your supervisor recorded your ${stageName} ${meeting.kind} meeting: not signed off yet. Type next to see what is left.`,
        );
        await turn.messenger.sendTo(result.value.traineeId, renderProgressCard({ progress, traineeName: null }));
      }
      return renderNoticeCard({
        title: result.kind === 'unchanged' ? 'Already recorded' : signed ? `${stageName} signed off` : 'Meeting recorded',
        tone: signed ? 'good' : 'default',
        lines: [
          ...(result.kind === 'unchanged' ? ['This was sent before, so nothing changed.'] : []),
          signed ? (nextStage ? `${nextStage.name} is now the current stage.` : 'Every stage is signed off: the trainee is ready for accreditation.') : 'The stage stays open.',
        ],
        facts: [
          { label: 'Trainee', value: traineeName },
          { label: 'Meeting', value: `${stageName} ${meeting.kind} meeting, ${meeting.heldOn}, ${formatMinutes(meeting.minutes)}` },
        ],
      });
    },
    async (errors) =>
      (await stageForm(turn, { submissionId, values, errors })) ?? renderNoticeCard({ title: errors.heading, tone: 'attention', details: errors.problems }),
    ['invalid_input', 'invalid_state'],
  );
}
