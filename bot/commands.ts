/** The bot's commands, as listed in the app manifest's command list. */
export const commands = [
  { command: 'help', description: 'Show what Attune can do for you.' },
  { command: 'progress', description: 'Your progress against your pathway: cycles, new clients, supervision time and meetings per stage.' },
  { command: 'next', description: 'What to do next to finish your current stage.' },
] as const;

export type Command = (typeof commands)[number]['command'];

/** Text as typed in Teams (mention already removed) → a command, or null if it is not one. */
export function parseCommand(text: string | undefined): Command | null {
  const word = (text ?? '').trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  if (word === 'help' || word === '?' || word === 'hi' || word === 'hello') return 'help';
  if (word === 'progress' || word === 'my progress' || word === 'status') return 'progress';
  if (word === 'next' || word === 'what next' || word === "what's next") return 'next';
  return null;
}
