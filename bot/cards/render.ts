import type { RecordCounts } from '../../src/app/supervision-records/record-summary';
import { formatMinutes, type Progress, type StageProgress } from '../../src/domain/progress';
import type { PlannedKind } from '../../src/domain/scheduling/planned-supervision';
import type { TimeWindow } from '../../src/ports/calendar';
import { formatWindow } from './local-time';
import helpTemplate from './help.json' with { type: 'json' };
import progressTemplate from './progress.json' with { type: 'json' };
import welcomeTemplate from './welcome.json' with { type: 'json' };

import { expand, type AdaptiveCard } from './template';

export type { AdaptiveCard } from './template';

export interface WelcomeCardData {
  readonly intro: string;
  readonly points: readonly { text: string }[];
  /** Offer the Book supervision button (trainees and supervisors). */
  readonly canBook?: boolean;
}

export function renderWelcomeCard(data: WelcomeCardData): AdaptiveCard {
  return expand(welcomeTemplate, { ...data, canBook: data.canBook ?? false });
}

export interface HelpCardData {
  readonly commands: readonly { command: string; description: string; example: string }[];
}

export function renderHelpCard(data: HelpCardData): AdaptiveCard {
  const fallback = `Commands: ${data.commands.map((c) => c.command).join(', ')}`;
  return expand(helpTemplate, { ...data, fallback });
}

const statusText: Record<StageProgress['status'], string> = { complete: 'complete', current: 'in progress', upcoming: 'not started' };
const projectionText: Record<Progress['projection']['status'], string> = { complete: 'complete', on_track: 'on track', at_risk: 'at risk of running past the window', overdue: 'past the end of the window' };

export function describeStage(s: StageProgress): string {
  const signed = s.completedOn ? `, signed off ${s.completedOn}` : '';
  return `${s.name}: ${statusText[s.status]}${signed} — cycles ${s.cycles.done} of ${s.cycles.required}, new clients ${s.newClients.done} of ${s.newClients.required}, supervision ${formatMinutes(s.supervisionMinutes.done)} of ${formatMinutes(s.supervisionMinutes.required)}`;
}

/** How a trainee's supervision records stand, in a line: "8 co-signed · 1 waiting for co-signing · 2 to write". */
export function describeRecordCounts(r: RecordCounts): string {
  const parts = [`${r.cosigned} co-signed`];
  if (r.awaitingCosign) parts.push(`${r.awaitingCosign} waiting for co-signing`);
  if (r.returned) parts.push(`${r.returned} returned to you to edit`);
  if (r.toWrite) parts.push(`${r.toWrite} still to write (type record)`);
  return parts.join(' · ');
}

const meetingName: Readonly<Record<PlannedKind, string>> = { supervision: 'supervision', transition: 'transition meeting', accreditation: 'accreditation meeting' };

export interface ProgressCardData {
  readonly progress: Progress;
  readonly traineeName: string | null;
  readonly records?: RecordCounts | null;
  /** The next meeting booked, shown in the service's zone. */
  readonly nextMeeting?: { readonly meeting: { readonly window: TimeWindow; readonly kind: PlannedKind } | null; readonly zone: string } | null;
  /** Buttons for the enrolment's booked supervision: to see it, and (trainee or supervisor) to book. */
  readonly schedule?: { readonly canBook: boolean } | null;
}

/** The progress card for a trainee (the person themselves, or one of a supervisor's trainees). */
export function renderProgressCard(data: ProgressCardData): AdaptiveCard {
  const p = data.progress;
  const next = data.nextMeeting?.meeting;
  const nextMeeting = next && data.nextMeeting ? `Next ${meetingName[next.kind]}: ${formatWindow(next.window, data.nextMeeting.zone)}` : data.nextMeeting ? 'No supervision booked yet.' : '';
  const current = p.stages.find((s) => s.status === 'current');
  const currentFacts = current
    ? [
        { title: 'Cycles', value: `${current.cycles.done} of ${current.cycles.required}` },
        { title: 'New clients', value: `${current.newClients.done} of ${current.newClients.required}` },
        { title: 'Supervision', value: `${formatMinutes(current.supervisionMinutes.done)} of ${formatMinutes(current.supervisionMinutes.required)}` },
        { title: `${current.meeting.kind === 'accreditation' ? 'Accreditation' : 'Transition'} meeting`, value: current.meeting.status === 'due' ? 'ready to book' : 'not yet due' },
      ]
    : [];
  const proj = p.projection;
  const projection =
    proj.status === 'complete'
      ? `Completed ${proj.projectedCompletion}.`
      : `Projected completion ${proj.projectedCompletion} (window ${proj.windowOpens} to ${proj.windowCloses}): ${projectionText[proj.status]}.`;
  const title = data.traineeName ? `Progress: ${data.traineeName}` : 'Your progress';
  const stages = p.stages.map((s) => ({ line: describeStage(s) }));
  return expand(progressTemplate, {
    title,
    pathway: p.pathway.name,
    currentHeading: current ? `${current.name} (current)` : p.accredited ? 'All stages signed off' : '',
    currentFacts,
    stages,
    next: p.next.map((n) => ({ text: n.text })),
    projection,
    records: data.records ? describeRecordCounts(data.records) : '',
    nextMeeting,
    enrolmentId: p.enrolmentId,
    showSchedule: Boolean(data.schedule),
    canBook: data.schedule?.canBook ?? false,
    fallback: `${title}. ${nextMeeting ? `${nextMeeting} ` : ''}${stages.map((s) => s.line).join('. ')}. ${projection}`,
  });
}
