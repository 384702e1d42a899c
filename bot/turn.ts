import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../src/app/deps';
import type { Actor } from '../src/app/people';
import { toIsoDate, type IsoDate } from '../src/domain/dates';
import { AttuneError, type ErrorCode } from '../src/domain/errors';
import type { Logger } from '../src/ports/logger';
import type { FormErrors } from './cards/form-errors';
import type { AdaptiveCard } from './cards/template';
import type { LinkSettings } from './links';
import type { Messenger } from './proactive';

/** What a handler has to work with for one turn: who is asking, the use cases' dependencies, and delivery. */
export interface Turn {
  readonly context: TurnContext;
  readonly actor: Actor;
  readonly app: AppDeps;
  readonly log: Logger;
  readonly messenger: Messenger;
  readonly links: LinkSettings;
}

export const todayOf = (turn: Turn): IsoDate => toIsoDate(turn.app.clock.now());

/** A fresh submission id for a form card: the record it creates takes this id, so a second submit is a no-op. */
export const newSubmissionId = (turn: Turn): string => turn.app.ids.next();

export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/** A message that holds a person's text (a name, a code): sent as plain text, never markdown. */
export async function sendPlain(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({ ...MessageFactory.text(text), textFormat: 'plain' });
}

export function isRefusal(e: unknown, ...codes: ErrorCode[]): e is AttuneError {
  return e instanceof AttuneError && codes.includes(e.code);
}

export function formErrorsOf(e: AttuneError): FormErrors {
  return { heading: e.message, problems: e.details };
}

/** Runs a submission; when the use case refuses the input, answers with the form again, showing why. */
export async function orForm(work: () => Promise<AdaptiveCard>, form: (errors: FormErrors) => Promise<AdaptiveCard>, codes: ErrorCode[] = ['invalid_input']): Promise<AdaptiveCard> {
  try {
    return await work();
  } catch (e) {
    if (isRefusal(e, ...codes)) return form(formErrorsOf(e));
    throw e;
  }
}
