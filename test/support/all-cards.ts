/**
 * Every card the bot can send, rendered with sample data: each renderer in bot/cards in each state that
 * changes what the card shows or which actions it carries. The card action contract test checks their
 * actions against the contract; the Chromium test (test/e2e/card-templates.test.ts) parses, validates and
 * draws each with the `adaptivecards` library; test/unit/bot/card-templates-covered.test.ts checks that every
 * template in bot/cards is expanded by some card here, so a new template cannot escape either.
 */
import { renderContractCard, renderContractForm } from '../../bot/cards/contract-cards';
import { renderCaseForm, renderCycleForm, renderNoticeCard, renderSupervisionForm } from '../../bot/cards/practice-cards';
import { renderRecordCard, renderRecordForm } from '../../bot/cards/record-cards';
import { renderHelpCard, renderProgressCard, renderWelcomeCard } from '../../bot/cards/render';
import { renderReminderCard } from '../../bot/cards/reminder-cards';
import { renderScheduleCard, renderTimesCard, renderTraineeChoice } from '../../bot/cards/schedule-cards';
import { renderStageMeetingForm } from '../../bot/cards/stage-cards';
import type { AdaptiveCard } from '../../bot/cards/template';
import { commands } from '../../bot/commands';
import { defaultContractTerms } from '../../src/domain/contract-terms';
import { avigukPreset } from '../../src/domain/pathway';
import { noRecords } from '../../src/domain/practice';
import { progress } from '../../src/domain/progress';
import type { ReminderCardView } from '../../src/domain/reminders/delivery';
import type { ReminderAbout, ReminderItem } from '../../src/domain/reminders/due';
import type { ReminderRuleId } from '../../src/domain/reminders/rules';
import { awaiting, contractView, plannedFull, recordView, timeOffer } from '../fakes/card-views';

const item = (about: ReminderAbout, n = 0): ReminderItem => ({ key: `${about.kind}|${n}|0`, subject: `${about.kind}:e1:${n}`, about });

/**
 * Sample items for each reminder rule (two where the rule makes digests, so that a card carries several
 * one-tap actions). A rule without samples here fails the unit guard (card-templates-covered.test.ts).
 */
