import { addDays, isIsoDate, type IsoDate } from '../src/domain/dates';
import type { ConsentScope, SupervisionMode } from '../src/domain/practice';

/**
 * The bot's commands, as listed in the app manifest's command list (a unit test keeps the two in step).
 *
 * Grammar (case and extra spaces do not matter; a trailing . ! or ? is ignored):
 *
 *   help | ? | hi | hello
 *   progress | my progress | status
 *   next | what next | what's next
 *   upload | upload clip | upload a clip
 *   record | records | write record
 *   contract | my contract
 *   stage meeting | sign off | sign off stage
 *   book supervision | book | book a supervision | schedule supervision
 *   log case [<code> [consent <scope>… | no consent]]
 *       scope: filming | supervisor | peer | training | all   (commas and "and" allowed between them)
 *   log cycle [<code>] [filmed <date>] [reviewed <date>]
 *       with only "reviewed", the case's latest cycle still waiting for its shared review gets the date
 *   log supervision [<length>] [<date>] [in person | on teams] [case <code>]…
 *       length: 60 | 60 min | 90 minutes | 1h | 1.5 h | 1 hour 30 | 1h30 (a bare number is minutes)
 *       the date defaults to today and the place to Teams
 *   date: today | yesterday | 2026-11-20 | 20/11/2026 (day first)
 *
 * A `log …` with nothing after it, or with something missing or unreadable, answers with the form,
 * filled in with what was understood and a message about the rest.
 */
/** One of the bot's commands, as help lists it. */
export interface BotCommand {
  readonly command: string;
  readonly description: string;
  readonly example: string;
  /**
   * False for a command that help and the cards offer but Teams' command menu does not: the manifest allows
   * at most 10 commands a scope, and the menu has them.
   */
  readonly menu?: false;
}

/** Teams shows at most this many commands a scope in the compose box's command menu. */
export const maxMenuCommands = 10;

export const commands = [
  { command: 'help', description: 'Show what Attune can do for you and the commands you can use.', example: 'help' },
  { command: 'progress', description: 'Your progress against your pathway: cycles, new clients, supervision time and meetings per stage.', example: 'progress' },
  { command: 'next', description: 'What to do next to finish your current stage.', example: 'next' },
  { command: 'log case', description: 'Record a new case: a pseudonymous case code and the family’s consent, scope by scope.', example: 'log case FAM-0142 consent filming, supervisor' },
  { command: 'log cycle', description: 'Log a VIG cycle for a case: the filming date and, once it has happened, the shared review.', example: 'log cycle FAM-0142 filmed 2026-11-01 reviewed 2026-11-08' },
  { command: 'log supervision', description: 'Log a supervision session: how long, when, and whether in person or on Teams.', example: 'log supervision 90 min yesterday in person' },
  { command: 'record', description: 'Write the record of a supervision session for your supervisor to co-sign (supervisors: the records waiting for you).', example: 'record' },
  { command: 'upload', description: 'Open the upload page to add a video clip from this device, encrypted into your organisation’s storage.', example: 'upload' },
  { command: 'contract', description: 'Your three-way VIG contract: read it, sign it, propose changes, or draft it if there is none yet.', example: 'contract' },
  { command: 'stage meeting', description: 'Supervisors: record a transition or accreditation meeting with the external supervisor and sign the stage off.', example: 'stage meeting' },
  {
    command: 'book supervision',
    description: 'Find times you and your supervisor (or trainee) are both free, and book supervision as a Teams meeting in Outlook; move or cancel it later.',
    example: 'book supervision',
    menu: false,
  },
] as const satisfies readonly BotCommand[];

/** The commands in the app manifest's command lists (a unit test keeps the two in step). */
export const menuCommands: readonly BotCommand[] = commands.filter((c: BotCommand) => c.menu !== false);

export type CommandName = (typeof commands)[number]['command'];

export type ParsedCommand =
  | { readonly name: 'help' | 'progress' | 'next' | 'upload' | 'record' | 'contract' | 'stage meeting' | 'book supervision' }
  | { readonly name: 'log case'; readonly code: string | null; readonly consent: readonly ConsentScope[] | null; readonly problems: readonly string[] }
  | { readonly name: 'log cycle'; readonly code: string | null; readonly filmedOn: IsoDate | null; readonly reviewedOn: IsoDate | null; readonly problems: readonly string[] }
  | {
      readonly name: 'log supervision';
      readonly minutes: number | null;
      readonly heldOn: IsoDate | null;
      readonly mode: SupervisionMode | null;
      readonly caseCodes: readonly string[];
      readonly problems: readonly string[];
    };

