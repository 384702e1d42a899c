import type { ClipComment, Moment, Still } from '../moment';
import type { Clip, UploadSession } from '../clips/clip';
import type { PlaybackGrant } from '../clips/playback';
import type { Contract } from '../contract';
import type { CardDelivery, ConversationRecord } from '../conversation';
import type { ExternalSupervisorInvitation } from '../external-supervision';
import type { PathwayDefinition } from '../pathway';
import type { Person } from '../people';
import type { PrincipleVocabulary } from '../principles';
import type { Case, Cycle, Enrolment, StageMeeting, SupervisionSession } from '../practice';
import type { OutboxRow } from '../reminders/delivery';
import type { Mute, ReminderPreferences, Snooze } from '../reminders/due';
import type { ReminderRules } from '../reminders/rules';
import type { PlannedSupervision } from '../scheduling/planned-supervision';
import { lawfulBasisWording, retentionSchedule, type ServiceSettings } from '../service';
import type { SupervisionRecord } from '../supervision-record';

/**
 * The data map: every place Attune stores anything (each table, blob prefix and queue), every field in it, and
 * for each place what personal data it holds, why, under which lawful basis, for how long, who can see it and
 * how it is erased. It is the DPIA's inventory, shown and exported in the admin tab and by `npm run data-map`.
 *
 * A test (`test/contract/governance/data-map-storage.test.ts`) fills a real Azurite through the app's own flows
 * and fails when a table, blob prefix or field it finds has no entry here; the `fields` of domain records are
 * typed `FieldsOf<T>`, so adding a field to a record type without describing it here fails `tsc` first.
 */

/** Whose data it is. */
export type DataSubject = 'family' | 'trainee' | 'supervisor' | 'external_supervisor' | 'line_manager' | 'service_admin' | 'staff';

/** What kind of data it is (the DPIA's own words). */
export type DataSensitivity =
  /** Video and stills of families (often children), and free text about them: special-category data is likely. */
  | 'special_category'
  /** About a family, but through a pseudonymous case code only. */
  | 'pseudonymised'
  /** About staff: ids, dates, free text of their training. */
  | 'personal'
  /** Nothing about a person (keys, counters, configuration). */
  | 'none';

/**
 * The lawful basis: `service` is the basis the service chose (its setting, consent or public task); the others
 * are fixed by what the data is for.
 */
export type BasisRule = 'service' | 'legitimate_interests' | 'legal_obligation' | 'none';

/** How long it is kept. */
export type RetentionRule =
  /** End of involvement plus the service's video months (default 2). */
  | { readonly kind: 'video' }
  /** End of involvement plus the service's record months (default 72). */
  | { readonly kind: 'records' }
  /** Something with a fixed life, in words. */
  | { readonly kind: 'fixed'; readonly text: string };

export type StorageLocation =
  | { readonly kind: 'table'; readonly table: string }
  | { readonly kind: 'blob'; readonly container: string; readonly prefix: string }
  | { readonly kind: 'queue'; readonly queue: string };

/** Every key of every member of a union (keyof alone gives only the common ones). */
type AllKeys<T> = T extends unknown ? keyof T : never;
/** A description of every top-level field of a stored record: a missing or unknown one fails to compile. */
export type FieldsOf<T> = { readonly [K in AllKeys<T> & string]: string };
const fieldsOf = <T>(f: FieldsOf<T>): Readonly<Record<string, string>> => f;

export interface DataMapEntry {
  /** The stable id of the entry (also the table name without prefix, for tables). */
  readonly id: string;
  /** The heading in the DPIA, e.g. "Case codes and consent". */
  readonly category: string;
  readonly location: StorageLocation;
  readonly sensitivity: DataSensitivity;
  readonly subjects: readonly DataSubject[];
  readonly purpose: string;
  readonly basis: BasisRule;
  readonly retention: RetentionRule;
  /** Who can see it in Attune (people with access to the storage account aside). */
  readonly visibleTo: string;
  /** How it is erased: by which job or request, and how (crypto-shredding, row deletion). */
  readonly erasure: string;
  /** Field name → what it holds. For a table, the top-level fields of its JSON (or its columns). */
  readonly fields: Readonly<Record<string, string>>;
}

