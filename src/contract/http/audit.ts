import * as z from 'zod';
import { Instant, PageQuery } from './common';

/** The audit log as a service admin reads it, and the views of a trainee's clips as the trainee sees them. */
export const AuditOutcome = z.enum(['allowed', 'refused', 'failed'], { error: 'outcome must be allowed, refused or failed.' });
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  at: Instant,
  actor: z.object({ tenantId: z.string(), objectId: z.string() }).nullable().describe('Null for Attune itself (retention, reminders).'),
  action: z.string(),
  object: z.object({ kind: z.string(), id: z.string() }),
  outcome: AuditOutcome,
  purpose: z.string().optional(),
  subject: z.string().optional().describe('Whose data it is.'),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.string().nullable().describe('Pass as cursor for the next (older) page.') });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditQuery = PageQuery.extend({
  action: z
    .string({ error: 'action must be an action name such as view_clip.' })
    .regex(/^[a-z_]{1,40}$/, { error: 'action must be an action name such as view_clip.' })
    .optional(),
  outcome: AuditOutcome.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const ClipView = z.object({ at: Instant, viewer: z.string(), clipId: z.string(), purpose: z.string().nullable() });
export type ClipView = z.infer<typeof ClipView>;
export const ClipViews = z.object({ views: z.array(ClipView), next: z.string().nullable() });
export type ClipViews = z.infer<typeof ClipViews>;
