import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card as JSON; cards are data, rendered by pure functions from typed inputs. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/**
 * Expands a JSON template with typed data. Afterwards, a property a `$when` switched off (null) is dropped,
 * and so is an input's empty `value`, so that an unfilled field shows its placeholder.
 *
 * Templating keeps values as data: a "${…}" inside a person's text is never evaluated, and text from people
 * goes into TextRun elements (never markdown) in the templates.
 */
export function expand<T extends object>(template: object, data: T): AdaptiveCard {
  return tidy(new ACData.Template(template).expand({ $root: data })) as AdaptiveCard;
}

function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.filter((n) => n !== null).map(tidy);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const isInput = typeof (node as { type?: unknown }).type === 'string' && (node as { type: string }).type.startsWith('Input.');
  for (const [k, v] of Object.entries(node)) {
    if (v === null) continue;
    if (isInput && k === 'value' && v === '') continue;
    out[k] = tidy(v);
  }
  return out;
}

/** Refresh lists at most this many users (a Teams limit). */
export const maxRefreshUserIds = 60;