const tableAt = (table: string): StorageLocation => ({ kind: 'table', table });
const byCase = 'Deleted by the retention job with the case (end of involvement + months), or on an erasure request; legal hold stops it';
const byClip = 'Deleted with its clip (crypto-shredded: the data key first), by the retention job, the trainee, or an erasure request; legal hold stops it';
const staffRecord = 'Kept while the enrolment lasts; erased on a subject-access or erasure request of the person';
const whenSpent = 'Removed by the job that uses it when spent';
const id = 'Record id (random)';
const enrolmentId = 'The enrolment it belongs to';
const at = 'When it happened';
const person = 'A person id (tenant + Entra object id)';

export const dataMap: readonly DataMapEntry[] = [
  // ---- Families (cases) ----
  {
    id: 'cases', category: 'Case codes and consent', location: tableAt('cases'), sensitivity: 'pseudonymised', subjects: ['family'],
    purpose: 'Know which family a cycle and clip belongs to, and what the family consented to', basis: 'service', retention: { kind: 'records' },
    visibleTo: 'The trainee; their supervisor; service admins', erasure: `${byCase}; deleted last, after everything that refers to it`,
    fields: fieldsOf<Case>({ id, enrolmentId, code: 'The pseudonymous case code (never a name)', lawfulBasis: 'The lawful basis at the time the case was opened', consent: 'Each consent scope: granted or not, and when recorded', openedOn: 'Date opened', endOfInvolvement: 'Date the service\'s involvement ended (starts the retention clocks)', legalHold: 'Set by a service admin: nothing of the case is deleted while it is set', consentVersion: 'Version of the consent in force', consentReviewOn: 'When consent is next reviewed with the family', consentHistory: 'Every version of the consent (scope decisions, who recorded each change, when)', endOfInvolvementRecorded: 'Who recorded the end of involvement, and when' }),
  },
  {
    id: 'cycles', category: 'Cycles (filming and shared review)', location: tableAt('cycles'), sensitivity: 'pseudonymised', subjects: ['family', 'trainee'],
    purpose: 'Count the trainee\'s practice towards accreditation', basis: 'service', retention: { kind: 'records' },
    visibleTo: 'The trainee; their supervisor; their line manager (as counts)', erasure: byCase,
    fields: fieldsOf<Cycle>({ id, enrolmentId, caseId: 'The case filmed', filmedOn: 'Date filmed', sharedReviewOn: 'Date of the shared review' }),
  },
  // ---- Video ----
  {
    id: 'clip-video', category: 'Clips (video)', location: { kind: 'blob', container: 'attune-clips', prefix: 'clips/' }, sensitivity: 'special_category', subjects: ['family', 'trainee'],
    purpose: 'Micro-analysis, shared review and supervision of the trainee\'s practice', basis: 'service', retention: { kind: 'video' },
    visibleTo: 'The trainee; their supervisor (with supervisor-viewing consent); an external supervisor it was shared with; never line managers', erasure: byClip,
    fields: { video: 'The video, encrypted (AES-256-GCM) under the clip\'s own data key' },
  },
  {
    id: 'clips', category: 'Clips (records)', location: tableAt('clips'), sensitivity: 'special_category', subjects: ['family', 'trainee'],
    purpose: 'Find, label and play a clip', basis: 'service', retention: { kind: 'video' },
    visibleTo: 'As the clip', erasure: byClip,
    fields: fieldsOf<Clip>({ id, enrolmentId, caseId: 'The case filmed', cycleId: 'The cycle', kind: 'Client interaction or shared review', title: 'Display title (free text)', fileName: 'Cleaned name of the uploaded file (free text)', mediaType: 'Video type', layout: 'How the encrypted blob is laid out (its random storage name, sizes)', uploadedBy: person, uploadedAt: at, legalHold: 'On legal hold', legalHoldSince: 'When the hold was placed', state: 'Available or being deleted', deletionStartedAt: 'When a deletion began', deletionReason: 'Retention or request', reviewOf: 'For a shared review: the interaction clip it reviewed and the moments it showed', legalHoldReason: 'Why a hold was placed (a fixed list)', legalHoldNote: 'The admin\'s note about the hold (free text; display only, never logged)', legalHoldBy: 'Who placed the hold' }),
  },
  {
    id: 'clipuploads', category: 'Clips (uploads in progress)', location: tableAt('clipuploads'), sensitivity: 'special_category', subjects: ['family', 'trainee'],
    purpose: 'Resume an upload', basis: 'service', retention: { kind: 'fixed', text: 'Discarded when it expires unfinished (6 days by default); committed ones with the case on the video schedule' },
    visibleTo: 'The trainee', erasure: 'Discarded by the retention job (expired) or with the case on the video schedule',
    fields: fieldsOf<UploadSession>({ id, enrolmentId, caseId: 'The case filmed', cycleId: 'The cycle', kind: 'Client interaction or shared review', title: 'Display title (free text)', fileName: 'Cleaned file name (free text)', clipId: 'The clip it becomes', layout: 'Encrypted layout', uploadedBy: person, startedAt: at, expiresAt: 'When it is discarded unfinished', mediaType: 'Video type (from its bytes)', state: 'Open or committed', committedAt: 'When committed' }),
  },
  {
    id: 'clipkeys', category: 'Clips (wrapped data keys)', location: tableAt('clipkeys'), sensitivity: 'none', subjects: [],
    purpose: 'Decrypt a clip; destroying the row crypto-shreds every copy of the video', basis: 'none', retention: { kind: 'video' },
    visibleTo: 'Nobody (the server only)', erasure: 'Destroyed first when a clip is deleted',
    fields: { kekId: 'Which key-encryption key wrapped it', algorithm: 'Wrapping algorithm', wrapped: 'The wrapped data key', createdAt: at },
  },
  {
    id: 'clipblocks', category: 'Clips (upload block claims)', location: tableAt('clipblocks'), sensitivity: 'none', subjects: [],
    purpose: 'Refuse a resent upload block with different bytes', basis: 'none', retention: { kind: 'video' },
    visibleTo: 'Nobody (the server only)', erasure: 'Deleted with the clip or discarded upload',
    fields: { digest: 'Digest of the block\'s authentication tags' },
  },
  {
    id: 'clipgrants', category: 'Clips (playback grants)', location: tableAt('clipgrants'), sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'external_supervisor'],
    purpose: 'Let one person play one clip for a few hours', basis: 'legitimate_interests', retention: { kind: 'fixed', text: 'Useless after 4 hours; removed with the clip' },
    visibleTo: 'Nobody (the server only)', erasure: 'Expires; only a digest of its secret is stored',
    fields: fieldsOf<PlaybackGrant & { digest: string }>({ clipId: 'The clip', enrolmentId, caseId: 'The case', person: 'Who may play it', personId: person, purpose: 'Why it is viewed', issuedAt: at, idleExpiresAt: 'Idle expiry', expiresAt: 'Hard expiry', digest: 'SHA-256 of the grant\'s secret' }),
  },
  {
    id: 'clipmoments', category: 'Moments', location: tableAt('clipmoments'), sensitivity: 'special_category', subjects: ['family', 'trainee'],
    purpose: '"Better than usual" moments for the shared review and supervision', basis: 'service', retention: { kind: 'video' },
    visibleTo: 'As the clip', erasure: byClip,
    fields: fieldsOf<Moment>({ id, clipId: 'The clip', enrolmentId, cycleId: 'The cycle', startMs: 'Start time in the clip', endMs: 'End time', tags: 'Principle tags', note: 'Note (free text about the family)', createdBy: person, createdAt: at }),
  },
  {
    id: 'clipstills', category: 'Stills', location: tableAt('clipstills'), sensitivity: 'special_category', subjects: ['family', 'trainee'],
    purpose: 'Stills for the shared review', basis: 'service', retention: { kind: 'video' },
    visibleTo: 'As the clip', erasure: byClip,
    fields: fieldsOf<Still>({ id, clipId: 'The clip', enrolmentId, atMs: 'Time in the clip', caption: 'Caption (free text, sealed under the case key)', image: 'The frame as a JPEG, encrypted under a subkey of the clip\'s key (size and where it is stored)', createdBy: person, createdAt: at }),
  },
  {
    id: 'clipcomments', category: 'Comments', location: tableAt('clipcomments'), sensitivity: 'special_category', subjects: ['family', 'trainee', 'supervisor'],
    purpose: 'Time-coded supervision comments', basis: 'service', retention: { kind: 'video' },
    visibleTo: 'As the clip', erasure: byClip,
    fields: fieldsOf<ClipComment>({ id, clipId: 'The clip', enrolmentId, atMs: 'Time in the clip', endMs: 'End time', text: 'Comment (free text)', tags: 'Principle tags', authorId: person, createdAt: at }),
  },
  // ---- Training ----
  {
    id: 'people', category: 'People', location: tableAt('people'), sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'external_supervisor', 'line_manager', 'service_admin'],
    purpose: 'Show who is who', basis: 'legitimate_interests', retention: { kind: 'fixed', text: staffRecord },
    visibleTo: 'People who work together on an enrolment; service admins', erasure: 'On an erasure request of the person',
    fields: fieldsOf<Person>({ id: person, tenantId: 'Entra tenant', objectId: 'Entra object id', displayName: 'Display name' }),
  },
  {
    id: 'enrolments', category: 'Enrolments', location: tableAt('enrolments'), sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'line_manager'],
    purpose: 'Run the trainee\'s pathway to accreditation', basis: 'legitimate_interests', retention: { kind: 'fixed', text: staffRecord },
    visibleTo: 'The trainee, supervisor, line manager; service admins', erasure: 'On an erasure request of the trainee',
    fields: fieldsOf<Enrolment>({ id, serviceId: 'The service', traineeId: person, supervisorId: person, lineManagerId: person, pathway: 'Pathway and version', startedOn: 'Start date' }),
  },
  {
    id: 'supervision', category: 'Supervision sessions', location: tableAt('supervision'), sensitivity: 'personal', subjects: ['trainee', 'supervisor'],
    purpose: 'Count supervision minutes', basis: 'legitimate_interests', retention: { kind: 'fixed', text: `${staffRecord}; a closed case's id is removed on the records schedule` },
    visibleTo: 'The trainee, supervisor; the line manager as counts', erasure: 'Case references removed by the retention job; the row on request',
    fields: fieldsOf<SupervisionSession>({ id, enrolmentId, heldOn: 'Date', minutes: 'Length', mode: 'In person or Teams', caseIds: 'Cases discussed', clipIds: 'Clips reviewed' }),
  },
  {
    id: 'supervisionrecords', category: 'Supervision notes (records)', location: tableAt('supervisionrecords'), sensitivity: 'pseudonymised', subjects: ['trainee', 'supervisor', 'family'],
    purpose: 'The trainee\'s written reflection on supervision, co-signed by the supervisor', basis: 'legitimate_interests', retention: { kind: 'records' },
    visibleTo: 'The trainee and supervisor', erasure: 'Free text redacted by the retention job once every case it discussed is past the records schedule; the row on request',
    fields: fieldsOf<SupervisionRecord>({ id, enrolmentId, sessionId: 'The supervision session', revision: 'Revision', content: 'Learning question, what was working, learning points, next steps (free text), consent confirmed', vocabulary: 'Principle vocabulary version', state: 'Draft, awaiting co-sign, returned, co-signed (with the supervisor\'s comment)', redactedAt: 'When the retention job removed its free text' }),
  },
  {
    id: 'meetings', category: 'Stage meetings', location: tableAt('meetings'), sensitivity: 'personal', subjects: ['trainee', 'external_supervisor'],
    purpose: 'Sign off a stage', basis: 'legitimate_interests', retention: { kind: 'fixed', text: staffRecord },
    visibleTo: 'The trainee, supervisor, external supervisor of the stage', erasure: 'On request',
    fields: fieldsOf<StageMeeting>({ id, enrolmentId, stage: 'Stage', kind: 'Transition or accreditation', heldOn: 'Date', minutes: 'Length', externalSupervisorId: person, outcome: 'Signed off or not yet', awaitingExternalSignOff: 'The supervisor\'s recommendation' }),
  },
  {
    id: 'contracts', category: 'VIG contracts', location: tableAt('contracts'), sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'line_manager'],
    purpose: 'The three-way contract (protected time, equipment, IG duties)', basis: 'legitimate_interests', retention: { kind: 'fixed', text: staffRecord },
    visibleTo: 'The three parties; service admins', erasure: 'On request',
    fields: fieldsOf<Contract>({ id, enrolmentId, version: 'Version', parties: 'The three person ids', terms: 'Terms (some free text)', state: 'Draft, signatures, active, declined (with a reason), ended' }),
  },
  {
    id: 'plannedsupervision', category: 'Planned supervision', location: tableAt('plannedsupervision'), sensitivity: 'personal', subjects: ['trainee', 'supervisor'],
    purpose: 'Book supervision as Teams meetings', basis: 'legitimate_interests', retention: { kind: 'fixed', text: staffRecord },
    visibleTo: 'The trainee and supervisor', erasure: 'On request',
    fields: fieldsOf<PlannedSupervision>({ id, enrolmentId, kind: 'Supervision or stage meeting', window: 'When', organiserId: person, attendeeIds: 'Person ids', guestCount: 'Guests (count only)', bookedBy: person, bookingId: 'Booking id', seriesIndex: 'Place in a series', cadence: 'Series cadence', attempt: 'Booking attempt', state: 'Booking state (Outlook event id, join link)', checkedAt: 'Last read back from Outlook' }),
  },
  {
    id: 'externalsupervisors', category: 'External supervisor invitations', location: tableAt('externalsupervisors'), sensitivity: 'personal', subjects: ['external_supervisor', 'trainee'],
    purpose: 'Let an external supervisor see one stage and the clips shared for it', basis: 'legitimate_interests', retention: { kind: 'fixed', text: staffRecord },
    visibleTo: 'The trainee, supervisor, the invited person; service admins', erasure: 'On request',
    fields: fieldsOf<ExternalSupervisorInvitation>({ id, enrolmentId, stage: 'Stage', meetingKind: 'Meeting kind', email: 'Invited email address', invitedBy: person, invitedAt: at, until: 'Access ends', status: 'Invited, accepted, revoked, ended (with the person id)', sharedClipIds: 'Clips shared' }),
  },
  // ---- Service configuration ----
  {
    id: 'services', category: 'Service settings', location: tableAt('services'), sensitivity: 'personal', subjects: ['service_admin'],
    purpose: 'Lawful basis, retention and pathway of the service', basis: 'legitimate_interests', retention: { kind: 'fixed', text: 'While the service uses Attune' },
    visibleTo: 'Service admins', erasure: 'An admin\'s id is removed when they stop being an admin',
    fields: fieldsOf<ServiceSettings>({ id: 'Service id', name: 'Service name', lawfulBasis: 'Lawful basis', retentionMonthsAfterEnd: 'Video retention months', recordRetentionMonthsAfterEnd: 'Record retention months', pathway: 'Pathway for new enrolments', admins: 'Admin person ids', vocabulary: 'The principle vocabulary version in force' }),
  },
  {
    id: 'pathways', category: 'Pathways', location: tableAt('pathways'), sensitivity: 'none', subjects: [],
    purpose: 'Stage rules', basis: 'none', retention: { kind: 'fixed', text: 'Kept (versions are referred to by enrolments)' }, visibleTo: 'Everyone in the service', erasure: 'Not personal data',
    fields: fieldsOf<PathwayDefinition>({ id: 'Pathway id', version: 'Version', name: 'Name', source: 'Source', stages: 'Stage rules', window: 'Accreditation window' }),
  },
  {
    id: 'vocabularies', category: 'Principle vocabularies', location: tableAt('vocabularies'), sensitivity: 'none', subjects: [],
    purpose: 'The principle names tags are made with, version by version', basis: 'none', retention: { kind: 'fixed', text: 'Kept (old tags read by the version they were made with)' }, visibleTo: 'Everyone in the service', erasure: 'Not personal data',
    fields: fieldsOf<PrincipleVocabulary>({ id: 'Vocabulary id', version: 'Version', principles: 'Principles (key, label, elements, retired)' }),
  },
  {
    id: 'casekeys', category: 'Per-case keys', location: tableAt('casekeys'), sensitivity: 'pseudonymised', subjects: ['family'],
    purpose: 'Seal a case\'s free text (notes, captions, comments) under a key of its own, so erasing the key makes every copy unreadable, backups included', basis: 'service', retention: { kind: 'records' },
    visibleTo: 'Nobody reads it directly: Attune unwraps it to open the case\'s text for those who may see the case', erasure: 'Shredded (the wrapped key emptied) on the case\'s erasure; every value sealed under it is then unreadable',
    fields: { kekId: 'Which key-encryption key wrapped it', algorithm: 'Wrapping algorithm', wrapped: 'The wrapped data key (empty once shredded)', createdAt: at, shreddedAt: 'When it was shredded' },
  },
  // ---- Teams conversations and reminders ----
  {
    id: 'conversations', category: 'Conversation references', location: tableAt('conversations'), sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'line_manager', 'service_admin'],
    purpose: 'Send a person cards in their chat with the bot', basis: 'legitimate_interests', retention: { kind: 'fixed', text: 'Replaced when they talk to the bot again; removed when they leave' },
    visibleTo: 'Nobody (the server only)', erasure: 'On request',
    fields: fieldsOf<ConversationRecord>({ tenantId: 'Entra tenant', objectId: 'Entra object id', channelId: 'Teams channel', serviceUrl: 'Bot Framework service URL', conversationId: 'Conversation id', userId: 'Teams user id', botId: 'Bot id', storedAt: at }),
  },
  {
    id: 'carddeliveries', category: 'Conversation references (cards sent)', location: tableAt('carddeliveries'), sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'line_manager'],
    purpose: 'Update a sent card in place when its subject changes', basis: 'legitimate_interests', retention: { kind: 'fixed', text: 'While the card\'s subject is open' },
    visibleTo: 'Nobody (the server only)', erasure: 'On request',
    fields: fieldsOf<CardDelivery>({ subject: 'What the card is about (ids only)', personId: person, serviceUrl: 'Bot Framework service URL', conversationId: 'Conversation id', activityId: 'Activity id', sentAt: at }),
  },
  {
    id: 'activities', category: 'Conversation references (processed activities)', location: tableAt('activities'), sensitivity: 'none', subjects: [],
    purpose: 'Process a replayed Bot Framework activity once', basis: 'legitimate_interests', retention: { kind: 'fixed', text: 'Short; digests only' },
    visibleTo: 'Nobody (the server only)', erasure: 'Keys are SHA-256 digests; nothing identifies a person', fields: { at },
  },
  ...reminderEntries(),
  {
    id: 'reminder-queue', category: 'Reminders (queue)', location: { kind: 'queue', queue: 'attune-reminders' }, sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'line_manager', 'service_admin'],
    purpose: 'Hand a due reminder to a sender', basis: 'legitimate_interests', retention: { kind: 'fixed', text: 'Deleted once delivered; the poison queue keeps failures for the admin' }, visibleTo: 'Nobody (the server only)', erasure: whenSpent,
    fields: { message: 'The outbox row\'s key and tenant (ids only)' },
  },
  {
    id: 'reminder-poison-queue', category: 'Reminders (undeliverable messages)', location: { kind: 'queue', queue: 'attune-reminders-poison' }, sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'line_manager', 'service_admin'],
    purpose: 'Keep reminders that could not be delivered, with the reason, for the admin', basis: 'legitimate_interests', retention: { kind: 'fixed', text: 'Azure Queue storage keeps a message 7 days' }, visibleTo: 'Service admins (the reminders page)', erasure: 'Expires',
    fields: { message: 'The reminder message and the reason (ids only)' },
  },
  {
    id: 'calendarevents', category: 'Local calendar (development only)', location: tableAt('calendarevents'), sensitivity: 'personal', subjects: ['trainee', 'supervisor'],
    purpose: 'Stand in for Outlook in development', basis: 'none', retention: { kind: 'fixed', text: 'Development data only; production uses Outlook' }, visibleTo: 'Development', erasure: 'Delete the data folder',
    fields: { organiser: person, invitees: 'Person ids', guests: 'Guests (count)', startsAt: 'Start', endsAt: 'End', subject: 'Meeting subject', bodyHtml: 'Meeting text', cancelled: 'Cancelled', cancelComment: 'Cancel comment', sequence: 'Change count', createdAt: at, updatedAt: at },
  },
  // ---- Audit and operations ----
  {
    id: 'audit', category: 'Audit log', location: tableAt('audit'), sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'external_supervisor', 'line_manager', 'service_admin'],
    purpose: 'Show who saw or changed what, and that consent was respected', basis: 'legal_obligation', retention: { kind: 'fixed', text: 'Append-only; kept as the service\'s accountability record (ids only, never names or text)' },
    visibleTo: 'Service admins; a trainee sees who viewed their clips', erasure: 'Not erased (accountability); holds ids only',
    fields: { at, actor: person, action: 'What was done', object: 'Kind and id of the object', outcome: 'Allowed, refused, failed', purpose: 'Why', subject: 'Whose data it was (person id)' },
  },
  {
    id: 'ratelimits', category: 'Rate limits', location: tableAt('ratelimits'), sensitivity: 'none', subjects: [],
    purpose: 'Shared request limits', basis: 'legitimate_interests', retention: { kind: 'fixed', text: 'One window' }, visibleTo: 'Nobody (the server only)', erasure: 'Keys are SHA-256 digests',
    fields: { windowStart: 'Window start', count: 'Requests in the window' },
  },
  {
    id: 'locks', category: 'Job leases', location: { kind: 'blob', container: 'attune-locks', prefix: '' }, sensitivity: 'none', subjects: [],
    purpose: 'Run the retention and reminder jobs on one instance at a time', basis: 'none', retention: { kind: 'fixed', text: 'Kept' }, visibleTo: 'Nobody', erasure: 'Not personal data',
    fields: { lease: 'A lease and its fencing epoch (metadata)' },
  },
];

