import { AttuneError } from '../domain/errors';
import { personId } from '../domain/people';
import type { AuditEntry, AuditOutcome, AuditPage } from '../ports/audit';
import { audit } from './authorise';
import type { AppDeps } from './deps';
import type { Actor } from './people';

const isAdmin = (actor: Actor): boolean => actor.roles.includes('service_admin');

/** A page of the whole audit log, newest first: service admins only. Reading it is itself audited. */
export interface AuditFilter {
  readonly action?: string;
  readonly outcome?: AuditOutcome;
}

/** How many entries one filtered read looks through before it returns what it found (with a cursor to go on). */
const maxScanned = 2000;

export async function readAuditLog(deps: AppDeps, input: { actor: Actor; limit?: number; cursor?: string | null; filter?: AuditFilter }): Promise<AuditPage> {
  if (!isAdmin(input.actor)) throw new AttuneError('not_found', 'Not found.');
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new AttuneError('invalid_input', 'The page size must be a whole number from 1 to 500.');
  const filter = input.filter ?? {};
  const matches = (e: AuditEntry): boolean => (!filter.action || e.action === filter.action) && (!filter.outcome || e.outcome === filter.outcome);
  let page: AuditPage;
  if (!filter.action && !filter.outcome) {
    page = await deps.audit.page({ limit, cursor: input.cursor ?? null });
  } else {
    // Filtered: scan in pages, and resume exactly after the last entry looked at.
    const entries: AuditEntry[] = [];
    let cursor = input.cursor ?? null;
    let scanned = 0;
    let next: string | null = null;
    scanning: while (scanned < maxScanned) {
      const chunk = await deps.audit.scan({ limit: 200, cursor });
      for (const { entry, after } of chunk.entries) {
        scanned++;
        if (matches(entry)) entries.push(entry);
        next = after;
        if (entries.length === limit) break scanning;
      }
      if (!chunk.next) {
        next = null;
        break;
      }
      cursor = chunk.next;
    }
    page = { entries, next };
  }
  await audit(deps, { actor: input.actor, action: 'read_audit', object: { kind: 'audit', id: 'log' }, purpose: 'governance review' });
  return page;
}

export const auditCsvColumns = ['at', 'actor_tenant', 'actor_object', 'action', 'object_kind', 'object_id', 'outcome', 'purpose', 'subject'] as const;

/** The whole audit log as CSV (oldest last, as read), for an information-governance export. Audited. */
export async function exportAuditLog(deps: AppDeps, input: { actor: Actor; maxEntries?: number }): Promise<string> {
  if (!isAdmin(input.actor)) throw new AttuneError('not_found', 'Not found.');
  const rows: string[] = [auditCsvColumns.join(',')];
  let cursor: string | null = null;
  const max = input.maxEntries ?? 100_000;
  let count = 0;
  do {
    const page: AuditPage = await deps.audit.page({ limit: 500, cursor });
    for (const e of page.entries) {
      if (count++ >= max) break;
      rows.push(csvRow(e));
    }
    cursor = count >= max ? null : page.next;
  } while (cursor);
  await audit(deps, { actor: input.actor, action: 'export_audit', object: { kind: 'audit', id: 'log' }, purpose: 'governance export' });
  return `${rows.join('\r\n')}\r\n`;
}

function csvRow(e: AuditEntry): string {
  const cells = [e.at, e.actor?.tenantId ?? 'system', e.actor?.objectId ?? '', e.action, e.object.kind, e.object.id, e.outcome, e.purpose ?? '', e.subject ?? ''];
  return cells.map(csvCell).join(',');
}

/** Quotes a cell, and defuses spreadsheet formulas (a leading = + - @). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface ClipView {
  readonly at: string;
  readonly viewer: string;
  readonly clipId: string;
  readonly purpose: string | null;
}

/** Who viewed the asking trainee's clips, newest first (from the audit log). */
export async function whoViewedMyClips(deps: AppDeps, input: { actor: Actor; limit?: number; cursor?: string | null }): Promise<{ views: ClipView[]; next: string | null }> {
  const page = await deps.audit.page({ subject: input.actor.person.id, limit: input.limit ?? 50, cursor: input.cursor ?? null });
  const views: ClipView[] = [];
  const names = new Map<string, string>();
  for (const e of page.entries) {
    if (e.action !== 'view_clip' || e.outcome !== 'allowed' || !e.actor) continue;
    const id = personId(e.actor);
    if (!names.has(id)) {
      const p = await deps.store.people.get({ partition: e.actor.tenantId, id: e.actor.objectId });
      names.set(id, p?.value.displayName ?? 'Someone outside your service');
    }
    views.push({ at: e.at, viewer: names.get(id) ?? '', clipId: e.object.id, purpose: e.purpose ?? null });
  }
  return { views, next: page.next };
}
