import * as z from 'zod';
import { AuditPage, AuditQuery, ClipViews } from './audit';
import {
  Abandoned,
  AddComment,
  AddedComment,
  AddedMoment,
  AddedStill,
  AddMoment,
  AddStill,
  BlockParams,
  BlockReceived,
  ClipDetail,
  ClipList,
  ClipListQuery,
  ClipParams,
  CommentParams,
  Deleted,
  LegalHold,
  MomentParams,
  OneClip,
  OneClipParams,
  OneUpload,
  PlaybackStarted,
  StartPlayback,
  StartUpload,
  StillParams,
  UploadParams,
} from './clips';
import { Bytes, Empty, PageQuery, PathId } from './common';
import { ContractChange, DeclineContract, MyContracts, SignContract, StartContract } from './contracts';
import { ExternalSignOff, Invitations, InvitationParams, InviteExternalSupervisor, MyExternalStages, OneInvitation, ShareClips, SignedOff } from './external-supervisors';
import { DemoPeople, DevSignIn, DevToken, Health, Jwks, Me, TabConfig } from './people';
import { Practice, RecordsToCosign, ReviewedRecord, ReviewRecord } from './practice';
import { MyProgress, MyProgressHistory, MyTrainees } from './progress';
import { route, type RouteSpec } from './route';
import { PathwayDraft, SavedPathway, ServiceSettingsChange, ServiceView } from './service';

const enrolment = '/api/enrolments/{enrolmentId}';
const EnrolmentParams = z.object({ enrolmentId: PathId('enrolment') });

/** What the media GET and HEAD both read: a playback grant in the path, an optional Range. */
const mediaRequest = {
  auth: 'playback-grant',
  params: z.object({ grant: PathId('playback grant') }),
  headers: z.object({ range: z.string().optional().describe('bytes=start-end') }),
  status: 200,
  alsoStatuses: [206, 416],
} as const;