function reminderEntries(): DataMapEntry[] {
  const base = { sensitivity: 'personal', subjects: ['trainee', 'supervisor', 'line_manager', 'service_admin'], purpose: 'Nudge people about what is due, as they asked', basis: 'legitimate_interests', visibleTo: 'The person; service admins (the reminders page)', erasure: whenSpent } as const;
  const fixed = (text: string): RetentionRule => ({ kind: 'fixed', text });
  return [
    { ...base, id: 'reminderoutbox', category: 'Reminders (outbox)', location: tableAt('reminderoutbox'), retention: fixed('Removed when spent'), fields: fieldsOf<OutboxRow>({ key: 'Occurrence key', ruleId: 'Rule', personId: person, localDate: 'Day', dueAt: 'When due', itemKeys: 'Items covered (ids)', items: 'What the card shows (ids, dates, counts; case codes for the trainee\'s own cards)', epoch: 'Planner fencing token', createdAt: at, sends: 'Send attempts', state: 'Delivery state' }) },
    { ...base, id: 'remindersnoozes', category: 'Reminders (snoozes)', location: tableAt('remindersnoozes'), retention: fixed('Until the thing is done'), fields: fieldsOf<Snooze>({ personId: person, ruleId: 'Rule', subject: 'What (ids)', until: 'Until' }) },
    { ...base, id: 'remindermutes', category: 'Reminders (mutes)', location: tableAt('remindermutes'), retention: fixed('Until unmuted'), fields: fieldsOf<Mute & { mutedAt: string }>({ personId: person, ruleId: 'Rule', mutedAt: at }) },
    { ...base, id: 'reminderprefs', category: 'Reminders (preferences)', location: tableAt('reminderprefs'), retention: fixed(staffRecord), fields: fieldsOf<ReminderPreferences & { personId: string }>({ personId: person, zone: 'Time zone', startMinute: 'Working hours start', endMinute: 'Working hours end', weekends: 'Weekends' }) },
    { ...base, id: 'reminderseen', category: 'Reminders (first seen)', location: tableAt('reminderseen'), retention: fixed('Until the item closes'), fields: { subject: 'What (ids)', at } },
    { ...base, id: 'reminderundeliverable', category: 'Reminders (unreachable people)', location: tableAt('reminderundeliverable'), retention: fixed('Until they talk to the bot again'), fields: { personId: person, httpStatus: 'Teams\' answer', at, conversationStoredAt: 'Conversation reference time' } },
    { ...base, id: 'reminderpacing', category: 'Reminders (pacing)', location: tableAt('reminderpacing'), sensitivity: 'none', subjects: [], retention: fixed('The last hour'), fields: { conversationId: 'Conversation id', sends: 'Send times', notBefore: 'Retry-After', busyUntil: 'In flight until' } },
    { ...base, id: 'remindertenantpacing', category: 'Reminders (tenant pacing)', location: tableAt('remindertenantpacing'), sensitivity: 'none', subjects: [], retention: fixed('Kept'), fields: { tenantId: 'Tenant', nextFree: 'Next send slot' } },
    { ...base, id: 'reminderrules', category: 'Reminders (rules)', location: tableAt('reminderrules'), sensitivity: 'none', subjects: [], retention: fixed('While the service uses Attune'), fields: fieldsOf<{ serviceId: string; rules: ReminderRules }>({ serviceId: 'Service', rules: 'The service\'s rules over the defaults' }) },
  ];
}

