import type { Progress } from '../../src/domain/progress';

export type { Progress };
export type Role = 'trainee' | 'supervisor' | 'line_manager' | 'service_admin';

export interface TabConfig {
  readonly devSignIn: boolean;
  readonly clientId: string | null;
}

export interface DemoPerson {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

export interface DevToken {
  readonly token: string;
  readonly expiresAt: string;
}

export interface Me {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

export interface TraineeSummary {
  readonly id: string;
  readonly displayName: string;
  readonly relationship: 'supervisor' | 'line_manager';
  readonly progress: Progress | null;
}

/**
 * A failed request, in the server's error shape (`{ error: { code, message, details } }`). Network
 * failures and unreadable answers get a code of their own, so every failure has a message a person can read.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: readonly string[];

  constructor(init: { status: number; code: string; message: string; details?: readonly string[] }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
  }
}

/** Anything thrown, as an ApiError: for showing to a person. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const message = e instanceof Error && e.message ? e.message : 'Something went wrong.';
  return new ApiError({ status: 0, code: 'client', message });
}

export interface ApiOptions {
  /** The bearer token for the next request; undefined for the open endpoints. */
  readonly getToken?: () => Promise<string>;
  /** Called when the server refuses the token (401), e.g. to sign in again. */
  readonly onUnauthorized?: () => void;
  readonly fetch?: typeof fetch;
}

export interface Api {
  config(signal?: AbortSignal): Promise<TabConfig>;
  devPeople(signal?: AbortSignal): Promise<readonly DemoPerson[]>;
  devSignIn(personId: string, signal?: AbortSignal): Promise<DevToken>;
  me(signal?: AbortSignal): Promise<Me>;
  myProgress(signal?: AbortSignal): Promise<Progress | null>;
  myTrainees(signal?: AbortSignal): Promise<readonly TraineeSummary[]>;
}

interface Call {
  readonly path: string;
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  readonly auth: boolean;
  readonly signal?: AbortSignal | undefined;
}

/** A typed client for the tab API, which is served by the same origin as the tab. */
export function createApi(options: ApiOptions = {}): Api {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(c: Call): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (c.body !== undefined) headers['Content-Type'] = 'application/json';
    if (c.auth) {
      if (!options.getToken) throw new ApiError({ status: 401, code: 'unauthenticated', message: 'Sign in to continue.' });
      headers.Authorization = `Bearer ${await options.getToken()}`;
    }
    let res: Response;
    try {
      res = await doFetch(c.path, { method: c.method ?? 'GET', headers, body: c.body === undefined ? null : JSON.stringify(c.body), signal: c.signal ?? null, cache: 'no-store' });
    } catch (e) {
      if (c.signal?.aborted) throw e;
      throw new ApiError({ status: 0, code: 'network', message: 'Attune could not be reached. Check your connection and try again.' });
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      if (res.status === 401) options.onUnauthorized?.();
      throw errorFrom(res.status, body);
    }
    if (body === undefined) throw new ApiError({ status: res.status, code: 'bad_response', message: 'Attune sent an answer the tab could not read. Try again.' });
    return body as T;
  }

  return {
    config: (signal) => call<TabConfig>({ path: '/api/config', auth: false, signal }),
    devPeople: async (signal) => (await call<{ people: DemoPerson[] }>({ path: '/api/dev/people', auth: false, signal })).people,
    devSignIn: (personId, signal) => call<DevToken>({ path: '/api/dev/sign-in', method: 'POST', body: { personId }, auth: false, signal }),
    me: (signal) => call<Me>({ path: '/api/me', auth: true, signal }),
    myProgress: async (signal) => (await call<{ progress: Progress | null }>({ path: '/api/me/progress', auth: true, signal })).progress,
    myTrainees: async (signal) => (await call<{ trainees: TraineeSummary[] }>({ path: '/api/me/trainees', auth: true, signal })).trainees,
  };
}

function errorFrom(status: number, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
    const details = 'details' in error && Array.isArray(error.details) ? error.details.filter((d): d is string => typeof d === 'string') : [];
    return new ApiError({ status, code, message: error.message, details });
  }
  const message = status >= 500 ? 'Attune had a problem on its side. Try again in a moment.' : `The request failed (HTTP ${status}).`;
  return new ApiError({ status, code: 'http_error', message });
}
