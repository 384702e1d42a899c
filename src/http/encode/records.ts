import type { Encoded } from '../../contract/http/common';
import type { RecordView, ReviewedRecord } from '../../contract/http/practice';
import type { RecordView as RecordViewModel } from '../../app/supervision-records/record-view';
import type { Outcome } from '../../domain/submission';

/** A supervision record as the tab sees it, with its enrolment: the bot's channel ids stay with the bot. */
export function encodeRecordView(v: RecordViewModel): Encoded<typeof RecordView> {
  return {
    enrolmentId: v.record.enrolmentId,
    record: v.record,
    session: v.session,
    traineeId: v.traineeId,
    traineeName: v.traineeName,
    supervisorId: v.supervisorId,
    supervisorName: v.supervisorName,
    caseCodes: v.caseCodes,
  };
}

export function encodeReviewedRecord(outcome: Outcome<RecordViewModel>): Encoded<typeof ReviewedRecord> {
  return { record: encodeRecordView(outcome.value), outcome: outcome.kind, ...(outcome.kind === 'unchanged' ? { why: outcome.why } : {}) };
}
