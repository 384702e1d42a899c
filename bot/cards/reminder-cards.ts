import type { ReminderCardView } from '../../src/domain/reminders/delivery';
import type { ReminderAbout } from '../../src/domain/reminders/due';
import type { ReminderRuleId } from '../../src/domain/reminders/rules';
import type { CardActionData } from '../../src/contract/cards';
import type { CardActionButton } from './practice-cards';
import reminderTemplate from './reminder-card.json' with { type: 'json' };
import { expand, type AdaptiveCard } from './template';
import { adminRemindersLink, clipLink, uploadLink, type LinkSettings } from '../links';
import { reminderItemLine as lineOf } from '../../src/domain/reminders/labels';

const day = (iso: string): string => iso.slice(0, 10);
const noLinks: LinkSettings = { publicUrl: null, teamsAppId: null };

type Execute = Extract<CardActionButton, { kind: 'execute' }>;

const words: Readonly<Record<ReminderRuleId, { title: string; intro: string; done: string }>> = {
  'record.write': { title: 'Time to write your supervision record', intro: 'These supervision sessions have no record yet:', done: 'Supervision record written' },
  'record.returned': { title: 'Your supervisor returned a record', intro: 'It needs a few changes before it can be co-signed:', done: 'Returned record sent again' },
  'record.cosign': { title: 'Supervision records to co-sign', intro: 'Your trainees’ records waiting for your co-signature:', done: 'Every record co-signed' },
  'contract.sign': { title: 'A VIG contract is waiting for your signature', intro: 'As line manager, you are the last to sign:', done: 'Contract signed' },
  'supervision.tomorrow': { title: 'Supervision tomorrow', intro: 'A reminder of your booked supervision:', done: 'Supervision reminder' },
  'contract.draft': { title: 'Your VIG contract is still a draft', intro: 'Finish it and send it for signatures:', done: 'Contract sent for signatures' },
  'upload.unfinished': { title: 'An upload was left unfinished', intro: 'This clip has not finished uploading:', done: 'Upload finished' },
  'supervision.overdue': { title: 'A trainee is overdue for supervision', intro: 'Longer than their contract’s supervision cadence:', done: 'Supervision booked or logged' },
  'stage.meeting_due': { title: 'Your pathway needs attention', intro: 'Where your VIG pathway stands:', done: 'Pathway back on track' },
  'clip.unopened': { title: 'A clip is waiting for your review', intro: 'Shared with you and not opened yet:', done: 'Clip opened' },
  'protected_time.unused': { title: 'Protected time not used', intro: 'Your reports’ protected VIG time in recent weeks:', done: 'Protected time in use' },
  'admin.retention_soon': { title: 'Clips reaching their retention date', intro: 'These clips will be deleted within 14 days:', done: 'No clips near their retention date' },
  'admin.legal_hold_old': { title: 'Legal holds older than a year', intro: 'Check whether these holds are still needed:', done: 'No old legal holds' },
  'admin.undeliverable': { title: 'People Attune cannot reach', intro: 'Teams refused reminders for these people (app removed or account gone):', done: 'Everyone reachable' },
};

/** schedule.times as the progress card sends it: the enrolment only (the times card adds its inputs). */
const timesFor = (enrolmentId: string): CardActionData['schedule.times'] => ({ enrolmentId }) as CardActionData['schedule.times'];

/** A button that opens a page of the tab (a deep link into Teams, or the tab on the web). */
interface OpenLink {
  readonly kind: 'open';
  readonly title: string;
  readonly url: string;
}

