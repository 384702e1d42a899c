import * as z from 'zod';
import { cardChoice, cardInt, cardText, cardToggle } from './fields';

/** stage.submit: the stage meeting form (stage-meeting-form.json); the trainee is chosen by enrolment. */
export const StageSubmit = z.object({
  submissionId: cardText,
  enrolmentId: cardText,
  heldOn: cardText,
  minutes: cardInt,
  outcome: cardChoice(['signed_off', 'not_yet']),
  externalSupervisorTookPart: cardToggle,
});
