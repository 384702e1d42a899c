// Types only, from the HTTP contract: zod never enters the tab's bundle.
import type {
  AuditEntry,
  AuditOutcome,
  ClipComment,
  ClipKind,
  ClipSummary,
  Contract,
  ContractState,
  ContractTerms,
  LawfulBasis,
  Moment,
  MomentWarning,
  Party,
  PathwayDefinition,
  PracticeView,
  PrincipleKey,
  PrincipleTag,
  PrincipleVocabulary,
  Progress,
  ProgressPoint,
  ServiceSettings,
  Still,
  SupervisionRecord,
  TabConfig as WireTabConfig,
  DemoPerson,
  DevToken,
  Me,
  ServiceView,
  ServiceSettingsChange,
  AuditPage,
  ClipView,
  ClipDetail,
  UploadView,
  Playback,
  ContractView,
  MyContracts,
  LineManagerProposal,
  RecordView,
  Role,
  Invitation,
  ExternalStage,
  SignedOff,
  TraineeSummary as WireTraineeSummary,
} from '../../src/contract/http';
import type { BookingAnswer, Cancelled, Planned, RescheduleAnswer, Schedule, TimeOffer } from '../../src/contract/http/scheduling';
import type { AdminReminders, MyReminders, ReminderGroup, ReminderLine, ReminderPreferences, ReminderPreview, ReminderRuleView, ReminderRulesView } from '../../src/contract/http/reminders';

export type { Progress, ProgressPoint, PathwayDefinition, PrincipleVocabulary, ServiceSettings, LawfulBasis, AuditEntry, AuditOutcome };
export type { ClipKind, ClipSummary, ClipComment, Moment, MomentWarning, PrincipleTag, Still, PrincipleKey };
export type { ContractState, ContractTerms, Contract, Party, SupervisionRecord, PracticeView };
export type { DemoPerson, DevToken, Me, ServiceView, ServiceSettingsChange, AuditPage, ClipView, ClipDetail, UploadView, Playback, ContractView, MyContracts, LineManagerProposal, RecordView, Role };
export type { Invitation, ExternalStage, SignedOff };
export type { BookingAnswer, Cancelled, Planned, RescheduleAnswer, Schedule, TimeOffer };
export type { AdminReminders, MyReminders, ReminderGroup, ReminderLine, ReminderPreferences, ReminderPreview, ReminderRuleView, ReminderRulesView };
/** A rule's timing as the admin edits it. */
export type ReminderRuleTiming = Pick<ReminderRuleView, 'enabled' | 'afterDays' | 'thenEveryDays'>;

/** A booked supervision as its trainee or supervisor sees it (a line manager gets `detail: 'dates'` only). */
export type PlannedFull = Extract<Planned, { detail: 'full' }>;
export type TimeSlot = TimeOffer['slots'][number];
export type Cadence = TimeOffer['cadence'];

/** Sign-in mode, the SSO client id, and the principle vocabulary in force (see principles.ts). */
export type TabConfig = Readonly<WireTabConfig>;

export interface TraineeSummary {
  readonly id: string;
  readonly displayName: string;
  readonly relationship: 'supervisor' | 'line_manager';
  readonly progress: Progress | null;
  /** The next meeting booked for this trainee, or null. */
  readonly nextMeeting: WireTraineeSummary['nextMeeting'];
}

export interface BookInput {
  readonly enrolmentId: string;
  /** Chosen once per booking form (8–64 letters, digits, dashes): sending the form again books nothing twice. */
  readonly bookingId: string;
  readonly slot: TimeSlot;
  /** How many sessions in all, the first included, at the contract's cadence unless given. */
  readonly series: { readonly count: number; readonly cadence?: Cadence } | null;
  /** Supervision (default), or a stage meeting, to which the invited external supervisor is invited too. */
  readonly kind?: 'supervision' | 'transition' | 'accreditation';
}

export interface StartUpload {
  readonly caseId: string;
  readonly cycleId: string | null;
  readonly kind: ClipKind;
  readonly title: string;
  readonly fileName: string;
  readonly size: number;
  readonly mediaType: string | null;
}