/** The one-tap action for an item, when there is one. */
function actionOf(a: ReminderAbout, links: LinkSettings): Execute | OpenLink | null {
  switch (a.kind) {
    case 'record.write':
      return a.sessionId ? { kind: 'execute', title: `Write the record (${a.heldOn})`, verb: 'record.form', data: { sessionId: a.sessionId } } : { kind: 'execute', title: 'Log this supervision', verb: 'supervision.form', data: {} };
    case 'record.returned':
      return { kind: 'execute', title: 'Edit the record', verb: 'record.edit', data: { enrolmentId: a.enrolmentId, recordId: a.recordId, revision: a.revision } };
    case 'record.cosign':
      return { kind: 'execute', title: `Open the record (${day(a.submittedAt)})`, verb: 'record.refresh', data: { enrolmentId: a.enrolmentId, recordId: a.recordId } };
    case 'contract.sign':
      return { kind: 'execute', title: 'Sign the contract', verb: 'contract.sign', data: { enrolmentId: a.enrolmentId, version: a.version } };
    case 'supervision.tomorrow':
      return null;
    case 'contract.draft':
      return a.version === null ? { kind: 'execute', title: 'Draft the contract', verb: 'contract.form', data: {} } : { kind: 'execute', title: 'Open the draft', verb: 'contract.edit', data: { enrolmentId: a.enrolmentId, version: a.version } };
    case 'supervision.overdue':
      return { kind: 'execute', title: `Find a time (from ${a.lastOn ?? a.fromOn})`, verb: 'schedule.times', data: timesFor(a.enrolmentId) };
    case 'stage.meeting_due':
      return { kind: 'execute', title: 'See your progress', verb: 'progress.show', data: {} };
    case 'protected_time.unused':
      return { kind: 'execute', title: `See their progress (since ${a.lastOn})`, verb: 'progress.show', data: {} };
    case 'clip.unopened': {
      const url = clipLink(links, a.enrolmentId, a.clipId);
      return url ? { kind: 'open', title: `Open the clip (${day(a.uploadedAt)})`, url } : null;
    }
    case 'admin.retention_soon':
    case 'admin.legal_hold_old':
      // The tab has no admin clip list yet (issue 13's legal hold page): nothing one tap can do.
      return null;
    case 'admin.undeliverable': {
      const url = adminRemindersLink(links);
      return url ? { kind: 'open', title: 'See who cannot be reached', url } : null;
    }
    case 'upload.unfinished': {
      const link = uploadLink(links);
      return link ? { kind: 'open', title: 'Finish the upload', url: link.url } : null;
    }
  }
}

/** Actions on one card: Teams shows a handful well. */
const maxItemActions = 3;

/**
 * A reminder card (Adaptive Card 1.5): what is due, a button that does it where one tap can (the record
 * form, the contract's signature; a link to the tab's page where the thing is done there), snooze and mute. Once done, the same card in place says so, with no buttons.
 */
export function renderReminderCard(view: ReminderCardView, links: LinkSettings = noLinks): AdaptiveCard {
  const w = words[view.ruleId];
  const open = view.state === 'due';
  const done = new Set(view.doneItems ?? []);
  const seen = new Set<string>();
  const executes: Execute[] = [];
  const opens: OpenLink[] = [];
  for (const item of view.items) {
    const action = open && !done.has(item.key) ? actionOf(item.about, links) : null;
    if (!action) continue;
    const id = action.kind === 'open' ? `open:${action.url}` : `${action.verb}:${JSON.stringify(action.data)}`;
    if (seen.has(id) || executes.length + opens.length >= maxItemActions) continue;
    seen.add(id);
    if (action.kind === 'open') opens.push(action);
    else executes.push(action);
  }
  return expand(reminderTemplate, {
    key: view.key,
    title: open ? w.title : `Done: ${w.done}`,
    color: open ? 'Default' : 'Good',
    banner: view.banner ?? (open && done.size ? `${done.size} of ${view.items.length} done.` : ''),
    intro: open ? w.intro : 'Nothing more to do here.',
    lines: view.items.map((i) => (open && done.has(i.key) ? `${lineOf(i.about)}: done ✓` : lineOf(i.about))),
    executes,
    opens,
    open,
    fallback: open ? w.title : `Done: ${w.done}`,
  });
}
