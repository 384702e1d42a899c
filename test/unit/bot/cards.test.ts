import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { verbs } from '../../../bot/card-actions';
import { commands } from '../../../bot/commands';
import { renderContractCard, renderContractForm } from '../../../bot/cards/contract-cards';
import { renderCaseForm, renderCycleForm, renderNoticeCard, renderSupervisionForm } from '../../../bot/cards/practice-cards';
import { renderRecordCard, renderRecordForm } from '../../../bot/cards/record-cards';
import { renderHelpCard, renderProgressCard, renderWelcomeCard } from '../../../bot/cards/render';
import { renderScheduleCard, renderTimesCard, renderTraineeChoice } from '../../../bot/cards/schedule-cards';
import { renderStageMeetingForm } from '../../../bot/cards/stage-cards';
import type { AdaptiveCard } from '../../../bot/cards/template';
import { defaultContractTerms } from '../../../src/domain/contract-terms';
import { avigukPreset } from '../../../src/domain/pathway';
import { progress } from '../../../src/domain/progress';
import { noRecords } from '../../../src/domain/practice';
import { awaiting, contractView, plannedFull, recordView, timeOffer } from '../../fakes/card-views';

/** Every element of a card, depth first. */
function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

const known = new Set<string>(verbs);

/** What every card must be: 1.5, fallback text, fully expanded, unique labelled inputs, known verbs, ≤ 60 refresh users. */
function assertWellFormed(card: AdaptiveCard): void {
  assert.equal(card.type, 'AdaptiveCard');
  assert.equal(card.version, '1.5');
  assert.ok(typeof card.fallbackText === 'string' && card.fallbackText.length > 0 && !card.fallbackText.includes('${'), 'fallback text');
  assert.doesNotMatch(JSON.stringify(card), /"\$data"|"\$when"|"\$\{/, 'template left unexpanded');
  const ids: string[] = [];
  walk(card, (n) => {
    if (n.type === 'TextBlock') assert.equal(typeof n.text, 'string', `TextBlock text must be a string: ${JSON.stringify(n)}`);
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) {
      assert.ok(typeof n.id === 'string' && n.id, 'an input has an id');
      assert.ok(n.label || n.title, `input ${String(n.id)} has a label`);
      ids.push(n.id);
    }
    if (n.type === 'Action.Execute') {
      assert.ok(known.has(String(n.verb)), `unknown verb ${String(n.verb)}`);
      assert.ok(n.data === undefined || (typeof n.data === 'object' && n.data !== null), 'action data is an object');
    }
  });
  assert.equal(new Set(ids).size, ids.length, `input ids must be unique: ${ids.join(', ')}`);
  const refresh = card.refresh as { action: { type: string; verb: string }; userIds: unknown[] } | undefined;
  if (refresh) {
    assert.equal(refresh.action.type, 'Action.Execute');
    assert.ok(known.has(refresh.action.verb));
    assert.ok(Array.isArray(refresh.userIds) && refresh.userIds.length >= 1 && refresh.userIds.length <= 60, 'refresh.userIds: 1 to 60');
  }
}

/** The value an input holds, by id. */
function valueOf(card: AdaptiveCard, id: string): unknown {
  let value: unknown;
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && n.id === id) value = n.value;
  });
  return value;
}

/** Buttons a person sees, by verb (show cards included; not the refresh). */
function buttons(card: AdaptiveCard): string[] {
  const out: string[] = [];
  walk({ body: card.body, actions: card.actions }, (n) => {
    if (n.type === 'Action.Execute') out.push(String(n.verb));
  });
  return out.sort();
}

/** A person's text with markdown, markup and a template expression in it. */
const evil = 'Evil **bold** [link](https://evil.example) <script>x</script> ${title}';

