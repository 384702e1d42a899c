import assert from 'node:assert/strict';

/** The data of the first Action.Execute with this verb anywhere in a card (it fails the test when there is none). */
export function executeIn(card: unknown, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | null = null;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb && !found) found = (o.data as Record<string, unknown>) ?? {};
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  assert.ok(found, `no ${verb} in ${JSON.stringify(card).slice(0, 300)}`);
  return found;
}