export interface ChangeOutcome<T> {
  readonly outcome: 'changed' | 'unchanged';
  readonly why?: 'already_done' | 'stale';
  readonly value: T;
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

export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/** The server's answer when a Microsoft 365 call made for the person needs their consent first (403 `consent_required`). */
export const isConsentRequired = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 403 && e.code === 'consent_required';

export interface ApiOptions {
  /** The bearer token for the next request; undefined for the open endpoints. */
  readonly getToken?: () => Promise<string>;
  /** Called when the server refuses the token (401), e.g. to sign in again. */
  readonly onUnauthorized?: () => void;
  /**
   * Called when the server answers 403 `consent_required` (a Microsoft 365 call made for the person needs their
   * permission first): resolves true once they have given it, and the request is sent again; false to give up,
   * and the ApiError is thrown. See `useConsentRetry` (components/consent-prompt.tsx).
   */
  readonly onConsentRequired?: (error: ApiError) => Promise<boolean>;
  readonly fetch?: typeof fetch;
}

/** One block of an upload in flight: `done` settles when the server has it; `abort` drops the connection. */
export interface BlockTransfer {
  readonly done: Promise<void>;
  abort(): void;
}

export interface Api {
  config(signal?: AbortSignal): Promise<TabConfig>;
  devPeople(signal?: AbortSignal): Promise<readonly DemoPerson[]>;
  devSignIn(personId: string, signal?: AbortSignal): Promise<DevToken>;
  me(signal?: AbortSignal): Promise<Me>;
  myProgress(signal?: AbortSignal): Promise<Progress | null>;
  myProgressHistory(signal?: AbortSignal): Promise<readonly ProgressPoint[] | null>;
  myTrainees(signal?: AbortSignal): Promise<readonly TraineeSummary[]>;
  myClipViews(query: { limit?: number; cursor?: string | null }, signal?: AbortSignal): Promise<{ views: readonly ClipView[]; next: string | null }>;

  practice(enrolmentId: string, signal?: AbortSignal): Promise<PracticeView>;
  recordsToCosign(signal?: AbortSignal): Promise<readonly RecordView[]>;
  reviewRecord(input: { enrolmentId: string; recordId: string; revision: number; decision: 'cosign' | 'return'; comment: string }): Promise<ChangeOutcome<RecordView>>;

  myContracts(signal?: AbortSignal): Promise<MyContracts>;
  /** `lineManagerId`: the line manager the trainee confirmed from the proposal (absent: the enrolment's). */
  startContract(terms: ContractTerms, lineManagerId?: string): Promise<ChangeOutcome<ContractView>>;
  signContract(input: { enrolmentId: string; version: number }): Promise<ChangeOutcome<ContractView>>;
  declineContract(input: { enrolmentId: string; version: number; reason: string }): Promise<ChangeOutcome<ContractView>>;

  serviceSettings(signal?: AbortSignal): Promise<ServiceView>;
  changeServiceSettings(change: ServiceSettingsChange, etag: string): Promise<ServiceView>;
  savePathway(definition: Omit<PathwayDefinition, 'version'>): Promise<PathwayDefinition>;
  auditLog(query: { limit?: number; cursor?: string | null; action?: string; outcome?: AuditOutcome }, signal?: AbortSignal): Promise<AuditPage>;
  auditCsv(): Promise<Blob>;

  clips(input: { enrolmentId: string; cycleId?: string | null }, signal?: AbortSignal): Promise<readonly ClipSummary[]>;
  clip(input: { enrolmentId: string; clipId: string }, signal?: AbortSignal): Promise<ClipDetail>;
  playback(input: { enrolmentId: string; clipId: string }): Promise<Playback>;
  addMoment(input: { enrolmentId: string; clipId: string; startMs: number; endMs: number; tags: readonly PrincipleKey[]; note: string | null }): Promise<{ moment: Moment; warnings: readonly MomentWarning[] }>;
  removeMoment(input: { enrolmentId: string; clipId: string; momentId: string }): Promise<void>;
  addStill(input: { enrolmentId: string; clipId: string; atMs: number; caption: string | null }): Promise<Still>;
  removeStill(input: { enrolmentId: string; clipId: string; stillId: string }): Promise<void>;
  addComment(input: { enrolmentId: string; clipId: string; atMs: number; text: string; tags: readonly PrincipleKey[] }): Promise<ClipComment>;
  removeComment(input: { enrolmentId: string; clipId: string; commentId: string }): Promise<void>;

