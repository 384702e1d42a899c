import type { PersonRef } from '../domain/people';

/**
 * The audit log: append-only. Who (tenant + object id), what, which object, when and why — never names,
 * titles, notes, tokens or URLs with secrets in them.
 */
export type AuditOutcome = 'allowed' | 'refused' | 'failed';

export interface AuditEntry {
  readonly at: string;
  /** Null for the system itself (scheduled jobs, retention). */
  readonly actor: PersonRef | null;
  readonly action: string;
  readonly object: { readonly kind: string; readonly id: string };
  readonly outcome: AuditOutcome;
  /** Why: the purpose, e.g. "supervision review". */
  readonly purpose?: string;
  /** Whose data it is (e.g. the trainee whose clip was viewed), so they can see who looked. */
  readonly subject?: string;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** Opaque; pass back to get the next (older) page. */
  readonly next: string | null;
}

/** A page whose every entry also carries the cursor that resumes right after it. */
export interface AuditScan {
  readonly entries: readonly { readonly entry: AuditEntry; readonly after: string }[];
  readonly next: string | null;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  page(query: { subject?: string; limit: number; cursor?: string | null }): Promise<AuditPage>;
  /** Like `page`, with a cursor for each entry, for readers that filter as they go. */
  scan(query: { limit: number; cursor?: string | null }): Promise<AuditScan>;
}