export const reminderSamples: { readonly [R in ReminderRuleId]?: readonly ReminderAbout[] } = {
  'record.write': [
    { kind: 'record.write', enrolmentId: 'e1', heldOn: '2026-06-01', sessionId: 's1', plannedId: null },
    { kind: 'record.write', enrolmentId: 'e1', heldOn: '2026-06-03', sessionId: null, plannedId: 'p1' },
    { kind: 'record.write', enrolmentId: 'e1', heldOn: '2026-06-05', sessionId: 's2', plannedId: null },
    { kind: 'record.write', enrolmentId: 'e1', heldOn: '2026-06-08', sessionId: 's3', plannedId: null },
  ],
  'record.returned': [{ kind: 'record.returned', enrolmentId: 'e1', recordId: 's1', revision: 3 }],
  'record.cosign': [
    { kind: 'record.cosign', enrolmentId: 'e1', recordId: 's1', traineeId: 't:a', submittedAt: '2026-06-02T09:00:00Z' },
    { kind: 'record.cosign', enrolmentId: 'e2', recordId: 's7', traineeId: 't:b', submittedAt: '2026-06-04T15:30:00Z' },
  ],
  'contract.sign': [{ kind: 'contract.sign', enrolmentId: 'e1', version: 2 }],
  'supervision.tomorrow': [{ kind: 'supervision.tomorrow', enrolmentId: 'e1', plannedId: 'p1', start: '2026-06-03T09:00:00Z' }],
  'contract.draft': [
    { kind: 'contract.draft', enrolmentId: 'e1', version: 1 },
    { kind: 'contract.draft', enrolmentId: 'e2', version: null },
  ],
  'upload.unfinished': [{ kind: 'upload.unfinished', enrolmentId: 'e1', uploadId: 'u1', startedAt: '2026-06-01T09:00:00Z', expiresAt: '2026-06-07T09:00:00Z' }],
  'supervision.overdue': [
    { kind: 'supervision.overdue', enrolmentId: 'e1', traineeId: 't:a', lastOn: null, fromOn: '2026-05-15', cadence: 'fortnightly' },
    { kind: 'supervision.overdue', enrolmentId: 'e2', traineeId: 't:b', lastOn: '2026-04-20', fromOn: '2026-01-10', cadence: 'monthly' },
  ],
  'stage.meeting_due': [
    { kind: 'stage.meeting_due', enrolmentId: 'e1', stage: 1, reason: 'meeting_due', meeting: 'transition' },
    { kind: 'stage.meeting_due', enrolmentId: 'e2', stage: 2, reason: 'behind', projectedCompletion: '2027-01-01', windowCloses: '2026-09-02' },
  ],
  'clip.unopened': [{ kind: 'clip.unopened', enrolmentId: 'e1', clipId: 'k1', uploadedAt: '2026-05-27T14:00:00Z' }],
  'protected_time.unused': [{ kind: 'protected_time.unused', enrolmentId: 'e1', traineeId: 't:a', lastOn: '2026-05-08', protectedMinutesPerWeek: 120 }],
  'admin.retention_soon': [
    { kind: 'admin.retention_soon', enrolmentId: 'e1', clipId: 'k1', deleteAfter: '2026-06-20' },
    { kind: 'admin.retention_soon', enrolmentId: 'e2', clipId: 'k2', deleteAfter: '2026-06-22' },
  ],
  'admin.legal_hold_old': [{ kind: 'admin.legal_hold_old', enrolmentId: 'e1', clipId: 'k1', heldSince: '2025-06-01T10:00:00Z' }],
  'admin.undeliverable': [{ kind: 'admin.undeliverable', personId: 't:p', since: '2026-06-01T10:00:00Z', httpStatus: 404 }],
};

/** The tab's address and the Teams app, so cards with links into the tab carry them. */
const links = { publicUrl: 'https://attune.example.org', teamsAppId: '00000000-0000-0000-0000-000000000abc' };

/**
 * A reminder card for each rule in each of its states: due (every item, one-tap actions capped), one
 * item of a digest done (updated in place), with a banner (snoozed, muted), and done (closed, no buttons).
 */
export function reminderCards(): Record<string, AdaptiveCard> {
  const cards: Record<string, AdaptiveCard> = {};
  for (const [ruleId, abouts] of Object.entries(reminderSamples) as [ReminderRuleId, readonly ReminderAbout[]][]) {
    const items = abouts.map((a, n) => item(a, n));
    const view = (o: Partial<ReminderCardView> = {}): ReminderCardView => ({ key: `${ruleId}|t:person|2026-06-10`, ruleId, items, state: 'due', ...o });
    cards[`reminder card, ${ruleId}, due`] = renderReminderCard(view(), links);
    if (items.length > 1) cards[`reminder card, ${ruleId}, one of ${items.length} done`] = renderReminderCard(view({ doneItems: [items[0]!.key] }), links);
    cards[`reminder card, ${ruleId}, snoozed`] = renderReminderCard(view({ banner: 'Snoozed: Attune reminds you again tomorrow.' }), links);
    cards[`reminder card, ${ruleId}, done`] = renderReminderCard(view({ state: 'done' }), links);
    cards[`reminder card, ${ruleId}, done elsewhere`] = renderReminderCard(view({ state: 'done', banner: 'This was already done: nothing changed.' }), links);
  }
  return cards;
}

