import type { Request } from 'restify';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';
import { changeCaseConsent, endCaseInvolvement } from '../../app/practice/case-lifecycle';
import { caseSummaryOf, viewPractice } from '../../app/practice/view-practice';
import type { Case } from '../../domain/practice';
import type { Outcome } from '../../domain/submission';
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
  mount.json(routes.changeConsent, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body }) => ({ body: caseChanged(await changeCaseConsent(o.app, { actor, enrolmentId: params.enrolmentId, caseId: params.caseId, change: body })) }),
  });
  mount.json(routes.endInvolvement, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body }) => ({ body: caseChanged(await endCaseInvolvement(o.app, { actor, enrolmentId: params.enrolmentId, caseId: params.caseId, on: body.on })) }),
  });
  mount.json(routes.recordsToCosign, { auth: o.caller, handle: async ({ caller: actor }) => ({ body: { records: (await recordsAwaitingMyCosign(o.app, { actor })).map(encodeRecordView) } }) });
  mount.json(routes.reviewRecord, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body }) => {
      const decision = { kind: body.decision, comment: body.comment ?? '' };
      return { body: encodeReviewedRecord(await reviewSupervisionRecord(o.app, { actor, enrolmentId: params.enrolmentId, recordId: params.recordId, revision: body.revision, decision })) };
    },
  });
}

function caseChanged(outcome: Outcome<Case>) {
  return { case: caseSummaryOf(outcome.value), outcome: outcome.kind, ...(outcome.kind === 'unchanged' ? { why: outcome.why } : {}) };
}
