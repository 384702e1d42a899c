import type { PlannedKind } from '../../domain/scheduling/planned-supervision';
import type { AppDeps } from '../deps';

/**
 * What a meeting invitation says. It shows on every invitee's calendar (and on anyone's who can see theirs),
 * so it holds neutral words and a link into Attune — never a case code, a family's detail or a clip title.
 */
export function meetingSubject(kind: PlannedKind): string {
  switch (kind) {
    case 'supervision':
      return 'VIG supervision';
    case 'transition':
      return 'VIG transition meeting';
    case 'accreditation':
      return 'VIG accreditation meeting';
  }
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function meetingBody(deps: Pick<AppDeps, 'scheduling'>, input: { enrolmentId: string; kind: PlannedKind }): string {
  const link = deps.scheduling.enrolmentLink(input.enrolmentId);
  const what = input.kind === 'supervision' ? 'VIG supervision' : `a VIG ${input.kind} meeting`;
  const where = link ? `<p><a href="${escape(link)}">Open it in Attune</a> to see what to bring, and to write the record afterwards.</p>` : '<p>Open Attune in Teams to see what to bring, and to write the record afterwards.</p>';
  return `<p>This is ${what}, booked through Attune.</p>${where}`;
}