/** Every card the renderers make, in each state that changes which actions it carries. */
export function everyCard(): Record<string, AdaptiveCard> {
  const cases = [{ id: 'c1', code: 'FAM-0142' }, { id: 'c2', code: 'FAM-0157' }];
  const errors = { heading: 'The case needs a few changes.', problems: ['Case code: use 3 to 20 letters or digits.'] };
  const session = { id: 's1', heldOn: '2026-06-01', minutes: 60, mode: 'teams' as const };
  const trainees = [{ enrolmentId: 'e1', traineeName: 'Alex', stageName: 'Stage 2', meetingKind: 'transition' as const, due: true }];
  const declined = { status: 'declined' as const, signatures: {}, reason: 'Protected time is too short.', at: '2026-02-01T00:00:00Z' };
  const p = progress({ enrolment: { id: 'e1', serviceId: 's', traineeId: 'a', supervisorId: 'b', lineManagerId: 'c', pathway: { id: 'aviguk', version: 1 }, startedOn: '2026-01-05' }, pathway: avigukPreset }, noRecords, new Date('2026-03-01T00:00:00Z'));
  return {
    'case form': renderCaseForm({ submissionId: 'sub-12345678', today: '2026-06-15', lawfulBasis: 'consent' }),
    'case form, sent back with errors': renderCaseForm({ submissionId: 'sub-12345678', today: '2026-06-15', lawfulBasis: 'public_task', values: { code: 'Smith', openedOn: '', consent: { filming: true } }, errors }),
    'cycle form': renderCycleForm({ submissionId: 'sub-12345678', today: '2026-06-15', cases, values: { caseId: 'c2', filmedOn: '2026-06-02' } }),
    'cycle form, sent back with errors': renderCycleForm({ submissionId: 'sub-12345678', today: '2026-06-15', cases, values: { caseId: 'c1', filmedOn: '', sharedReviewOn: '2026-06-20' }, errors }),
    'supervision form': renderSupervisionForm({ submissionId: 'sub-12345678', today: '2026-06-15', cases, values: { minutes: 75, caseIds: ['c1', 'c2'] } }),
    'supervision form filled in from a booked supervision': renderSupervisionForm({ submissionId: 'sub-12345678', today: '2026-06-15', cases, values: { heldOn: '2026-06-12', minutes: 60, mode: 'teams' }, booking: { plannedId: 'p1-0', heldOn: 'Fri 12 Jun' } }),
    'supervision form with nothing filled in': renderSupervisionForm({ submissionId: 'sub-12345678', today: '2026-06-15', cases: [], values: { heldOn: '', minutes: null, mode: '' }, errors }),
    'record form, new': renderRecordForm({ sessions: [session], editing: null }),
    'record form, new, sent back with errors': renderRecordForm({ sessions: [session, { ...session, id: 's2', heldOn: '2026-06-08' }], editing: null, values: { sessionId: 's2', learningQuestion: 'How do I wait?' }, errors }),
    'record form, every session already has its record': renderRecordForm({ sessions: [], editing: null, errors: { heading: 'Every supervision session you logged already has its record.', problems: [] } }),
    'record form, editing a returned record': renderRecordForm({ sessions: [], editing: { session, revision: 3, returnedComment: 'More detail.' }, values: { learningQuestion: 'How do I wait?', principles: ['being_attentive', 'guiding'], consentConfirmed: true } }),
    'stage meeting form': renderStageMeetingForm({ submissionId: 'sub-12345678', today: '2026-06-15', trainees }),
    'stage meeting form, sent back with errors': renderStageMeetingForm({ submissionId: 'sub-12345678', today: '2026-06-15', trainees, values: { enrolmentId: 'e1', heldOn: '2026-06-14', minutes: null, outcome: 'not_yet', externalSupervisorTookPart: true }, errors }),
    'contract form, drafting': renderContractForm({ mode: 'create', enrolmentId: 'e1', version: 0, terms: defaultContractTerms('2026-06-01') }),
    'contract form, drafting, choosing the line manager': renderContractForm({
      mode: 'create',
      enrolmentId: 'e1',
      version: 0,
      terms: defaultContractTerms('2026-06-01'),
      lineManager: { proposal: { kind: 'choose', enrolment: { id: 't:manager', displayName: 'Isaiah Langer' }, directory: { id: 't:other', displayName: 'Patti Fernandez' }, note: 'Choose who signs.' }, chosen: 't:other' },
    }),
    'contract form, drafting, line manager agreed': renderContractForm({ mode: 'create', enrolmentId: 'e1', version: 0, terms: defaultContractTerms('2026-06-01'), lineManager: { proposal: { kind: 'agreed', manager: { id: 't:manager', displayName: 'Isaiah Langer' }, note: 'Your line manager.' } } }),
    'contract form, revising with errors': renderContractForm({ mode: 'revise', enrolmentId: 'e1', version: 2, terms: { ...defaultContractTerms('2026-06-01'), expectedMonths: 'twelve' }, errors }),
    'contract card, trainee who signed': renderContractCard({ view: contractView(awaiting), viewer: 't:trainee' }),
    'contract card, supervisor to sign': renderContractCard({ view: contractView(awaiting), viewer: 't:supervisor' }),
    'contract card, line manager to sign or decline': renderContractCard({ view: contractView(awaiting), viewer: 't:manager', banner: 'Version 1 was sent.' }),
    'contract card, declined': renderContractCard({ view: contractView(declined), viewer: 't:trainee' }),
    'contract card, active': renderContractCard({ view: contractView({ status: 'active', activatedAt: '2026-01-08T00:00:00Z', signatures: { trainee: '2026-01-06T09:00:00Z', supervisor: '2026-01-07T09:00:00Z', line_manager: '2026-01-08T00:00:00Z' } }, { version: 2, latest: 2 }), viewer: 't:manager' }),
    'contract card, a draft': renderContractCard({ view: contractView({ status: 'draft' }), viewer: 't:trainee' }),
    'contract card, ended when the training was completed': renderContractCard({ view: contractView({ status: 'ended', reason: 'completed', endedAt: '2027-01-05T00:00:00Z', signatures: {} }), viewer: 't:trainee' }),
    'contract card, an old version': renderContractCard({ view: contractView({ status: 'ended', reason: 'superseded', endedAt: '2026-03-01T00:00:00Z', signatures: {} }, { version: 1, latest: 3 }), viewer: 't:supervisor' }),
    'record card, supervisor to co-sign or return': renderRecordCard({ view: recordView({ status: 'awaiting_cosign', submittedAt: '2026-06-02T00:00:00Z' }), viewer: 'supervisor' }),
    'record card, awaiting co-signing, as the trainee sees it': renderRecordCard({ view: recordView({ status: 'awaiting_cosign', submittedAt: '2026-06-02T00:00:00Z' }), viewer: 'trainee', banner: 'Sent to Adele to co-sign.' }),
    'record card, returned to the trainee': renderRecordCard({ view: recordView({ status: 'returned', submittedAt: 'a', returnedAt: '2026-06-03T00:00:00Z', comment: 'More' }), viewer: 'trainee' }),
    'record card, co-signed': renderRecordCard({ view: recordView({ status: 'cosigned', submittedAt: 'a', cosignedAt: '2026-06-03T00:00:00Z', comment: null }), viewer: 'trainee' }),
    'notice with the buttons handlers put on notices': renderNoticeCard({
      title: 'Supervision logged',
      tone: 'good',
      lines: ['Saved.'],
      facts: [{ label: 'Case', value: 'FAM-0142' }],
      details: ['A person’s words'],
      actions: [
        { kind: 'execute', title: 'Write the supervision record', verb: 'record.form', data: { sessionId: 's1' } },
        { kind: 'execute', title: 'Log a cycle for this case', verb: 'cycle.form', data: { caseId: 'c1' } },
        { kind: 'execute', title: 'Record a case', verb: 'case.form', data: {} },
        { kind: 'execute', title: 'My progress', verb: 'progress.show', data: {} },
        { kind: 'link', title: 'Open', url: 'https://attune.example.org/tab/' },
      ],
    }),
    'notice asking to confirm a cancellation': renderNoticeCard({
      title: 'Cancel this supervision?',
      tone: 'attention',
      actions: [
        { kind: 'execute', title: 'Yes, cancel it', verb: 'schedule.cancel', data: { enrolmentId: 'e1', plannedId: 'p1-0', confirmed: true } },
        { kind: 'execute', title: 'Keep it', verb: 'schedule.show', data: { enrolmentId: 'e1' } },
      ],
    }),
    'notice with words only': renderNoticeCard({ title: 'Nothing to do' }),
    'progress card': renderProgressCard({ progress: p, traineeName: null, records: { cosigned: 3, awaitingCosign: 1, returned: 0, toWrite: 2 } }),
    'progress card with the next meeting, to book and see the schedule': renderProgressCard({ progress: p, traineeName: 'Alex', nextMeeting: { meeting: { window: plannedFull().window, kind: 'supervision' }, zone: 'Europe/London' }, schedule: { canBook: true } }),
    'progress card for a line manager: the schedule, no booking': renderProgressCard({ progress: p, traineeName: 'Alex', nextMeeting: { meeting: null, zone: 'Europe/London' }, schedule: { canBook: false } }),
    'trainee choice before booking': renderTraineeChoice({ choices: [{ enrolmentId: 'e1', label: 'Alex Wilber' }, { enrolmentId: 'e2', label: 'Megan Bowen' }] }),
    'times card, to book': renderTimesCard({ offer: timeOffer(), zone: 'Europe/London', mode: { kind: 'book', submissionId: 'sub-12345678' } }),
    'times card, to book, sent back with errors': renderTimesCard({ offer: timeOffer({ cadence: 'fortnightly' }), zone: 'Europe/London', mode: { kind: 'book', submissionId: 'sub-12345678' }, values: { slot: '2026-06-16T13:00:00.000Z/2026-06-16T14:00:00.000Z', series: true, count: null }, errors }),
    'times card, to move': renderTimesCard({ offer: timeOffer(), zone: 'Europe/London', mode: { kind: 'move', plannedId: 'p1-0' } }),
    'times card, none to book': renderTimesCard({ offer: timeOffer({ none: 'no_common_time' }), zone: 'Europe/London', mode: { kind: 'book', submissionId: 'sub-12345678' } }),
    'times card, none to move to': renderTimesCard({ offer: timeOffer({ none: 'calendar_unknown' }), zone: 'Europe/London', mode: { kind: 'move', plannedId: 'p1-0' } }),
    'schedule card, booked': renderScheduleCard({ enrolmentId: 'e1', zone: 'Europe/London', title: 'Supervision booked', tone: 'good', lines: ['Booked.'], planned: [plannedFull(), plannedFull({ id: 'p1-1', joinUrl: null, status: 'booking' })], skipped: [{ window: plannedFull().window, reason: 'someone is busy then' }], canBook: false, showList: true }),
    'schedule card, the schedule with one cancelled': renderScheduleCard({ enrolmentId: 'e1', zone: 'Europe/London', title: 'Booked supervision', planned: [plannedFull({ status: 'cancelled', canChange: false })], canBook: true, showList: false }),
    'schedule card, one logged': renderScheduleCard({ enrolmentId: 'e1', zone: 'Europe/London', title: 'Booked supervision', planned: [{ detail: 'dates', id: 'p1-0', enrolmentId: 'e1', window: plannedFull().window, status: 'recorded' }], canBook: true, showList: false }),
    'schedule card, dates only': renderScheduleCard({ enrolmentId: 'e1', zone: 'Europe/London', title: 'Booked supervision', planned: [{ detail: 'dates', id: 'p1-0', enrolmentId: 'e1', window: plannedFull().window, status: 'booked' }], canBook: false, showList: false }),
    'schedule card, nothing booked': renderScheduleCard({ enrolmentId: 'e1', zone: 'Europe/London', title: 'Booked supervision', planned: [], canBook: true, showList: false }),
    ...reminderCards(),
    'help card': renderHelpCard({ commands }),
    'welcome card': renderWelcomeCard({ intro: 'Hi', points: [{ text: 'One' }] }),
    'welcome card, with booking': renderWelcomeCard({ intro: 'Hi', points: [{ text: 'One' }, { text: 'Two' }], canBook: true }),
  };
}
