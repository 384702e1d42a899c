/**
 * Every card template in bot/cards is expanded by at least one card in the shared list of every card the bot
 * can send (test/support/all-cards.ts), so none escapes the card action contract test or the Chromium check
 * (test/e2e/card-templates.test.ts); and every reminder rule has sample items there.
 *
 * Which templates a card used is observed, not declared: while the list is built, the templating library's
 * Template.prepare (which every `new Template(payload)` calls with the template) records what it is given.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'mocha';
import { renderWelcomeCard } from '../../../bot/cards/render';
import { reminderRuleIds } from '../../../src/domain/reminders/rules';
import { everyCard, reminderSamples } from '../../support/all-cards';

const cardsDir = new URL('../../../bot/cards/', import.meta.url);

/** Each template file's name and its JSON, as one canonical string. */
function templates(): { file: string; json: string }[] {
  return readdirSync(cardsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, json: JSON.stringify(JSON.parse(readFileSync(new URL(file, cardsDir), 'utf8'))) }));
}

interface TemplateClass {
  prepare: (node: unknown) => unknown;
}

/** The templates (as canonical JSON) expanded while `build` runs. */
function expandedBy(build: () => void): Set<string> {
  // The same module instance bot/cards/template.ts imports (Node loads a CommonJS package once for both).
  const { Template } = createRequire(import.meta.url)('adaptivecards-templating') as { Template: TemplateClass };
  const original = Template.prepare;
  const seen = new Set<string>();
  Template.prepare = function (this: unknown, node: unknown) {
    if (node && typeof node === 'object' && (node as { type?: unknown }).type === 'AdaptiveCard') seen.add(JSON.stringify(node));
    return original.call(this, node);
  };
  try {
    build();
  } finally {
    Template.prepare = original;
  }
  return seen;
}

describe('card templates covered by the list of every card', () => {
  it('expands every bot/cards/*.json template for some card in the list', () => {
    const all = templates();
    assert.ok(all.length >= 16, `found only ${all.length} templates in bot/cards`);
    const seen = expandedBy(() => void everyCard());
    assert.deepEqual(
      all.filter((t) => !seen.has(t.json)).map((t) => t.file),
      [],
      'templates no card in test/support/all-cards.ts uses: add a card rendered from each',
    );
  });

  it('notices a template the list does not use', () => {
    const seen = expandedBy(() => void renderWelcomeCard({ intro: 'Hi', points: [] }));
    const uncovered = templates().filter((t) => !seen.has(t.json)).map((t) => t.file);
    assert.ok(!uncovered.includes('welcome.json'));
    assert.ok(uncovered.includes('reminder-card.json') && uncovered.includes('help.json'), uncovered.join(', '));
  });

  it('has sample items for every reminder rule', () => {
    assert.deepEqual(
      reminderRuleIds.filter((r) => !reminderSamples[r]?.length),
      [],
      'reminder rules without samples in test/support/all-cards.ts (reminderSamples)',
    );
    for (const [rule, abouts] of Object.entries(reminderSamples)) assert.ok(abouts.every((a) => a.kind === rule), `${rule}: every sample is about that rule`);
  });
});
