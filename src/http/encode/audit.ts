import type { Encoded } from '../../contract/http/common';
import type { AuditPage, ClipViews } from '../../contract/http/audit';
import type { AuditPage as AuditPageModel } from '../../ports/audit';
import type { ClipView as ClipViewModel } from '../../app/audit-log';

export const encodeAuditPage = (p: AuditPageModel): Encoded<typeof AuditPage> => ({ entries: p.entries, next: p.next });
export const encodeClipViews = (v: { views: readonly ClipViewModel[]; next: string | null }): Encoded<typeof ClipViews> => ({ views: v.views, next: v.next });