  schedule(enrolmentId: string, signal?: AbortSignal): Promise<Schedule>;
  scheduleTimes(input: { enrolmentId: string; minutes: number | null }, signal?: AbortSignal): Promise<TimeOffer>;
  bookSupervision(input: BookInput): Promise<BookingAnswer>;
  rescheduleSupervision(input: { enrolmentId: string; plannedId: string; slot: TimeSlot }): Promise<RescheduleAnswer>;
  cancelSupervision(input: { enrolmentId: string; plannedId: string }): Promise<Cancelled>;
  /** The meeting as an iCalendar file; fetched with the bearer token, so no token ever sits in a URL. */
  supervisionIcs(input: { enrolmentId: string; plannedId: string }): Promise<Blob>;

  startUpload(enrolmentId: string, upload: StartUpload): Promise<UploadView>;
  upload(input: { enrolmentId: string; uploadId: string }): Promise<UploadView>;
  putBlock(input: { enrolmentId: string; uploadId: string; index: number; bytes: Blob; onProgress: (loaded: number) => void }): BlockTransfer;
  commitUpload(input: { enrolmentId: string; uploadId: string }): Promise<ClipSummary>;
  abandonUpload(input: { enrolmentId: string; uploadId: string }): Promise<void>;

  // The external supervisor (issue 11).
  externalSupervisors(enrolmentId: string, signal?: AbortSignal): Promise<readonly Invitation[]>;
  inviteExternalSupervisor(input: { enrolmentId: string; stage: number; email: string; until: string | null }): Promise<Invitation>;
  revokeExternalSupervisor(input: { enrolmentId: string; stage: number }): Promise<Invitation>;
  shareClipsForMeeting(input: { enrolmentId: string; stage: number; clipIds: readonly string[] }): Promise<Invitation>;
  myExternalStages(signal?: AbortSignal): Promise<readonly ExternalStage[]>;
  externalSignOff(input: { enrolmentId: string; submissionId: string; heldOn: string; minutes: number; outcome: 'signed_off' | 'not_yet' }): Promise<ChangeOutcome<SignedOff['meeting']>>;

  adminReminders(signal?: AbortSignal): Promise<AdminReminders>;
  reminderRules(signal?: AbortSignal): Promise<ReminderRulesView>;
  changeReminderRules(rules: Readonly<Record<string, ReminderRuleTiming>>, etag: string): Promise<ReminderRulesView>;
  reminderPreview(ruleId: string, signal?: AbortSignal): Promise<ReminderPreview>;
  myReminders(signal?: AbortSignal): Promise<MyReminders>;
  changeMyReminderPreferences(prefs: ReminderPreferences): Promise<MyReminders>;
  unmuteReminderRule(ruleId: string): Promise<MyReminders>;
  cancelReminderSnoozes(ruleId: string): Promise<MyReminders>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Call {
  readonly path: string;
  readonly method?: Method;
  readonly body?: unknown;
  readonly auth: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
}

const enc = encodeURIComponent;
const query = (q: Record<string, string | number | null | undefined>): string => {
  const parts = Object.entries(q).flatMap(([k, v]) => (v === undefined || v === null || v === '' ? [] : [`${k}=${enc(String(v))}`]));
  return parts.length ? `?${parts.join('&')}` : '';
};

/** A typed client for the tab API, which is served by the same origin as the tab. */
export function createApi(options: ApiOptions = {}): Api {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function authHeader(): Promise<string> {
    if (!options.getToken) throw new ApiError({ status: 401, code: 'unauthenticated', message: 'Sign in to continue.' });
    return `Bearer ${await options.getToken()}`;
  }

  /** Sends the request; after a `consent_required` answer, again each time the person gives their permission. */
  async function send(c: Call, accept: string): Promise<Response> {
    for (;;) {
      try {
        return await sendOnce(c, accept);
      } catch (e) {
        if (!(isConsentRequired(e) && options.onConsentRequired && (await options.onConsentRequired(e)))) throw e;
      }
    }
  }

  async function sendOnce(c: Call, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept, ...c.headers };
    if (c.body !== undefined) headers['Content-Type'] = 'application/json';
    if (c.auth) headers.Authorization = await authHeader();
    let res: Response;
    try {
      res = await doFetch(c.path, { method: c.method ?? 'GET', headers, body: c.body === undefined ? null : JSON.stringify(c.body), signal: c.signal ?? null, cache: 'no-store' });
    } catch (e) {
      if (c.signal?.aborted) throw e;
      throw new ApiError({ status: 0, code: 'network', message: 'Attune could not be reached. Check your connection and try again.' });
    }
    if (!res.ok) {
      const body: unknown = await res.json().catch(() => undefined);
      if (res.status === 401) options.onUnauthorized?.();
      throw errorFrom(res.status, body);
    }
    return res;
  }