/** Text as typed in Teams (mention already removed) → the command's name, or null if it is not one. */
export function parseCommand(text: string | undefined): CommandName | null {
  return parseCommandLine(text, { today: '2000-01-01' })?.name ?? null;
}

const simple: Readonly<Record<string, Exclude<ParsedCommand['name'], 'log case' | 'log cycle' | 'log supervision'>>> = {
  help: 'help',
  '?': 'help',
  hi: 'help',
  hello: 'help',
  progress: 'progress',
  'my progress': 'progress',
  status: 'progress',
  next: 'next',
  'what next': 'next',
  "what's next": 'next',
  'what’s next': 'next',
  upload: 'upload',
  'upload clip': 'upload',
  'upload a clip': 'upload',
  record: 'record',
  records: 'record',
  'write record': 'record',
  contract: 'contract',
  'my contract': 'contract',
  'stage meeting': 'stage meeting',
  'sign off': 'stage meeting',
  'sign off stage': 'stage meeting',
  'book supervision': 'book supervision',
  book: 'book supervision',
  'book a supervision': 'book supervision',
  'book supervision session': 'book supervision',
  'schedule supervision': 'book supervision',
};

/** Text → a command with its arguments, or null if it is not one. `today` resolves "today" and "yesterday". */
export function parseCommandLine(text: string | undefined, context: { today: IsoDate }): ParsedCommand | null {
  const line = (text ?? '').trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  const lower = line.toLowerCase();
  if (lower === '' && (text ?? '').trim().startsWith('?')) return { name: 'help' };
  const name = simple[lower];
  if (name) return { name };
  const log = /^(?:log|add|new) (case|cycle|supervision|session)\b ?(.*)$/i.exec(line);
  if (!log) return null;
  const rest = (log[2] ?? '').split(/[\s,]+/).filter(Boolean);
  switch (log[1]!.toLowerCase()) {
    case 'case':
      return parseCase(rest);
    case 'cycle':
      return parseCycle(rest, context.today);
    default:
      return parseSupervision(rest, context.today);
  }
}

const consentWords: Readonly<Record<string, readonly ConsentScope[]>> = {
  filming: ['filming'],
  film: ['filming'],
  supervisor: ['supervisor_viewing'],
  supervision: ['supervisor_viewing'],
  viewing: [],
  peer: ['peer_intervision'],
  peers: ['peer_intervision'],
  intervision: ['peer_intervision'],
  training: ['training_use'],
  use: [],
  and: [],
  all: ['filming', 'supervisor_viewing', 'peer_intervision', 'training_use'],
};

function parseCase(tokens: string[]): ParsedCommand {
  const [code, ...rest] = tokens;
  const problems: string[] = [];
  if (!code) return { name: 'log case', code: null, consent: null, problems };
  const words = rest.map((t) => t.toLowerCase());
  if (words.length === 0) return { name: 'log case', code, consent: null, problems };
  if (words.join(' ') === 'no consent') return { name: 'log case', code, consent: [], problems };
  if (words[0] !== 'consent') {
    problems.push(`A case code is one word: after it, write "consent" and the scopes (filming, supervisor, peer, training or all), or "no consent".`);
    return { name: 'log case', code, consent: null, problems };
  }
  const scopes = new Set<ConsentScope>();
  for (const w of words.slice(1)) {
    const found = consentWords[w];
    if (found) found.forEach((s) => scopes.add(s));
    else problems.push(`I did not understand “${w}” in the consent list: use filming, supervisor, peer, training or all.`);
  }
  return { name: 'log case', code, consent: problems.length ? null : [...scopes], problems };
}

function parseCycle(tokens: string[], today: IsoDate): ParsedCommand {
  let code: string | null = null;
  let filmedOn: IsoDate | null = null;
  let reviewedOn: IsoDate | null = null;
  const problems: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = t.toLowerCase();
    if (/^(filmed|film|filming)$/.test(w) || /^(reviewed|review|shared)$/.test(w)) {
      let j = i + 1;
      if (tokens[j]?.toLowerCase() === 'review') j++;
      if (tokens[j]?.toLowerCase() === 'on') j++;
      const date = readDate(tokens[j], today);
      const which = w.startsWith('film') ? 'filming' : 'shared review';
      if (date.kind === 'date') {
        if (which === 'filming') filmedOn = date.value;
        else reviewedOn = date.value;
      } else problems.push(`After “${t}”, give the ${which} date: today, yesterday or year-month-day such as ${today}.`);
      i = date.kind === 'date' || date.kind === 'unreadable' ? j : j - 1;
    } else if (code === null) code = t;
    else problems.push(`I did not understand “${t}”. Write it as: log cycle FAM-0142 filmed 2026-11-01 reviewed 2026-11-08`);
  }
  return { name: 'log cycle', code, filmedOn, reviewedOn, problems };
}

