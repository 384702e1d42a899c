import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'mocha';
import { commands, maxMenuCommands, menuCommands, parseCommand, parseCommandLine, type ParsedCommand } from '../../../bot/commands';

const today = '2026-11-21';
const parse = (text: string): ParsedCommand | null => parseCommandLine(text, { today });
const problemsOf = (text: string): string => { const c = parse(text); return c && 'problems' in c ? c.problems.join() : ''; };

describe('bot commands', () => {
  describe('the manifest', () => {
    type Manifest = { bots: { commandLists: { commands: { title: string; description: string }[] }[] }[] };
    const manifest = (): Manifest => JSON.parse(readFileSync(new URL('../../../appPackage/manifest.json', import.meta.url), 'utf8')) as Manifest;

    it('lists exactly the bot’s menu commands, with the same descriptions', () => {
      for (const list of manifest().bots[0]!.commandLists) {
        assert.deepEqual(list.commands, menuCommands.map((c) => ({ title: c.command, description: c.description })));
      }
    });

    it('keeps within Teams’ 10 commands a scope; a command beyond them is still in help', () => {
      for (const list of manifest().bots[0]!.commandLists) assert.ok(list.commands.length <= maxMenuCommands, `${list.commands.length} commands`);
      assert.deepEqual(commands.filter((c) => !menuCommands.includes(c)).map((c) => c.command), ['book supervision']);
    });

    it('has an example for every command that the parser understands as that command', () => {
      for (const c of commands) assert.equal(parseCommand(c.example), c.command, c.example);
    });
  });

  describe('simple commands', () => {
    it('recognises each, whatever the case, spacing or trailing punctuation', () => {
      assert.equal(parseCommand('  Progress! '), 'progress');
      assert.equal(parseCommand('?'), 'help');
      assert.equal(parseCommand('Sign off'), 'stage meeting');
      assert.equal(parseCommand('my contract'), 'contract');
      assert.equal(parseCommand('upload a clip'), 'upload');
      assert.equal(parseCommand('progress report'), null);
    });

    it('reads booking supervision in the ways people ask for it', () => {
      for (const text of ['book supervision', 'Book', 'book a supervision', 'Schedule supervision.', 'book supervision session']) assert.equal(parseCommand(text), 'book supervision', text);
      assert.equal(parseCommand('book a holiday'), null);
    });
  });

  describe('log case', () => {
    it('reads a code and the consent scopes', () => {
      assert.deepEqual(parse('log case FAM-0142 consent filming, supervisor and peer'), { name: 'log case', code: 'FAM-0142', consent: ['filming', 'supervisor_viewing', 'peer_intervision'], problems: [] });
      assert.deepEqual(parse('log case FAM-0142 consent all'), { name: 'log case', code: 'FAM-0142', consent: ['filming', 'supervisor_viewing', 'peer_intervision', 'training_use'], problems: [] });
      assert.deepEqual(parse('log case FAM-0142 no consent'), { name: 'log case', code: 'FAM-0142', consent: [], problems: [] });
    });

    it('keeps the code as typed (the use case judges it) and leaves consent open when not given', () => {
      assert.deepEqual(parse('log case Smith'), { name: 'log case', code: 'Smith', consent: null, problems: [] });
      assert.deepEqual(parse('log case'), { name: 'log case', code: null, consent: null, problems: [] });
    });

    it('explains words it cannot read', () => {
      const c = parse('log case FAM-1 consent filming telepathy');
      assert.ok(c?.name === 'log case' && c.consent === null);
      assert.match(c.problems.join(), /“telepathy”/);
      assert.match(problemsOf('log case Jane Smith'), /one word/);
    });
  });

  describe('log cycle', () => {
    it('reads the case, the filming and the shared review in any order', () => {
      assert.deepEqual(parse('log cycle FAM-0142 filmed 2026-11-01 reviewed 2026-11-08'), { name: 'log cycle', code: 'FAM-0142', filmedOn: '2026-11-01', reviewedOn: '2026-11-08', problems: [] });
      assert.deepEqual(parse('log cycle fam-0142 shared review on yesterday filmed on 1/11/2026'), { name: 'log cycle', code: 'fam-0142', filmedOn: '2026-11-01', reviewedOn: '2026-11-20', problems: [] });
      assert.deepEqual(parse('log cycle FAM-0142 reviewed today'), { name: 'log cycle', code: 'FAM-0142', filmedOn: null, reviewedOn: today, problems: [] });
    });

    it('explains an unreadable or missing date', () => {
      assert.match(problemsOf('log cycle FAM-1 filmed 2026-13-40'), /filming date/);
      assert.match(problemsOf('log cycle FAM-1 filmed'), /filming date/);
      assert.match(problemsOf('log cycle FAM-1 FAM-2'), /“FAM-2”/);
    });
  });

  describe('log supervision', () => {
    const lengths: [string, number][] = [
      ['60', 60],
      ['60 min', 60],
      ['60min', 60],
      ['90 minutes', 90],
      ['90m', 90],
      ['1h', 60],
      ['1 hour', 60],
      ['1.5 h', 90],
      ['2 hours', 120],
      ['1h30', 90],
      ['1 hour 30', 90],
      ['1 h 30 min', 90],
    ];
    for (const [text, minutes] of lengths) {
      it(`reads "${text}" as ${minutes} minutes`, () => {
        const c = parse(`log supervision ${text} today`);
        assert.ok(c?.name === 'log supervision');
        assert.equal(c.minutes, minutes);
        assert.deepEqual(c.problems, []);
      });
    }

    it('reads the examples from the issue', () => {
      assert.deepEqual(parse('log supervision 60 min today'), { name: 'log supervision', minutes: 60, heldOn: today, mode: null, caseCodes: [], problems: [] });
      assert.deepEqual(parse('log supervision 90 minutes 2026-11-20 in person'), { name: 'log supervision', minutes: 90, heldOn: '2026-11-20', mode: 'in_person', caseCodes: [], problems: [] });
    });

    it('reads the place, the date and the cases in any order', () => {
      assert.deepEqual(parse('log supervision on teams yesterday case FAM-1 for 45 min case FAM-2'), { name: 'log supervision', minutes: 45, heldOn: '2026-11-20', mode: 'teams', caseCodes: ['FAM-1', 'FAM-2'], problems: [] });
      assert.equal((parse('log session 60 face to face') as { mode: string }).mode, 'in_person');
    });

    it('explains what it could not read, and leaves the rest for the form', () => {
      const c = parse('log supervision sixty 31/02/2026');
      assert.ok(c?.name === 'log supervision');
      assert.equal(c.minutes, null);
      assert.match(c.problems.join('|'), /“sixty”.*\|.*“31\/02\/2026” is not a date/);
      assert.match(problemsOf('log supervision 60 min 90 min'), /once/);
    });
  });
});