  async function call<T>(c: Call): Promise<T> {
    const res = await send(c, 'application/json');
    const body: unknown = await res.json().catch(() => undefined);
    if (body === undefined) throw new ApiError({ status: res.status, code: 'bad_response', message: 'Attune sent an answer the tab could not read. Try again.' });
    return body as T;
  }

  const get = <T>(path: string, signal?: AbortSignal): Promise<T> => call<T>({ path, auth: true, signal });
  const post = <T>(path: string, body: unknown = {}): Promise<T> => call<T>({ path, method: 'POST', body, auth: true });
  const del = async (path: string): Promise<void> => {
    await call<unknown>({ path, method: 'DELETE', auth: true });
  };
  const enrolment = (id: string): string => `/api/enrolments/${enc(id)}`;
  const clipPath = (i: { enrolmentId: string; clipId: string }): string => `${enrolment(i.enrolmentId)}/clips/${enc(i.clipId)}`;
  const plannedPath = (i: { enrolmentId: string; plannedId: string }): string => `${enrolment(i.enrolmentId)}/schedule/${enc(i.plannedId)}`;
  const uploadPath = (i: { enrolmentId: string; uploadId: string }): string => `${enrolment(i.enrolmentId)}/clip-uploads/${enc(i.uploadId)}`;
  const outcome = <T>(r: { outcome: 'changed' | 'unchanged'; why?: 'already_done' | 'stale' } & Record<string, unknown>, key: string): ChangeOutcome<T> => ({
    outcome: r.outcome,
    ...(r.why ? { why: r.why } : {}),
    value: r[key] as T,
  });

