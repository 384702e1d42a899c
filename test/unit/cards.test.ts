import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { renderHelpCard, renderProgressCard, renderWelcomeCard, type AdaptiveCard } from '../../bot/cards/render';
import { commands } from '../../bot/commands';
import { parseCommand } from '../../bot/commands';
import { progress } from '../../src/domain/progress';
import { avigukPreset } from '../../src/domain/pathway';
import { noRecords, type Enrolment } from '../../src/domain/practice';

const enrolment: Enrolment = { id: 'e1', serviceId: 's', traineeId: 't:a', supervisorId: 't:b', lineManagerId: 't:c', pathway: { id: 'aviguk', version: 1 }, startedOn: '2026-01-05' };

/** Every element of a card, depth first. */
function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

function assertWellFormed(card: AdaptiveCard): void {
  assert.equal(card.type, 'AdaptiveCard');
  assert.equal(card.version, '1.5');
  assert.equal(typeof card.fallbackText, 'string');
  assert.ok((card.fallbackText as string).length > 0);
  const json = JSON.stringify(card);
  assert.doesNotMatch(json, /\$\{|"\$data"|"\$when"/, 'template left unexpanded');
  walk(card, (n) => {
    if (n.type === 'TextBlock') assert.equal(typeof n.text, 'string', `TextBlock text must be a string: ${JSON.stringify(n)}`);
  });
  const ids: string[] = [];
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) ids.push(String(n.id));
  });
  assert.equal(new Set(ids).size, ids.length, 'input ids must be unique');
}

describe('cards', () => {
  describe('renderWelcomeCard', () => {
    it('renders a 1.5 card with each point and progress/help actions', () => {
      const card = renderWelcomeCard({ intro: 'Intro', points: [{ text: 'First point' }, { text: 'Second point' }] });
      assertWellFormed(card);
      const json = JSON.stringify(card);
      assert.match(json, /First point/);
      assert.match(json, /Second point/);
      const actions = card.actions as { data: { msteams: { text: string } } }[];
      assert.deepEqual(actions.map((a) => a.data.msteams.text), ['progress', 'help']);
    });
  });

  describe('renderHelpCard', () => {
    it('lists every command and repeats them in the fallback text', () => {
      const card = renderHelpCard({ commands });
      assertWellFormed(card);
      for (const c of commands) {
        assert.match(JSON.stringify(card), new RegExp(c.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        assert.match(card.fallbackText as string, new RegExp(c.command));
      }
    });
  });

  describe('renderProgressCard', () => {
    it('shows the current stage facts, every stage and next steps for a new trainee', () => {
      const p = progress({ enrolment, pathway: avigukPreset }, noRecords, new Date('2026-03-01T00:00:00Z'));
      const card = renderProgressCard({ progress: p, traineeName: null });
      assertWellFormed(card);
      const json = JSON.stringify(card);
      assert.match(json, /Your progress/);
      assert.match(json, /"title":"Cycles","value":"0 of 6"/);
      assert.match(json, /"title":"Supervision","value":"0 min of 7 h"/);
      for (const s of ['Stage 1', 'Stage 2', 'Stage 3']) assert.match(json, new RegExp(s));
      assert.match(json, /Record your first case/);
    });

    it("names the trainee when a supervisor reads it, and keeps markup in names as text", () => {
      const p = progress({ enrolment, pathway: avigukPreset }, noRecords, new Date('2026-03-01T00:00:00Z'));
      const card = renderProgressCard({ progress: p, traineeName: '<script>x</script> ${evil}' });
      assert.match(JSON.stringify(card.body), /Progress: <script>x<\/script> \$\{evil\}/);
    });
  });

  describe('parseCommand', () => {
    it('recognises commands regardless of case and spacing', () => {
      assert.equal(parseCommand('  Progress '), 'progress');
      assert.equal(parseCommand('What next?'), 'next');
      assert.equal(parseCommand('HELP'), 'help');
    });

    it('returns null for anything else', () => {
      assert.equal(parseCommand('progressive'), null);
      assert.equal(parseCommand(undefined), null);
    });
  });
});
