import type { Encoded } from '../../contract/http/common';
import type { Progress, ProgressPoint, TraineeSummary } from '../../contract/http/progress';
import type { TraineeSummary as TraineeSummaryModel } from '../../app/progress';
import type { Progress as ProgressModel, ProgressPoint as ProgressPointModel } from '../../domain/progress';

/** Progress as the tab shows it: the domain's own shape, checked against the wire's. */
export const encodeProgress = (p: ProgressModel): Encoded<typeof Progress> => p;
export const encodeProgressPoint = (p: ProgressPointModel): Encoded<typeof ProgressPoint> => p;
export const encodeTrainee = (t: TraineeSummaryModel): Encoded<typeof TraineeSummary> => ({ id: t.id, displayName: t.displayName, relationship: t.relationship, progress: encodeProgress(t.progress), nextMeeting: t.nextMeeting ? { ...t.nextMeeting.window, kind: t.nextMeeting.kind } : null });