/** Every route Attune serves but the tab's own files (`/`, `/tab`, `/tab/*`), which are not an API. */
export const routes = {
  health: route({ method: 'GET', path: '/healthz', operationId: 'health', summary: 'Whether Attune and its storage answer (503 when storage does not).', tag: 'service', auth: 'none', status: 200, response: Health }),
  config: route({ method: 'GET', path: '/api/config', operationId: 'config', summary: 'What the tab needs before sign-in: sign-in mode, SSO client id, the principle vocabulary in force.', tag: 'service', auth: 'none', status: 200, response: TabConfig }),
  openApi: route({ method: 'GET', path: '/api/openapi.json', operationId: 'openApi', summary: 'This document (development only).', tag: 'service', auth: 'none', development: true, status: 200, response: z.looseObject({ openapi: z.literal('3.1.0') }) }),

  me: route({ method: 'GET', path: '/api/me', operationId: 'me', summary: 'Who is signed in, and their roles.', tag: 'me', auth: 'bearer', status: 200, response: Me }),
  myProgress: route({ method: 'GET', path: '/api/me/progress', operationId: 'myProgress', summary: 'The trainee’s progress on their pathway.', tag: 'me', auth: 'bearer', status: 200, response: MyProgress }),
  myProgressHistory: route({ method: 'GET', path: '/api/me/progress/history', operationId: 'myProgressHistory', summary: 'The trainee’s progress month by month.', tag: 'me', auth: 'bearer', status: 200, response: MyProgressHistory }),
  myTrainees: route({ method: 'GET', path: '/api/me/trainees', operationId: 'myTrainees', summary: 'Trainees the person supervises or line-manages, with their progress.', tag: 'me', auth: 'bearer', status: 200, response: MyTrainees }),
  myClipViews: route({ method: 'GET', path: '/api/me/clip-views', operationId: 'myClipViews', summary: 'Who viewed the trainee’s clips, newest first.', tag: 'me', auth: 'bearer', query: PageQuery, status: 200, response: ClipViews }),

  auditLog: route({ method: 'GET', path: '/api/audit', operationId: 'auditLog', summary: 'A page of the audit log, newest first (service admins).', tag: 'audit', auth: 'bearer', query: AuditQuery, status: 200, response: AuditPage }),
  auditExport: route({
    method: 'GET',
    path: '/api/audit/export',
    operationId: 'auditExport',
    summary: 'The whole audit log as CSV (service admins).',
    tag: 'audit',
    auth: 'bearer',
    status: 200,
    response: Bytes.describe('CSV: at, actor_tenant, actor_object, action, object_kind, object_id, outcome, purpose, subject.'),
    responseContentType: 'text/csv',
    responseHeaders: { 'Content-Disposition': 'attachment; filename="attune-audit.csv"' },
  }),

  serviceSettings: route({ method: 'GET', path: '/api/admin/service', operationId: 'serviceSettings', summary: 'The service’s settings, pathways and principle vocabulary (service admins).', tag: 'admin', auth: 'bearer', status: 200, response: ServiceView }),
  changeServiceSettings: route({
    method: 'PUT',
    path: '/api/admin/service',
    operationId: 'changeServiceSettings',
    summary: 'Change lawful basis, retention and pathway; If-Match must carry the etag read (service admins).',
    tag: 'admin',
    auth: 'bearer',
    headers: z.object({
      'if-match': z.string({ error: 'Send the settings version you edited (If-Match), so a newer change is never overwritten.' }).min(1, { error: 'Send the settings version you edited (If-Match), so a newer change is never overwritten.' }).describe('The etag of the settings edited.'),
    }),
    body: ServiceSettingsChange,
    heading: 'The settings need attention.',
    status: 200,
    response: ServiceView,
  }),
  savePathway: route({ method: 'POST', path: '/api/admin/pathways', operationId: 'savePathway', summary: 'Save an edited pathway as its next version (service admins).', tag: 'admin', auth: 'bearer', body: PathwayDraft, heading: 'The pathway needs attention.', status: 201, response: SavedPathway }),

  practice: route({ method: 'GET', path: `${enrolment}/practice`, operationId: 'practice', summary: 'An enrolment’s cases, cycles and supervision sessions (trainee and supervisor).', tag: 'practice', auth: 'bearer', params: EnrolmentParams, status: 200, response: Practice }),
  recordsToCosign: route({ method: 'GET', path: '/api/me/records-to-cosign', operationId: 'recordsToCosign', summary: 'Supervision records awaiting the supervisor’s co-signature.', tag: 'practice', auth: 'bearer', status: 200, response: RecordsToCosign }),
  reviewRecord: route({
    method: 'POST',
    path: `${enrolment}/records/{recordId}/review`,
    operationId: 'reviewRecord',
    summary: 'Co-sign or return a supervision record (its supervisor).',
    tag: 'practice',
    auth: 'bearer',
    params: EnrolmentParams.extend({ recordId: PathId('record') }),
    body: ReviewRecord,
    heading: 'That review could not be read.',
    status: 200,
    response: ReviewedRecord,
  }),

  myContracts: route({ method: 'GET', path: '/api/me/contracts', operationId: 'myContracts', summary: 'The contracts the person is a party to, and whether they may start one.', tag: 'contracts', auth: 'bearer', status: 200, response: MyContracts }),
  startContract: route({ method: 'POST', path: '/api/me/contracts', operationId: 'startContract', summary: 'A trainee sends their first contract for signature (201; 200 when nothing changed).', tag: 'contracts', auth: 'bearer', body: StartContract, heading: 'The contract could not be read.', status: 201, alsoStatuses: [200], response: ContractChange }),
  signContract: route({ method: 'POST', path: `${enrolment}/contract/sign`, operationId: 'signContract', summary: 'A party signs the version they read.', tag: 'contracts', auth: 'bearer', params: EnrolmentParams, body: SignContract, status: 200, response: ContractChange }),
  declineContract: route({ method: 'POST', path: `${enrolment}/contract/decline`, operationId: 'declineContract', summary: 'A party declines the version they read, with a reason.', tag: 'contracts', auth: 'bearer', params: EnrolmentParams, body: DeclineContract, status: 200, response: ContractChange }),

  startUpload: route({ method: 'POST', path: `${enrolment}/clip-uploads`, operationId: 'startUpload', summary: 'Start a resumable clip upload.', tag: 'clips', auth: 'bearer', params: ClipParams, body: StartUpload, status: 201, response: OneUpload }),
  upload: route({ method: 'GET', path: `${enrolment}/clip-uploads/{uploadId}`, operationId: 'upload', summary: 'An upload, with the blocks still missing.', tag: 'clips', auth: 'bearer', params: UploadParams, status: 200, response: OneUpload }),
  putBlock: route({
    method: 'PUT',
    path: `${enrolment}/clip-uploads/{uploadId}/blocks/{index}`,
    operationId: 'putBlock',
    summary: 'One block of an upload, as raw bytes with its exact Content-Length.',
    tag: 'clips',
    auth: 'bearer',
    params: BlockParams,
    headers: z.object({ 'content-length': z.string().optional().describe('Exactly the block’s length.') }),
    body: Bytes.describe('The block’s bytes.'),
    bodyContentType: 'application/octet-stream',
    status: 200,
    response: BlockReceived,
  }),
  commitUpload: route({ method: 'POST', path: `${enrolment}/clip-uploads/{uploadId}/commit`, operationId: 'commitUpload', summary: 'Finish an upload: the clip becomes available.', tag: 'clips', auth: 'bearer', params: UploadParams, body: Empty, status: 201, response: OneClip }),
  abandonUpload: route({ method: 'DELETE', path: `${enrolment}/clip-uploads/{uploadId}`, operationId: 'abandonUpload', summary: 'Give up an unfinished upload (its key is destroyed).', tag: 'clips', auth: 'bearer', params: UploadParams, status: 200, response: Abandoned }),
  clips: route({ method: 'GET', path: `${enrolment}/clips`, operationId: 'clips', summary: 'The clips of an enrolment (or one cycle) the person may view.', tag: 'clips', auth: 'bearer', params: ClipParams, query: ClipListQuery, status: 200, response: ClipList }),
  clip: route({ method: 'GET', path: `${enrolment}/clips/{clipId}`, operationId: 'clip', summary: 'A clip with its moments, stills and comments.', tag: 'clips', auth: 'bearer', params: OneClipParams, status: 200, response: ClipDetail }),
  deleteClip: route({ method: 'DELETE', path: `${enrolment}/clips/{clipId}`, operationId: 'deleteClip', summary: 'Delete a clip (crypto-shredded).', tag: 'clips', auth: 'bearer', params: OneClipParams, status: 200, response: Deleted }),
  legalHold: route({ method: 'PUT', path: `${enrolment}/clips/{clipId}/legal-hold`, operationId: 'legalHold', summary: 'Put a clip on legal hold or take it off (service admins).', tag: 'clips', auth: 'bearer', params: OneClipParams, body: LegalHold, status: 200, response: OneClip }),
  startPlayback: route({ method: 'POST', path: `${enrolment}/clips/{clipId}/playback`, operationId: 'startPlayback', summary: 'Start viewing a clip (audited): a short-lived media path.', tag: 'clips', auth: 'bearer', params: OneClipParams, body: StartPlayback, status: 201, response: PlaybackStarted }),
  addMoment: route({ method: 'POST', path: `${enrolment}/clips/{clipId}/moments`, operationId: 'addMoment', summary: 'Mark a moment, with the principles it shows.', tag: 'clips', auth: 'bearer', params: OneClipParams, body: AddMoment, status: 201, response: AddedMoment }),
  removeMoment: route({ method: 'DELETE', path: `${enrolment}/clips/{clipId}/moments/{momentId}`, operationId: 'removeMoment', summary: 'Remove a moment.', tag: 'clips', auth: 'bearer', params: MomentParams, status: 200, response: Deleted }),
  addStill: route({ method: 'POST', path: `${enrolment}/clips/{clipId}/stills`, operationId: 'addStill', summary: 'Keep a still, with a caption.', tag: 'clips', auth: 'bearer', params: OneClipParams, body: AddStill, status: 201, response: AddedStill }),
  removeStill: route({ method: 'DELETE', path: `${enrolment}/clips/{clipId}/stills/{stillId}`, operationId: 'removeStill', summary: 'Remove a still.', tag: 'clips', auth: 'bearer', params: StillParams, status: 200, response: Deleted }),
  addComment: route({ method: 'POST', path: `${enrolment}/clips/{clipId}/comments`, operationId: 'addComment', summary: 'Comment at a time in the clip.', tag: 'clips', auth: 'bearer', params: OneClipParams, body: AddComment, status: 201, response: AddedComment }),
  removeComment: route({ method: 'DELETE', path: `${enrolment}/clips/{clipId}/comments/{commentId}`, operationId: 'removeComment', summary: 'Remove one’s own comment.', tag: 'clips', auth: 'bearer', params: CommentParams, status: 200, response: Deleted }),

  externalSupervisors: route({ method: 'GET', path: `${enrolment}/external-supervisors`, operationId: 'externalSupervisors', summary: 'The external supervisors invited to the enrolment’s stage meetings (trainee, supervisor, service admins).', tag: 'external-supervisors', auth: 'bearer', params: EnrolmentParams, status: 200, response: Invitations }),
  inviteExternalSupervisor: route({
    method: 'POST',
    path: `${enrolment}/external-supervisors`,
    operationId: 'inviteExternalSupervisor',
    summary: 'Invite an external supervisor by email to the current stage’s meeting (the supervisor, service admins).',
    tag: 'external-supervisors',
    auth: 'bearer',
    params: EnrolmentParams,
    body: InviteExternalSupervisor,
    heading: 'The invitation needs a few changes.',
    status: 201,
    response: OneInvitation,
  }),
  revokeExternalSupervisor: route({ method: 'DELETE', path: `${enrolment}/external-supervisors/{stage}`, operationId: 'revokeExternalSupervisor', summary: 'Revoke a stage’s invitation: access stops at once (the supervisor, service admins).', tag: 'external-supervisors', auth: 'bearer', params: InvitationParams, status: 200, response: OneInvitation }),
  shareClipsForMeeting: route({
    method: 'PUT',
    path: `${enrolment}/external-supervisors/{stage}/shared-clips`,
    operationId: 'shareClipsForMeeting',
    summary: 'The clips the external supervisor sees for the meeting, as a whole list (the trainee; supervisor-viewing consent needed).',
    tag: 'external-supervisors',
    auth: 'bearer',
    params: InvitationParams,
    body: ShareClips,
    heading: 'Those clips could not be shared.',
    status: 200,
    response: OneInvitation,
  }),
  myExternalStages: route({ method: 'GET', path: '/api/me/external', operationId: 'myExternalStages', summary: 'The external supervisor’s invitations: each trainee’s stage summary and shared clips.', tag: 'external-supervisors', auth: 'bearer', status: 200, response: MyExternalStages }),
  externalSignOff: route({
    method: 'POST',
    path: `${enrolment}/external-sign-off`,
    operationId: 'externalSignOff',
    summary: 'The external supervisor signs the stage off (which ends it) or records not yet (201; 200 when sent before).',
    tag: 'external-supervisors',
    auth: 'bearer',
    params: EnrolmentParams,
    body: ExternalSignOff,
    heading: 'The sign-off needs a few changes.',
    status: 201,
    alsoStatuses: [200],
    response: SignedOff,
  }),

  media: route({
    method: 'GET',
    path: '/api/media/{grant}',
    operationId: 'media',
    summary: 'A clip’s bytes for a <video> element holding a playback grant; honours Range (206, or 416 when unsatisfiable).',
    tag: 'clips',
    ...mediaRequest,
    response: Bytes.describe('The video, decrypted and verified.'),
    responseContentType: 'video/*',
    responseHeaders: { 'Accept-Ranges': 'bytes', 'Content-Range': 'bytes start-end/size (206, 416)' },
  }),
  mediaHead: route({
    method: 'HEAD',
    path: '/api/media/{grant}',
    operationId: 'mediaHead',
    summary: 'The media headers alone (size, type, range) for a playback grant.',
    tag: 'clips',
    ...mediaRequest,
    response: Bytes.describe('No body: the headers of the GET.'),
    responseContentType: 'video/*',
  }),

  devIssuerKeys: route({ method: 'GET', path: '/dev-issuer/{tenant}/discovery/v2.0/keys', operationId: 'devIssuerKeys', summary: 'The development issuer’s signing keys, at the path Entra uses (development only).', tag: 'development', auth: 'none', development: true, params: z.object({ tenant: PathId('tenant') }), status: 200, response: Jwks }),
  devPeople: route({ method: 'GET', path: '/api/dev/people', operationId: 'devPeople', summary: 'The demo people one may sign in as (development only).', tag: 'development', auth: 'none', development: true, status: 200, response: DemoPeople }),
  devSignIn: route({ method: 'POST', path: '/api/dev/sign-in', operationId: 'devSignIn', summary: 'Sign in as a demo person (development only).', tag: 'development', auth: 'none', development: true, body: DevSignIn, status: 200, response: DevToken }),

  messages: route({
    method: 'POST',
    path: '/api/messages',
    operationId: 'messages',
    summary: 'The bot endpoint: Bot Framework activities, authenticated by the Bot Framework token.',
    tag: 'bot',
    auth: 'bot-framework',
    body: z.looseObject({ type: z.string().optional(), channelId: z.string().optional(), serviceUrl: z.string().optional() }, { error: 'Send a Bot Framework activity.' }).describe('A Bot Framework activity.'),
    status: 200,
    response: z.looseObject({}).describe('Empty, or an invoke response body.'),
  }),
} as const;

export type Routes = typeof routes;
/** The route table, in the order above. */
export const routeTable: readonly RouteSpec[] = Object.values(routes);
