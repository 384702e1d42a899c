import type { Request, Response, Server } from 'restify';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';
import { viewPractice } from '../../app/practice/view-practice';
import { recordsAwaitingMyCosign } from '../../app/supervision-records/list-records';
import type { RecordView } from '../../app/supervision-records/record-view';
import { reviewSupervisionRecord, type ReviewDecision } from '../../app/supervision-records/review-record';
import { AttuneError } from '../../domain/errors';

type Route = (fn: (req: Request) => Promise<{ status?: number; body: unknown }>) => (req: Request, res: Response) => Promise<void>;

/**
 * The tab's view of practice: an enrolment's cases, cycles and sessions (trainee and supervisor), and the
 * supervision records a supervisor co-signs from a review session. Thin: decode, one use case, encode.
 */
export function mountTabPracticeRoutes(server: Server, o: { app: AppDeps; route: Route; caller: (req: Request) => Promise<Actor> }): void {
  server.get('/api/enrolments/:enrolmentId/practice', o.route(async (req) => {
    const actor = await o.caller(req);
    return { body: { practice: await viewPractice(o.app, { actor, enrolmentId: param(req, 'enrolmentId') }) } };
  }));
  server.get('/api/me/records-to-cosign', o.route(async (req) => {
    const actor = await o.caller(req);
    return { body: { records: (await recordsAwaitingMyCosign(o.app, { actor })).map(encodeRecord) } };
  }));
  server.post('/api/enrolments/:enrolmentId/records/:recordId/review', o.route(async (req) => {
    const actor = await o.caller(req);
    const { revision, decision } = reviewBody(req.body);
    const outcome = await reviewSupervisionRecord(o.app, { actor, enrolmentId: param(req, 'enrolmentId'), recordId: param(req, 'recordId'), revision, decision });
    return { body: { record: encodeRecord(outcome.value), outcome: outcome.kind, ...(outcome.kind === 'unchanged' ? { why: outcome.why } : {}) } };
  }));
}

const param = (req: Request, name: string): string => {
  const v: unknown = (req.params as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};

/** What the tab shows of a record: the bot's channel ids stay with the bot. */
function encodeRecord(v: RecordView): Omit<RecordView, 'channelUserIds'> & { enrolmentId: string } {
  const { channelUserIds: _ignored, ...rest } = v;
  return { ...rest, enrolmentId: v.record.enrolmentId };
}

function reviewBody(body: unknown): { revision: number; decision: ReviewDecision } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof b.revision !== 'number' || !Number.isInteger(b.revision) || b.revision < 1) problems.push('revision: send the revision of the record you read.');
  if (b.decision !== 'cosign' && b.decision !== 'return') problems.push('decision: cosign or return.');
  if (b.comment !== undefined && typeof b.comment !== 'string') problems.push('comment: text.');
  if (problems.length) throw new AttuneError('invalid_input', 'That review could not be read.', problems);
  const comment = typeof b.comment === 'string' ? b.comment : '';
  return { revision: b.revision as number, decision: { kind: b.decision as 'cosign' | 'return', comment } };
}