/** People's text may appear in TextRuns and input values, never in markdown (TextBlock, FactSet, titles). */
function assertPeoplesTextIsPlain(card: AdaptiveCard): void {
  assert.ok(JSON.stringify(card).includes('evil.example'), 'the text is shown');
  walk(card, (n) => {
    if (n.type === 'TextBlock') assert.ok(!String(n.text).includes('evil.example'), `markdown: ${String(n.text)}`);
    if (n.type === 'FactSet') assert.ok(!JSON.stringify(n).includes('evil.example'), 'fact set');
    if (n.type === 'TextRun' && String(n.text).includes('evil.example')) assert.ok(String(n.text).includes('${title}'), 'the template expression stays literal');
  });
  assert.ok(!String(card.fallbackText).includes('evil.example'), 'fallback text');
}

describe('bot cards', () => {
  describe('forms', () => {
    const errors = { heading: 'The case needs a few changes.', problems: [`I did not understand “${evil}”.`] };
    const cases = [{ id: 'c1', code: 'FAM-0142' }, { id: 'c2', code: 'FAM-0157' }];

    it('renders the case form with every consent scope and a submission id, and errors as plain text', () => {
      const card = renderCaseForm({ submissionId: 'sub-12345678', today: '2026-06-15', lawfulBasis: 'consent', errors, values: { code: 'Smith', consent: { filming: true } } });
      assertWellFormed(card);
      assert.deepEqual(buttons(card), ['case.submit']);
      assert.equal(valueOf(card, 'code'), 'Smith');
      assert.equal(valueOf(card, 'consentFilming'), 'true');
      assert.equal(valueOf(card, 'consentPeer'), 'false');
      assert.match(JSON.stringify(card), /explicit consent/);
      assertPeoplesTextIsPlain(card);
    });

    it('renders the cycle and supervision forms with the trainee’s cases to choose from', () => {
      const cycle = renderCycleForm({ submissionId: 'sub-12345678', today: '2026-06-15', cases, values: { caseId: 'c2' } });
      assertWellFormed(cycle);
      assert.deepEqual(buttons(cycle), ['cycle.submit']);
      assert.equal(valueOf(cycle, 'caseId'), 'c2');
      const session = renderSupervisionForm({ submissionId: 'sub-12345678', today: '2026-06-15', cases, values: { minutes: 75, caseIds: ['c1', 'c2'] } });
      assertWellFormed(session);
      assert.deepEqual(buttons(session), ['supervision.submit']);
      assert.equal(valueOf(session, 'minutes'), 75);
      assert.equal(valueOf(session, 'caseIds'), 'c1,c2');
      const empty = renderSupervisionForm({ submissionId: 'sub-12345678', today: '2026-06-15', cases: [] });
      assertWellFormed(empty);
      assert.equal(valueOf(empty, 'minutes'), undefined, 'an unfilled number shows its placeholder');
    });

    it('renders the record form for a new record and for an edit after a return', () => {
      const fresh = renderRecordForm({ sessions: [{ id: 's1', heldOn: '2026-06-01', minutes: 60, mode: 'teams' }], editing: null });
      assertWellFormed(fresh);
      assert.deepEqual(buttons(fresh), ['record.submit']);
      assert.match(JSON.stringify(fresh), /Being attentive.*Deepening discussion/);
      const edit = renderRecordForm({ sessions: [], editing: { session: { id: 's1', heldOn: '2026-06-01', minutes: 60, mode: 'teams' }, revision: 3, returnedComment: evil }, values: { learningQuestion: evil } });
      assertWellFormed(edit);
      assert.doesNotMatch(JSON.stringify(edit), /"id":"sessionId"/);
      assert.equal((edit.actions as { data: { revision: number; editSessionId: string } }[])[0]!.data.revision, 3);
      assertPeoplesTextIsPlain(edit);
    });

    it('renders the stage meeting form, the contract form for drafting and for revising', () => {
      const stage = renderStageMeetingForm({ submissionId: 'sub-12345678', today: '2026-06-15', trainees: [{ enrolmentId: 'e1', traineeName: evil, stageName: 'Stage 2', meetingKind: 'transition', due: true }] });
      assertWellFormed(stage);
      assert.deepEqual(buttons(stage), ['stage.submit']);
      const draft = renderContractForm({ mode: 'create', enrolmentId: 'e1', version: 0, terms: defaultContractTerms('2026-06-01') });
      assertWellFormed(draft);
      assert.deepEqual(buttons(draft), ['contract.create']);
      const revise = renderContractForm({ mode: 'revise', enrolmentId: 'e1', version: 2, terms: { ...defaultContractTerms('2026-06-01'), caseAccess: evil, expectedMonths: 'twelve' }, errors });
      assertWellFormed(revise);
      assert.deepEqual(buttons(revise), ['contract.revise']);
      assert.match(JSON.stringify(revise), /Propose changes to version 2/);
    });
  });

  describe('renderContractCard', () => {
    it('gives each party their own view: Sign for those who have not signed, Decline for the line manager only', () => {
      const view = contractView(awaiting);
      const trainee = renderContractCard({ view, viewer: 't:trainee' });
      const supervisor = renderContractCard({ view, viewer: 't:supervisor' });
      const manager = renderContractCard({ view, viewer: 't:manager' });
      for (const c of [trainee, supervisor, manager]) assertWellFormed(c);
      assert.deepEqual(buttons(trainee), ['contract.edit']);
      assert.deepEqual(buttons(supervisor), ['contract.edit', 'contract.sign']);
      assert.deepEqual(buttons(manager), ['contract.decline', 'contract.edit', 'contract.sign']);
      assert.match(JSON.stringify(manager), /"id":"declineReason"/);
      assert.doesNotMatch(JSON.stringify(supervisor), /declineReason/);
    });

    it('refreshes itself for the parties Attune can reach, with the refresh verb', () => {
      const card = renderContractCard({ view: contractView(awaiting), viewer: 't:trainee' });
      const refresh = card.refresh as { action: { verb: string; data: Record<string, unknown> }; userIds: string[] };
      assert.equal(refresh.action.verb, 'contract.refresh');
      assert.deepEqual(refresh.action.data, { enrolmentId: 'e1' });
      assert.deepEqual(refresh.userIds, ['29:trainee', '29:supervisor']);
    });

    it('shows an active contract with no Sign button and a declined one with its reason', () => {
      const active = renderContractCard({ view: contractView({ status: 'active', signatures: { trainee: 'a', supervisor: 'b', line_manager: 'c' }, activatedAt: '2026-02-01T00:00:00Z' }), viewer: 't:manager' });
      assertWellFormed(active);
      assert.deepEqual(buttons(active), ['contract.edit']);
      assert.match(JSON.stringify(active), /Active since 2026-02-01/);
      const declined = renderContractCard({ view: contractView({ status: 'declined', signatures: {}, reason: evil, at: '2026-02-01T00:00:00Z' }), viewer: 't:trainee' });
      assertWellFormed(declined);
      assertPeoplesTextIsPlain(declined);
    });

    it('shows an old version read-only, pointing to the current one, without refreshing itself', () => {
      const old = renderContractCard({ view: contractView({ status: 'ended', reason: 'superseded', endedAt: '2026-03-01T00:00:00Z', signatures: {} }, { version: 1, latest: 3 }), viewer: 't:supervisor' });
      assertWellFormed(old);
      assert.equal(old.refresh, undefined);
      assert.deepEqual(buttons(old), ['contract.refresh', 'contract.version', 'contract.version']);
      assert.match(JSON.stringify(old), /Superseded by version 3/);
    });

    it('keeps names and terms as plain text', () => {
      assertPeoplesTextIsPlain(renderContractCard({ view: contractView(awaiting, { names: evil, terms: { caseAccess: evil } }), viewer: 't:trainee' }));
    });
  });

  describe('renderRecordCard', () => {
    it('gives the supervisor co-sign and return (with their own comment inputs) while it waits', () => {
      const card = renderRecordCard({ view: recordView({ status: 'awaiting_cosign', submittedAt: '2026-06-02T00:00:00Z' }), viewer: 'supervisor' });
      assertWellFormed(card);
      assert.deepEqual(buttons(card), ['record.cosign', 'record.return']);
      assert.match(JSON.stringify(card), /"revision":2/);
      assert.match(JSON.stringify(card), /Being attentive, Guiding/);
    });

    it('gives the trainee an edit button until it is co-signed', () => {
      assert.deepEqual(buttons(renderRecordCard({ view: recordView({ status: 'returned', submittedAt: 'a', returnedAt: '2026-06-03T00:00:00Z', comment: 'More' }), viewer: 'trainee' })), ['record.edit']);
      const cosigned = renderRecordCard({ view: recordView({ status: 'cosigned', submittedAt: 'a', cosignedAt: '2026-06-03T00:00:00Z', comment: null }), viewer: 'trainee' });
      assertWellFormed(cosigned);
      assert.deepEqual(buttons(cosigned), []);
      assert.match(JSON.stringify(cosigned), /Co-signed by Adele on 2026-06-03/);
    });

    it('lists at most 60 people to refresh for, and none when it knows nobody', () => {
      const many = renderRecordCard({ view: recordView({ status: 'awaiting_cosign', submittedAt: 'a' }, 'x', Array.from({ length: 100 }, (_, i) => `29:${i}`)), viewer: 'supervisor' });
      assert.equal((many.refresh as { userIds: string[] }).userIds.length, 60);
      assert.equal(renderRecordCard({ view: recordView({ status: 'awaiting_cosign', submittedAt: 'a' }, 'x', []), viewer: 'supervisor' }).refresh, undefined);
    });

    it('keeps the trainee’s words and the supervisor’s comment as plain text', () => {
      assertPeoplesTextIsPlain(renderRecordCard({ view: recordView({ status: 'returned', submittedAt: 'a', returnedAt: 'b', comment: evil }, evil), viewer: 'trainee' }));
    });
  });

  describe('other cards', () => {
    it('renders notices with facts as plain text and both kinds of action', () => {
      const card = renderNoticeCard({ title: 'Case recorded', tone: 'good', lines: ['Done.'], facts: [{ label: 'Case code', value: evil }], details: [evil], actions: [{ kind: 'execute', title: 'Log a cycle', verb: 'cycle.form', data: { caseId: 'c1' } }, { kind: 'link', title: 'Open', url: 'https://attune.example.org/tab/' }] });
      assertWellFormed(card);
      assertPeoplesTextIsPlain(card);
      assert.deepEqual((card.actions as { type: string }[]).map((a) => a.type), ['Action.Execute', 'Action.OpenUrl']);
    });

    it('renders help with every command and its example, the welcome, and progress with the records line', () => {
      const help = renderHelpCard({ commands });
      assertWellFormed(help);
      for (const c of commands) assert.ok(JSON.stringify(help).includes(c.example));
      assertWellFormed(renderWelcomeCard({ intro: 'Hi', points: [{ text: 'One' }] }));
      const p = progress({ enrolment: { id: 'e1', serviceId: 's', traineeId: 'a', supervisorId: 'b', lineManagerId: 'c', pathway: { id: 'aviguk', version: 1 }, startedOn: '2026-01-05' }, pathway: avigukPreset }, noRecords, new Date('2026-03-01T00:00:00Z'));
      const card = renderProgressCard({ progress: p, traineeName: null, records: { cosigned: 3, awaitingCosign: 1, returned: 0, toWrite: 2 } });
      assertWellFormed(card);
      assert.match(JSON.stringify(card), /3 co-signed · 1 waiting for co-signing · 2 still to write/);
      assert.doesNotMatch(JSON.stringify(renderProgressCard({ progress: p, traineeName: 'Adele' })), /Supervision records/);
    });
  });

  describe('booking supervision', () => {
    const zone = 'Europe/London';
    /** The choices of an input, by id. */
    const choicesOf = (card: AdaptiveCard, id: string): { title: string; value: string }[] => {
      let out: { title: string; value: string }[] = [];
      walk(card, (n) => {
        if (n.id === id && Array.isArray(n.choices)) out = n.choices as { title: string; value: string }[];
      });
      return out;
    };

    it('offers the times as one expanded choice each, labelled in the service zone, with Book and the series', () => {
      const card = renderTimesCard({ offer: timeOffer(), zone, mode: { kind: 'book', submissionId: 'sub-12345678' } });
      assertWellFormed(card);
      const choices = choicesOf(card, 'slot');
      assert.equal(choices.length, 5);
      assert.deepEqual(choices[0], { title: 'Tue 16 Jun, 14:00–15:00', value: '2026-06-16T13:00:00.000Z/2026-06-16T14:00:00.000Z' });
      walk(card, (n) => {
        if (n.id === 'slot') assert.equal(n.style, 'expanded');
      });
      assert.deepEqual(buttons(card), ['schedule.book', 'schedule.times']);
      assert.equal(valueOf(card, 'series'), 'false');
      assert.equal(valueOf(card, 'count'), 3, 'monthly: three months ahead');
      assert.match(JSON.stringify(card), /Also book the next sessions \(monthly/);
      assert.equal(valueOf(renderTimesCard({ offer: timeOffer({ cadence: 'fortnightly' }), zone, mode: { kind: 'book', submissionId: 's' } }), 'count'), 6);
    });

    it('moves to a time instead, without a series; keeps what was chosen when it comes back', () => {
      const slot = '2026-06-17T08:00:00.000Z/2026-06-17T09:00:00.000Z';
      const card = renderTimesCard({ offer: timeOffer(), zone, mode: { kind: 'move', plannedId: 'p1-0' }, values: { slot }, errors: { heading: 'Someone took that time meanwhile — pick another.', problems: ['That time is no longer free.'] } });
      assertWellFormed(card);
      assert.deepEqual(buttons(card), ['schedule.move', 'schedule.moveTo']);
      assert.equal(valueOf(card, 'series'), undefined);
      assert.equal(valueOf(card, 'slot'), slot);
      assert.match(JSON.stringify(card), /Someone took that time meanwhile/);
    });

    it('says why there are no times, and still offers another length', () => {
      for (const reason of ['calendar_unknown', 'after_latest_end', 'no_common_time'] as const) {
        const card = renderTimesCard({ offer: timeOffer({ none: reason }), zone, mode: { kind: 'book', submissionId: 's' } });
        assertWellFormed(card);
        assert.match(JSON.stringify(card), new RegExp(`None: ${reason}`));
        assert.deepEqual(buttons(card), ['schedule.times']);
        assert.deepEqual(choicesOf(card, 'slot'), []);
      }
    });

    it('keeps names as plain text', () => {
      assertPeoplesTextIsPlain(renderTimesCard({ offer: timeOffer({ trainee: evil }), zone, mode: { kind: 'book', submissionId: 's' } }));
    });

    it('lets a supervisor choose the trainee first', () => {
      const card = renderTraineeChoice({ choices: [{ enrolmentId: 'e1', label: 'Alex Wilber' }, { enrolmentId: 'e2', label: 'Megan Bowen' }] });
      assertWellFormed(card);
      assert.deepEqual(choicesOf(card, 'enrolmentId').map((c) => c.value), ['e1', 'e2']);
      assert.equal(valueOf(card, 'enrolmentId'), 'e1');
      assert.deepEqual(buttons(card), ['schedule.times']);
    });

    it('confirms a booking with Join, Move and Cancel for each time to come, and the dates a series skipped', () => {
      const card = renderScheduleCard({ enrolmentId: 'e1', zone, title: 'Supervision booked', planned: [plannedFull(), plannedFull({ id: 'p1-1', start: '2026-07-21T13:00:00.000Z', joinUrl: null })], skipped: [{ window: { start: '2026-08-18T13:00:00.000Z', end: '2026-08-18T14:00:00.000Z' }, reason: 'someone is busy then' }], canBook: false, showList: true });
      assertWellFormed(card);
      const text = JSON.stringify(card);
      assert.match(text, /Tue 16 Jun, 14:00–15:00/);
      assert.match(text, /Tue 21 Jul, 14:00–15:00/);
      assert.match(text, /Tue 18 Aug, 14:00–15:00: someone is busy then/);
      const joins: string[] = [];
      walk(card, (n) => {
        if (n.type === 'Action.OpenUrl') joins.push(String(n.url));
      });
      assert.deepEqual(joins, ['https://teams.local.invalid/meet/abc'], 'Join only where Outlook gave a link');
      assert.deepEqual(buttons(card), ['schedule.cancel', 'schedule.cancel', 'schedule.move', 'schedule.move', 'schedule.show']);
    });

    it('shows a time that is over, cancelled or for a line manager without buttons', () => {
      const cancelled = renderScheduleCard({ enrolmentId: 'e1', zone, title: 'Booked supervision', planned: [plannedFull({ status: 'cancelled', canChange: false })], canBook: true, showList: false });
      assert.match(JSON.stringify(cancelled), /Cancelled\./);
      assert.deepEqual(buttons(cancelled), ['schedule.times']);
      const dates = renderScheduleCard({ enrolmentId: 'e1', zone, title: 'Booked supervision', planned: [{ detail: 'dates', id: 'p1-0', enrolmentId: 'e1', window: plannedFull().window, status: 'booked' }], canBook: false, showList: false });
      assertWellFormed(dates);
      assert.deepEqual(buttons(dates), []);
      assert.doesNotMatch(JSON.stringify(dates), /Join/);
    });

    it('puts the next meeting on the progress card, with buttons to book and to see the schedule', () => {
      const p = progress({ enrolment: { id: 'e1', serviceId: 's', traineeId: 'a', supervisorId: 'b', lineManagerId: 'c', pathway: { id: 'aviguk', version: 1 }, startedOn: '2026-01-05' }, pathway: avigukPreset }, noRecords, new Date('2026-03-01T00:00:00Z'));
      const card = renderProgressCard({ progress: p, traineeName: null, nextMeeting: { meeting: { window: plannedFull().window, kind: 'supervision' }, zone }, schedule: { canBook: true } });
      assertWellFormed(card);
      assert.match(JSON.stringify(card), /Next supervision: Tue 16 Jun, 14:00–15:00/);
      assert.deepEqual(buttons(card), ['schedule.show', 'schedule.times']);
      const none = renderProgressCard({ progress: p, traineeName: 'Alex', nextMeeting: { meeting: null, zone }, schedule: { canBook: false } });
      assert.match(JSON.stringify(none), /No supervision booked yet/);
      assert.deepEqual(buttons(none), ['schedule.show']);
    });

    it('fills the supervision form in from a booking, naming its day and carrying its id', () => {
      const card = renderSupervisionForm({ submissionId: 'sub-12345678', today: '2026-06-15', cases: [], values: { heldOn: '2026-06-12', minutes: 60, mode: 'teams' }, booking: { plannedId: 'p1-0', heldOn: 'Fri 12 Jun' } });
      assertWellFormed(card);
      assert.match(JSON.stringify(card), /From your booked supervision on Fri 12 Jun/);
      let data: unknown;
      walk(card, (n) => {
        if (n.verb === 'supervision.submit') data = n.data;
      });
      // With no cases to choose from the form has no case input, so its button sends the empty list itself.
      assert.deepEqual(data, { submissionId: 'sub-12345678', plannedId: 'p1-0', caseIds: '' });
    });
  });
});
