import type { Response } from 'restify';
import { statusFor } from '../contract/errors';
import { isAttuneError } from '../domain/errors';
import type { Logger } from '../ports/logger';

/** The one place an error becomes an HTTP response (statuses from the contract). A person always gets a clear message, never a stack trace. */
export function sendError(res: Response, error: unknown, log: Logger): void {
  if (isAttuneError(error)) {
    const status = statusFor(error.code);
    if (status === 503 || status === 429) res.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds ?? 5))));
    if (status === 401) res.header('WWW-Authenticate', 'Bearer');
    // Reasons for a refused sign-in are for the log, not for the caller.
    const details = error.code === 'unauthenticated' ? [] : error.details;
    if (status >= 500) log.warn('request failed', { code: error.code });
    else if (status === 401) log.info('sign-in refused', { reason: error.details[0] ?? 'unknown' });
    send(res, status, { error: { code: error.code, message: error.message, details } });
    return;
  }
  log.error('unexpected error', { error: error instanceof Error ? error.name : typeof error, stack: error instanceof Error ? error.stack : undefined });
  send(res, 500, { error: { code: 'internal', message: 'Something went wrong on our side. Please try again; if it keeps happening, tell your service lead.', details: [] } });
}

export function send(res: Response, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.writeHead(status);
  res.end(JSON.stringify(body));
}
