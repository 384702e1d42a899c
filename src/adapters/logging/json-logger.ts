import type { LogFields, Logger } from '../../ports/logger';

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

// A last line of defence: anything shaped like a bearer token, a JWT, a SAS signature or an account key is masked.
const secretShapes = [/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, /\b(sig|AccountKey|client_secret|password)=[^;&\s]+/gi, /Bearer\s+\S+/gi];
export function redact(text: string): string {
  return secretShapes.reduce((t, re) => t.replace(re, '[redacted]'), text);
}

/** One JSON object per line on stdout (or a given sink), filtered by level. */
export function createJsonLogger(options: { level: Level; sink?: (line: string) => void; base?: LogFields }): Logger {
  const sink = options.sink ?? ((line: string) => process.stdout.write(`${line}\n`));
  const write = (level: Level) => (message: string, fields?: LogFields) => {
    if (levels[level] < levels[options.level]) return;
    sink(redact(JSON.stringify({ time: new Date().toISOString(), level, message, ...options.base, ...fields })));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