/** The map entry of a table (its name without the prefix), or null. */
export function dataMapEntryForTable(table: string): DataMapEntry | null {
  return dataMap.find((e) => e.location.kind === 'table' && e.location.table === table) ?? null;
}

/** The map entry of a blob by its container and name (the longest prefix wins), or null. */
export function dataMapEntryForBlob(container: string, name: string): DataMapEntry | null {
  const hits = dataMap.filter((e) => e.location.kind === 'blob' && e.location.container === container && name.startsWith(e.location.prefix));
  return hits.sort((a, b) => (b.location.kind === 'blob' ? b.location.prefix.length : 0) - (a.location.kind === 'blob' ? a.location.prefix.length : 0))[0] ?? null;
}

/** One row of the map as a service sees it: its lawful basis and retention in words, from its settings. */
export interface DataMapRow {
  readonly id: string;
  readonly category: string;
  readonly location: string;
  readonly sensitivity: DataSensitivity;
  readonly subjects: readonly DataSubject[];
  readonly purpose: string;
  readonly lawfulBasis: string;
  readonly retention: string;
  readonly visibleTo: string;
  readonly erasure: string;
  readonly fields: readonly { readonly name: string; readonly holds: string }[];
}

const basisWords = (rule: BasisRule, settings: Pick<ServiceSettings, 'lawfulBasis'>): string => {
  switch (rule) {
    case 'service':
      return lawfulBasisWording[settings.lawfulBasis];
    case 'legitimate_interests':
      return 'Legitimate interests (UK GDPR Art 6(1)(f)) or public task, as the employer runs staff training';
    case 'legal_obligation':
      return 'Accountability (UK GDPR Art 5(2), Art 30) and the service\'s legal obligations (Art 6(1)(c))';
    case 'none':
      return 'Not personal data';
  }
};

