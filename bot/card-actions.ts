/**
 * Decoding `adaptiveCard/action` invokes (Action.Execute, Universal Actions). Everything in an invoke comes
 * from the client: the verb, the card's own data and the inputs Teams merged into it. Nothing here trusts
 * a value's type; the use cases check what the values mean.
 */
export const verbs = [
  'progress.show',
  'case.form',
  'case.submit',
  'cycle.form',
  'cycle.submit',
  'supervision.form',
  'supervision.submit',
  'record.form',
  'record.submit',
  'record.edit',
  'record.cosign',
  'record.return',
  'record.refresh',
  'stage.form',
  'stage.submit',
  'contract.form',
  'contract.create',
  'contract.sign',
  'contract.decline',
  'contract.edit',
  'contract.revise',
  'contract.refresh',
  'contract.version',
] as const;

export type Verb = (typeof verbs)[number];

export type CardData = Readonly<Record<string, unknown>>;

export interface CardAction {
  readonly verb: Verb;
  readonly data: CardData;
  /** True when Teams refreshes the card by itself (refresh.userIds), not because someone clicked. */
  readonly automatic: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The invoke's value → a card action we know, or null. */
export function decodeCardAction(value: unknown): CardAction | null {
  if (!isObject(value) || !isObject(value.action)) return null;
  const { type, verb, data } = value.action;
  if (type !== 'Action.Execute' || typeof verb !== 'string' || !(verbs as readonly string[]).includes(verb)) return null;
  return { verb: verb as Verb, data: isObject(data) ? data : {}, automatic: value.trigger === 'automatic' };
}

/** Longest text read from a card: anything longer is cut here, and the use case's own limits then apply. */
const maxText = 20_000;

/** A text field ('' when missing or not text). */
export function text(data: CardData, key: string): string {
  const v = data[key];
  if (typeof v === 'string') return v.slice(0, maxText);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

/** A whole number (null when missing or not a whole number). */
export function int(data: CardData, key: string): number | null {
  const v = data[key];
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'string' && /^\s*-?\d{1,9}\s*$/.test(v)) return Number(v);
  return null;
}

/** A number with a fraction allowed (null when missing or not a number). */
export function num(data: CardData, key: string): number | null {
  const v = data[key];
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*-?\d{1,9}(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

/** A toggle: Input.Toggle sends "true" or "false". */
export function flag(data: CardData, key: string): boolean {
  const v = data[key];
  return v === true || v === 'true';
}

/** A multi-select: Input.ChoiceSet sends "a,b,c". */
export function list(data: CardData, key: string): string[] {
  return text(data, key)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 50);
}
