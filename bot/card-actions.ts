import { cardActionData, CardActionInvoke, cardVerbs, unknownAction, type CardAction, type CardVerb } from '../src/contract/cards';
import { parseInput } from '../src/contract/parse';

/**
 * Decoding `adaptiveCard/action` invokes (Action.Execute, Universal Actions) through the card action
 * contract (src/contract/cards). Everything in an invoke comes from the client: the verb, the card's own
 * data and the inputs Teams merged into it; the contract says how each value reads, and the use cases
 * check what the values mean.
 */
export const verbs = cardVerbs;
export type Verb = CardVerb;
export type { CardAction, CardActionData } from '../src/contract/cards';

/**
 * The invoke's value → the card action, typed by its verb. Throws the `invalid_input` AttuneError when the
 * invoke is not an Action.Execute with a verb Attune knows, or when its data lacks what the card refers to.
 */
export function decodeCardAction(value: unknown): CardAction {
  const { action, trigger } = parseInput(CardActionInvoke, value, unknownAction);
  const data = parseInput(cardActionData[action.verb], action.data, 'That card action could not be read. Type help to start again.');
  return { verb: action.verb, data, automatic: trigger === 'automatic' } as CardAction;
}