const locationWords = (l: StorageLocation): string => {
  switch (l.kind) {
    case 'table':
      return `Azure Table storage: table attune${l.table}`;
    case 'blob':
      return `Azure Blob storage: container ${l.container}${l.prefix ? `, names starting ${l.prefix}` : ''}`;
    case 'queue':
      return `Azure Queue storage: queue ${l.queue}`;
  }
};

/** The map for one service: lawful basis and retention from its settings. */
export function dataMapFor(settings: Pick<ServiceSettings, 'lawfulBasis' | 'retentionMonthsAfterEnd' | 'recordRetentionMonthsAfterEnd'>): DataMapRow[] {
  const { videoMonths, recordMonths } = retentionSchedule(settings);
  const retentionWords = (r: RetentionRule): string => {
    switch (r.kind) {
      case 'video':
        return `End of involvement + ${videoMonths} months (the service's video setting); legal hold stops it`;
      case 'records':
        return `End of involvement + ${recordMonths} months (the service's record setting); legal hold stops it`;
      case 'fixed':
        return r.text;
    }
  };
  return dataMap.map((e) => ({
    id: e.id,
    category: e.category,
    location: locationWords(e.location),
    sensitivity: e.sensitivity,
    subjects: e.subjects,
    purpose: e.purpose,
    lawfulBasis: basisWords(e.basis, settings),
    retention: retentionWords(e.retention),
    visibleTo: e.visibleTo,
    erasure: e.erasure,
    fields: Object.entries(e.fields).map(([name, holds]) => ({ name, holds })),
  }));
}

