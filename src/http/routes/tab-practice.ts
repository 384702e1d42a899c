import type { Request } from 'restify';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';
import { viewPractice } from '../../app/practice/view-practice';
import { recordsAwaitingMyCosign } from '../../app/supervision-records/list-records';
import { reviewSupervisionRecord } from '../../app/supervision-records/review-record';
import { routes } from '../../contract/http/routes';
import { encodeRecordView, encodeReviewedRecord } from '../encode/records';
import type { Mount } from '../mount';

/**
 * The tab's view of practice: an enrolment's cases, cycles and sessions (trainee and supervisor), and the
 * supervision records a supervisor co-signs from a review session. Thin: decode, one use case, encode.
 */
export function mountTabPracticeRoutes(mount: Mount, o: { app: AppDeps; caller: (req: Request) => Promise<Actor> }): void {
  mount.json(routes.practice, { auth: o.caller, handle: async ({ caller: actor, params }) => ({ body: { practice: await viewPractice(o.app, { actor, enrolmentId: params.enrolmentId }) } }) });
  mount.json(routes.recordsToCosign, { auth: o.caller, handle: async ({ caller: actor }) => ({ body: { records: (await recordsAwaitingMyCosign(o.app, { actor })).map(encodeRecordView) } }) });
  mount.json(routes.reviewRecord, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body }) => {
      const decision = { kind: body.decision, comment: body.comment ?? '' };
      return { body: encodeReviewedRecord(await reviewSupervisionRecord(o.app, { actor, enrolmentId: params.enrolmentId, recordId: params.recordId, revision: body.revision, decision })) };
    },
  });
}