const units: Readonly<Record<string, number>> = { m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60 };

function parseSupervision(tokens: string[], today: IsoDate): ParsedCommand {
  let minutes: number | null = null;
  let heldOn: IsoDate | null = null;
  let mode: SupervisionMode | null = null;
  const caseCodes: string[] = [];
  const problems: string[] = [];
  const words = tokens.map((t) => t.toLowerCase());
  for (let i = 0; i < tokens.length; i++) {
    const w = words[i]!;
    const date = readDate(tokens[i], today);
    if (date.kind === 'date') {
      heldOn = date.value;
      continue;
    }
    if (w === 'in' && words[i + 1] === 'person') {
      mode = 'in_person';
      i++;
      continue;
    }
    if (w === 'in-person' || w === 'f2f') {
      mode = 'in_person';
      continue;
    }
    if (w === 'face' && words[i + 1] === 'to' && words[i + 2] === 'face') {
      mode = 'in_person';
      i += 2;
      continue;
    }
    if (w === 'teams' || w === 'online' || w === 'remote' || w === 'remotely') {
      mode = 'teams';
      continue;
    }
    if ((w === 'case' || w === 'cases') && tokens[i + 1]) {
      caseCodes.push(tokens[i + 1]!);
      i++;
      continue;
    }
    if (w === 'on' || w === 'for' || w === 'of' || w === 'and' || w === 'supervision') continue;
    const length = readLength(words, i);
    if (length) {
      if (minutes !== null) problems.push('Give the length once, for example 60 min or 1.5 h.');
      minutes = length.minutes;
      i += length.used - 1;
      continue;
    }
    if (date.kind === 'unreadable') problems.push(`“${tokens[i]!}” is not a date I can read: use today, yesterday or year-month-day such as ${today}.`);
    else problems.push(`I did not understand “${tokens[i]!}”. Write it as: log supervision 60 min today in person`);
  }
  return { name: 'log supervision', minutes, heldOn, mode, caseCodes, problems };
}

/** A length at words[i]: "60", "60 min", "1.5h", "1 hour 30", "1h30"; how many words it used. */
function readLength(words: readonly string[], i: number): { minutes: number; used: number } | null {
  const w = words[i]!;
  const joined = /^(\d+(?:\.\d+)?)(m|min|mins|minute|minutes|h|hr|hrs|hour|hours)?$/.exec(w);
  const hm = /^(\d+)h(\d{1,2})m?$/.exec(w);
  if (hm) return whole(Number(hm[1]) * 60 + Number(hm[2]), 1);
  if (!joined) return null;
  let used = 1;
  let unit = joined[2];
  if (!unit && words[i + 1] !== undefined && units[words[i + 1]!] !== undefined) {
    unit = words[i + 1]!;
    used++;
  }
  let minutes = Number(joined[1]) * (unit ? units[unit]! : 1);
  // "1 hour 30" and "1 h 30 min": the minutes after the hours.
  if (unit && units[unit] === 60 && /^\d{1,2}$/.test(words[i + used] ?? '')) {
    minutes += Number(words[i + used]);
    used++;
    if (words[i + used] !== undefined && units[words[i + used]!] === 1) used++;
  }
  return whole(minutes, used);
}

function whole(minutes: number, used: number): { minutes: number; used: number } {
  return { minutes: Number.isInteger(minutes) ? minutes : Math.round(minutes), used };
}

type DateRead = { readonly kind: 'date'; readonly value: IsoDate } | { readonly kind: 'unreadable' } | { readonly kind: 'not_a_date' } | { readonly kind: 'missing' };

function readDate(token: string | undefined, today: IsoDate): DateRead {
  if (token === undefined) return { kind: 'missing' };
  const w = token.toLowerCase();
  if (w === 'today') return { kind: 'date', value: today };
  if (w === 'yesterday') return { kind: 'date', value: addDays(today, -1) };
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(w)) {
    const [y, m, d] = w.split('-');
    const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    return isIsoDate(iso) ? { kind: 'date', value: iso } : { kind: 'unreadable' };
  }
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(w);
  if (dmy) {
    const iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? { kind: 'date', value: iso } : { kind: 'unreadable' };
  }
  return /^[\d/.-]+$/.test(w) && /[/.-]/.test(w) ? { kind: 'unreadable' } : { kind: 'not_a_date' };
}
