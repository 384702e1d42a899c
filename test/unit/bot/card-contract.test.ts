/**
 * Every card Attune renders carries, for each Action.Execute on it (and its refresh action), data its verb's
 * schema in the card action contract accepts as the card sends it: the card's own data merged with the
 * inputs Teams sends along, every value of its wire type, and no key the schema does not know. A renderer
 * or template that drifts from the contract (a renamed input, a dropped id, a number sent as a word) fails.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'mocha';
import { decodeCardAction } from '../../../bot/card-actions';
import type { AdaptiveCard } from '../../../bot/cards/template';
import { cardActionData, cardVerbs, type CardVerb } from '../../../src/contract/cards';
import { strictShapeOf } from '../../../src/contract/cards/fields';
import { everyCard } from '../../support/all-cards';

type Node = Record<string, unknown>;

/** What Teams sends for one action: its verb, the card's data, and the inputs of its card and the cards it is shown from. */
interface Submission {
  readonly verb: string;
  readonly data: Node;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly title: string;
}

/**
 * Every Action.Execute a person can click, with the inputs Teams sends with it: those on its own card and on
 * the cards it is shown from (an Action.ShowCard's inputs go only with the actions inside it), as the
 * rendered values, or '' when empty.
 */
function submissions(card: Node, inherited: Readonly<Record<string, unknown>> = {}): Submission[] {
  const inputs: Record<string, unknown> = { ...inherited };
  const actions: Node[] = [];
  const shown: Node[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Node;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') inputs[o.id] = o.value ?? '';
    if (o.type === 'Action.Execute') actions.push(o);
    if (o.type === 'Action.ShowCard') return void shown.push(o.card as Node);
    Object.values(o).forEach(walk);
  };
  walk(card.body);
  walk(card.actions);
  return [
    ...actions.map((a) => ({ verb: String(a.verb), data: (a.data as Node | undefined) ?? {}, inputs, title: String(a.title) })),
    ...shown.flatMap((c) => submissions(c, inputs)),
  ];
}

/** The card's own refresh action (Teams sends it with no inputs). */
function refreshOf(card: AdaptiveCard): Submission[] {
  const refresh = card.refresh as { action?: Node } | undefined;
  return refresh?.action ? [{ verb: String(refresh.action.verb), data: (refresh.action.data as Node | undefined) ?? {}, inputs: {}, title: 'refresh' }] : [];
}

const isVerb = (v: string): v is CardVerb => Object.hasOwn(cardActionData, v);

/** Verbs the contract accepts that no card renders today (kept so that buttons on cards already sent still work). */
const notOnAnyCard: readonly CardVerb[] = ['stage.form'];

describe('card action contract', () => {
  const cards = everyCard();

  for (const [name, card] of Object.entries(cards)) {
    it(`${name}: every action's data and inputs are what its verb's schema accepts`, () => {
      for (const s of [...submissions(card), ...refreshOf(card)]) {
        const where = `${name} › ${s.title} (${s.verb})`;
        assert.ok(isVerb(s.verb), `${where}: a verb the contract does not know`);
        const sent = { ...s.data, ...s.inputs };
        const strict = strictShapeOf(cardActionData[s.verb]).safeParse(sent);
        assert.ok(strict.success, `${where}: ${JSON.stringify(strict.error?.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`))}`);
        for (const id of Object.keys(s.inputs)) assert.ok(id in cardActionData[s.verb].shape, `${where}: input ${id} is not a field of the verb's schema`);
        const decoded = decodeCardAction({ action: { type: 'Action.Execute', verb: s.verb, data: sent }, trigger: 'manual' });
        assert.deepEqual(decoded.data, strict.data, `${where}: read leniently, the data reads the same`);
      }
    });
  }

  it('renders every verb on some card, except the ones listed as on no card', () => {
    const rendered = new Set(Object.values(cards).flatMap((c) => [...submissions(c), ...refreshOf(c)].map((s) => s.verb)));
    assert.deepEqual(
      cardVerbs.filter((v) => !rendered.has(v)),
      notOnAnyCard,
    );
  });

  it('is a self-standing wire type: the contract imports nothing but zod', () => {
    const dir = new URL('../../../src/contract/cards/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const imports = [...readFileSync(new URL(file, dir), 'utf8').matchAll(/\b(?:from|import)\s*'([^']+)'/g)].map((m) => m[1]);
      assert.deepEqual(imports.filter((i) => i !== 'zod' && !/^\.\/[a-z-]+$/.test(i ?? '')), [], file);
    }
  });

  it('fails a card whose input the verb does not know, or whose data lacks what the verb needs', () => {
    const drifted = { ...submissions(cards['record card, supervisor to co-sign or return']!).find((s) => s.verb === 'record.cosign')! };
    const schema = strictShapeOf(cardActionData['record.cosign']);
    assert.equal(schema.safeParse({ ...drifted.data, ...drifted.inputs, cosignNote: 'x' }).success, false, 'an unknown input');
    assert.equal(schema.safeParse({ ...drifted.inputs, enrolmentId: 'e1', recordId: 's1' }).success, false, 'no revision');
    assert.equal(schema.safeParse({ ...drifted.data, ...drifted.inputs, revision: 'two' }).success, false, 'a revision that is not a number');
  });
});