export const dataMapCsvColumns = ['id', 'category', 'location', 'sensitivity', 'subjects', 'purpose', 'lawful_basis', 'retention', 'visible_to', 'erasure', 'field', 'holds'] as const;

/** Quotes a cell, and defuses spreadsheet formulas (a leading = + - @ tab or carriage return), as the audit export does. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The map as CSV, one line per field (so a spreadsheet can filter by field), CRLF line ends. */
export function dataMapCsv(rows: readonly DataMapRow[]): string {
  const lines = [dataMapCsvColumns.join(',')];
  for (const r of rows) {
    for (const f of r.fields) {
      lines.push([r.id, r.category, r.location, r.sensitivity, r.subjects.join(' '), r.purpose, r.lawfulBasis, r.retention, r.visibleTo, r.erasure, f.name, f.holds].map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

const md = (s: string): string => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/** The map as Markdown, for the DPIA: a summary table, then each entry with its fields. */
export function dataMapMarkdown(rows: readonly DataMapRow[], o: { serviceName: string }): string {
  const out: string[] = [`# Data map: ${md(o.serviceName)}`, '', '| data | where | kind | whose | lawful basis | kept | who can see it |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) out.push(`| ${md(r.category)} | ${md(r.location)} | ${r.sensitivity} | ${r.subjects.join(', ') || '-'} | ${md(r.lawfulBasis)} | ${md(r.retention)} | ${md(r.visibleTo)} |`);
  for (const r of rows) {
    out.push('', `## ${md(r.category)}`, '', `- Where: ${md(r.location)}`, `- Purpose: ${md(r.purpose)}`, `- Lawful basis: ${md(r.lawfulBasis)}`, `- Retention: ${md(r.retention)}`, `- Who can see it: ${md(r.visibleTo)}`, `- Erasure: ${md(r.erasure)}`, '', '| field | holds |', '|---|---|');
    for (const f of r.fields) out.push(`| ${md(f.name)} | ${md(f.holds)} |`);
  }
  return `${out.join('\n')}\n`;
}