  return {
    config: (signal) => call<TabConfig>({ path: '/api/config', auth: false, signal }),
    devPeople: async (signal) => (await call<{ people: DemoPerson[] }>({ path: '/api/dev/people', auth: false, signal })).people,
    devSignIn: (personId, signal) => call<DevToken>({ path: '/api/dev/sign-in', method: 'POST', body: { personId }, auth: false, signal }),
    me: (signal) => get<Me>('/api/me', signal),
    myProgress: async (signal) => (await get<{ progress: Progress | null }>('/api/me/progress', signal)).progress,
    myProgressHistory: async (signal) => (await get<{ points: ProgressPoint[] | null }>('/api/me/progress/history', signal)).points,
    myTrainees: async (signal) => (await get<{ trainees: TraineeSummary[] }>('/api/me/trainees', signal)).trainees,
    myClipViews: (q, signal) => get(`/api/me/clip-views${query({ limit: q.limit, cursor: q.cursor })}`, signal),

    practice: async (enrolmentId, signal) => (await get<{ practice: PracticeView }>(`${enrolment(enrolmentId)}/practice`, signal)).practice,
    recordsToCosign: async (signal) => (await get<{ records: RecordView[] }>('/api/me/records-to-cosign', signal)).records,
    reviewRecord: async (i) => outcome(await post(`${enrolment(i.enrolmentId)}/records/${enc(i.recordId)}/review`, { revision: i.revision, decision: i.decision, comment: i.comment }), 'record'),

    myContracts: (signal) => get<MyContracts>('/api/me/contracts', signal),
    startContract: async (terms, lineManagerId) => outcome(await post('/api/me/contracts', { terms, ...(lineManagerId ? { lineManagerId } : {}) }), 'contract'),
    signContract: async (i) => outcome(await post(`${enrolment(i.enrolmentId)}/contract/sign`, { version: i.version }), 'contract'),
    declineContract: async (i) => outcome(await post(`${enrolment(i.enrolmentId)}/contract/decline`, { version: i.version, reason: i.reason }), 'contract'),

    serviceSettings: (signal) => get<ServiceView>('/api/admin/service', signal),
    changeServiceSettings: (change, etag) => call<ServiceView>({ path: '/api/admin/service', method: 'PUT', body: change, auth: true, headers: { 'If-Match': etag } }),
    savePathway: async (definition) => (await post<{ pathway: PathwayDefinition }>('/api/admin/pathways', definition)).pathway,
    auditLog: (q, signal) => get<AuditPage>(`/api/audit${query({ limit: q.limit, cursor: q.cursor, action: q.action, outcome: q.outcome })}`, signal),
    adminReminders: (signal) => get<AdminReminders>('/api/admin/reminders', signal),
    reminderRules: (signal) => get<ReminderRulesView>('/api/admin/reminders/rules', signal),
    changeReminderRules: (rules, etag) => call<ReminderRulesView>({ path: '/api/admin/reminders/rules', method: 'PUT', body: { rules }, auth: true, headers: { 'If-Match': etag } }),
    reminderPreview: (ruleId, signal) => get<ReminderPreview>(`/api/admin/reminders/preview/${enc(ruleId)}`, signal),
    myReminders: (signal) => get<MyReminders>('/api/me/reminders', signal),
    changeMyReminderPreferences: (prefs) => call<MyReminders>({ path: '/api/me/reminders/preferences', method: 'PUT', body: prefs, auth: true }),
    unmuteReminderRule: (ruleId) => call<MyReminders>({ path: `/api/me/reminders/mutes/${enc(ruleId)}`, method: 'DELETE', auth: true }),
    cancelReminderSnoozes: (ruleId) => call<MyReminders>({ path: `/api/me/reminders/snoozes/${enc(ruleId)}`, method: 'DELETE', auth: true }),
    auditCsv: async () => (await send({ path: '/api/audit/export', auth: true }, 'text/csv')).blob(),

    clips: async (i, signal) => (await get<{ clips: ClipSummary[] }>(`${enrolment(i.enrolmentId)}/clips${query({ cycleId: i.cycleId })}`, signal)).clips,
    clip: (i, signal) => get<ClipDetail>(clipPath(i), signal),
    playback: async (i) => (await post<{ playback: Playback }>(`${clipPath(i)}/playback`)).playback,
    addMoment: (i) => post(`${clipPath(i)}/moments`, { startMs: i.startMs, endMs: i.endMs, tags: i.tags, note: i.note }),
    removeMoment: (i) => del(`${clipPath(i)}/moments/${enc(i.momentId)}`),
    addStill: async (i) => (await post<{ still: Still }>(`${clipPath(i)}/stills`, { atMs: i.atMs, caption: i.caption })).still,
    removeStill: (i) => del(`${clipPath(i)}/stills/${enc(i.stillId)}`),
    addComment: async (i) => (await post<{ comment: ClipComment }>(`${clipPath(i)}/comments`, { atMs: i.atMs, text: i.text, tags: i.tags })).comment,
    removeComment: (i) => del(`${clipPath(i)}/comments/${enc(i.commentId)}`),

    schedule: (enrolmentId, signal) => get<Schedule>(`${enrolment(enrolmentId)}/schedule`, signal),
    scheduleTimes: (i, signal) => get<TimeOffer>(`${enrolment(i.enrolmentId)}/schedule/times${query({ minutes: i.minutes })}`, signal),
    bookSupervision: (i) => post<BookingAnswer>(`${enrolment(i.enrolmentId)}/schedule`, { bookingId: i.bookingId, start: i.slot.start, end: i.slot.end, series: i.series, ...(i.kind ? { kind: i.kind } : {}) }),
    rescheduleSupervision: (i) => post<RescheduleAnswer>(`${plannedPath(i)}/reschedule`, { start: i.slot.start, end: i.slot.end }),
    cancelSupervision: (i) => post<Cancelled>(`${plannedPath(i)}/cancel`),
    supervisionIcs: async (i) => (await send({ path: `${plannedPath(i)}/calendar.ics`, auth: true }, 'text/calendar')).blob(),

    startUpload: async (enrolmentId, upload) => (await post<{ upload: UploadView }>(`${enrolment(enrolmentId)}/clip-uploads`, upload)).upload,
    upload: async (i) => (await get<{ upload: UploadView }>(uploadPath(i))).upload,
    putBlock: (i) => putBlock({ url: `${uploadPath(i)}/blocks/${i.index}`, bytes: i.bytes, onProgress: i.onProgress, authHeader, onUnauthorized: options.onUnauthorized }),
    commitUpload: async (i) => (await post<{ clip: ClipSummary }>(`${uploadPath(i)}/commit`)).clip,
    abandonUpload: (i) => del(uploadPath(i)),

    externalSupervisors: async (enrolmentId, signal) => (await get<{ invitations: Invitation[] }>(`${enrolment(enrolmentId)}/external-supervisors`, signal)).invitations,
    inviteExternalSupervisor: async (i) => (await post<{ invitation: Invitation }>(`${enrolment(i.enrolmentId)}/external-supervisors`, { stage: i.stage, email: i.email, until: i.until })).invitation,
    revokeExternalSupervisor: async (i) => (await call<{ invitation: Invitation }>({ path: `${enrolment(i.enrolmentId)}/external-supervisors/${i.stage}`, method: 'DELETE', auth: true })).invitation,
    shareClipsForMeeting: async (i) => (await call<{ invitation: Invitation }>({ path: `${enrolment(i.enrolmentId)}/external-supervisors/${i.stage}/shared-clips`, method: 'PUT', body: { clipIds: i.clipIds }, auth: true })).invitation,
    myExternalStages: async (signal) => (await get<{ stages: ExternalStage[] }>('/api/me/external', signal)).stages,
    externalSignOff: async (i) => outcome(await post(`${enrolment(i.enrolmentId)}/external-sign-off`, { submissionId: i.submissionId, heldOn: i.heldOn, minutes: i.minutes, outcome: i.outcome }), 'meeting'),
  };
}

/**
 * A block goes up with XMLHttpRequest rather than fetch: only XHR reports upload progress. The browser sets
 * the exact Content-Length from the Blob, which the vault requires.
 */
function putBlock(input: { url: string; bytes: Blob; onProgress: (loaded: number) => void; authHeader: () => Promise<string>; onUnauthorized: (() => void) | undefined }): BlockTransfer {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const done = (async () => {
    const auth = await input.authHeader();
    if (aborted) throw new DOMException('The upload was paused.', 'AbortError');
    await new Promise<void>((resolve, reject) => {
      xhr.open('PUT', input.url);
      xhr.setRequestHeader('Authorization', auth);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (e) => input.onProgress(e.loaded);
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) return resolve();
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if (xhr.status === 401) input.onUnauthorized?.();
        reject(errorFrom(xhr.status, body));
      };
      xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', message: 'The connection dropped while sending the video.' }));
      xhr.onabort = () => reject(new DOMException('The upload was paused.', 'AbortError'));
      xhr.send(input.bytes);
    });
  })();
  return {
    done,
    abort: () => {
      aborted = true;
      xhr.abort();
    },
  };
}

function errorFrom(status: number, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
    const details = 'details' in error && Array.isArray(error.details) ? error.details.filter((d): d is string => typeof d === 'string') : [];
    return new ApiError({ status, code, message: error.message, details });
  }
  const message = status >= 500 ? 'Attune had a problem on its side. Try again in a moment.' : status === 429 ? 'Attune is busy. Wait a moment and try again.' : `The request failed (HTTP ${status}).`;
  return new ApiError({ status, code: 'http_error', message });
}
