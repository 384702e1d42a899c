/**
 * Structured logging. Fields say who did what to which object and when — never names, clip titles,
 * notes, tokens or URLs with secrets in them.
 */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined | null>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
