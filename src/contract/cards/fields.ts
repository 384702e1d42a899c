import * as z from 'zod';

/**
 * How one value of an `Action.Execute` invoke reads. Teams sends what a person filled in as strings (an
 * Input.Number as "5", an Input.Toggle as "true" or "false", a multi-select Input.ChoiceSet as "a,b,c"),
 * merged with the card's own data as Attune's renderer put it (numbers stay numbers). Each codec here says
 * which of those it accepts and what it turns them into.
 *
 * Two kinds of field:
 * - **What a person fills in** reads leniently: a value missing or of the wrong type reads as empty ('' or
 *   null), so the use case, which knows what the field means, answers with the form and its own message.
 *   The wire type a card must send is the codec without its `.catch` (see `strictShapeOf`).
 * - **What the card refers to** (an enrolment, a record, the version shown) is required: a card Attune
 *   rendered always carries it, so an invoke without it was not made by one and is refused as unreadable.
 */

/** Longest text read from a card: anything longer is cut here, and the use case's own limits then apply. */
export const maxText = 20_000;

/** A whole number as Teams sends it: a number, or its digits as text ("60", " 60 "). */
const digits = /^\s*-?\d{1,9}\s*$/;
const wholeNumber = z.union([z.number().int(), z.string().regex(digits).transform(Number)]);

const text = z.union([z.string().transform((s) => s.slice(0, maxText)), z.number().transform(String)]);

/** Text (Input.Text, Input.Date, a single Input.ChoiceSet, or a card's own string): '' when unreadable. */
export const cardText = text.catch('');

/** Text that only some of the verb's cards send (a choice made beforehand, an input shown in one mode only). */
export const cardOptionalText = text.optional().transform((v) => v ?? '').catch('');

/** A whole number (Input.Number, or a number in the card's data): null when empty or unreadable. */
export const cardInt = z.union([wholeNumber, z.literal('').transform(() => null)]).catch(null);

/** A whole number that only some of the verb's cards send: null when missing, empty or unreadable. */
export const cardOptionalInt = z
  .union([wholeNumber, z.literal('').transform(() => null)])
  .optional()
  .transform((v) => v ?? null)
  .catch(null);

const toggle = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** An Input.Toggle: "true" or "false" (or a boolean); false when unreadable. */
export const cardToggle = toggle.catch(false);

/** An Input.Toggle that only some of the verb's cards have: false when missing or unreadable. */
export const cardOptionalToggle = toggle
  .optional()
  .transform((v) => v ?? false)
  .catch(false);

/** A multi-select Input.ChoiceSet: "a,b,c", at most 50 values; none when unreadable. */
export const cardList = z
  .union([z.string(), z.number().transform(String)])
  .transform((s) =>
    s
      .slice(0, maxText)
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .slice(0, 50),
  )
  .catch([]);

/** One of a single Input.ChoiceSet's values: '' when none or another. */
export function cardChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.literal('')]).catch('' as const);
}

const unreadable = 'This card does not say what it is about. Type help to start again.';

/** An id the card carries for the object it shows (an enrolment, a record): required. */
export const cardRef = z.string({ error: unreadable }).min(1, { error: unreadable }).max(200, { error: unreadable });

/** A version or revision the card carries for the object as it showed it: required, a whole number. */
export const cardRefNumber = z.union([z.number().int(), z.string().regex(digits).transform(Number)], { error: unreadable });

/**
 * A verb's data schema as a card Attune renders must send it: every field's wire type without its lenient
 * fallback, and no key the schema does not know. For tests that hold the renderers to the contract.
 */
export function strictShapeOf(schema: z.ZodObject): z.ZodObject {
  return z.strictObject(Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodCatch ? (field.unwrap() as z.ZodType) : field])));
}
