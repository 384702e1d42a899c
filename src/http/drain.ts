import type { Server } from 'node:http';
import type { Logger } from '../ports/logger';

/**
 * Stops an HTTP server the way App Service's SIGTERM asks: no new connections, every request already running
 * finishes (an upload's block is stored or refused whole, never cut off), idle keep-alive connections close
 * at once and busy ones as soon as their response is sent. After `graceMs` whatever is still open is closed
 * (the caller's client retries it: every write is idempotent or resumable).
 */
export function drainHttp(http: Server, o: { graceMs: number; log: Logger }): Promise<void> {
  return new Promise((done) => {
    const idle = setInterval(() => http.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      o.log.warn('connections still open after the shutdown grace period were closed', { graceMs: o.graceMs });
      http.closeAllConnections();
    }, o.graceMs);
    idle.unref();
    deadline.unref();
    http.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      done();
    });
    http.closeIdleConnections();
  });
}
