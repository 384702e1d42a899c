import { Badge, Button, Field, makeStyles, Select, tokens, type BadgeProps } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type Api, type ApiError, type AuditEntry, type AuditOutcome } from '../api';
import { DataTable } from '../components/data-table';
import { ErrorPanel, Loading } from '../components/status';
import { formatInstant } from '../format';
import { useShared } from '../styles';

/** Actions the log holds, for the filter; the words are what an information-governance officer would say. */
const actions: readonly (readonly [string, string])[] = [
  ['view_clip', 'Viewed a clip'],
  ['upload_clip', 'Uploaded a clip'],
  ['delete_clip', 'Deleted a clip'],
  ['comment_clip', 'Commented on a clip'],
  ['legal_hold_on', 'Put a clip on legal hold'],
  ['legal_hold_off', 'Took a clip off legal hold'],
  ['create_case', 'Recorded a case'],
  ['create_cycle', 'Logged a cycle'],
  ['create_supervision', 'Logged supervision'],
  ['submit_record', 'Submitted a supervision record'],
  ['cosign_record', 'Co-signed a supervision record'],
  ['return_record', 'Returned a supervision record'],
  ['sign_off_stage', 'Signed off a stage'],
  ['create_contract', 'Drafted a contract'],
  ['sign_contract', 'Signed a contract'],
  ['decline_contract', 'Declined a contract'],
  ['activate_contract', 'Contract became active'],
  ['change_service_settings', 'Changed service settings'],
  ['save_pathway_version', 'Saved a pathway version'],
  ['read_audit', 'Read the audit log'],
  ['export_audit', 'Exported the audit log'],
  ['sign_in', 'Signed in'],
  ['view_practice', 'Opened practice records'],
];
const actionLabel = new Map(actions);
const outcomeColour: Record<AuditOutcome, BadgeProps['color']> = { allowed: 'success', refused: 'danger', failed: 'warning' };
const outcomeText: Record<AuditOutcome, string> = { allowed: 'Allowed', refused: 'Refused', failed: 'Failed' };

type Filter = { readonly action: string; readonly outcome: '' | AuditOutcome };

/**
 * The audit log for the service admin: newest first, filtered by action and outcome, paged, and exported as CSV
 * for an information-governance review. Reading and exporting the log are themselves written to it.
 */
export default function AdminAudit({ api }: { api: Api }) {
  const styles = useStyles();
  const shared = useShared();
  const [filter, setFilter] = useState<Filter>({ action: '', outcome: '' });
  const [entries, setEntries] = useState<readonly AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  /** Which filter the entries shown were read with (tests and screen readers wait for it). */
  const [loadedFor, setLoadedFor] = useState('');

  const fetchPage = useCallback(
    (cursor: string | null, signal?: AbortSignal) =>
      api.auditLog({ limit: 50, cursor, ...(filter.action ? { action: filter.action } : {}), ...(filter.outcome ? { outcome: filter.outcome } : {}) }, signal),
    [api, filter],
  );

  useEffect(() => {
    const controller = new AbortController();
    setEntries(null);
    setError(null);
    fetchPage(null, controller.signal).then(
      (p) => {
        setEntries(p.entries);
        setNext(p.next);
        setLoadedFor(`${filter.action}|${filter.outcome}`);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(toApiError(e));
      },
    );
    return () => controller.abort();
  }, [fetchPage, attempt, filter]);

  const more = (): void => {
    if (!next) return;
    setBusy(true);
    fetchPage(next).then(
      (p) => {
        setBusy(false);
        setEntries((es) => [...(es ?? []), ...p.entries]);
        setNext(p.next);
      },
      (e: unknown) => {
        setBusy(false);
        setError(toApiError(e));
      },
    );
  };

  const exportCsv = (): void => {
    setExporting(true);
    setError(null);
    api.auditCsv().then(
      (blob) => {
        setExporting(false);
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = `attune-audit-${new Date().toISOString().slice(0, 10)}.csv`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      (e: unknown) => {
        setExporting(false);
        setError(toApiError(e));
      },
    );
  };

  return (
    <>
      <h1 className={shared.title}>Audit log</h1>
      <p className={shared.lead}>Who did what to which record, and when: every clip viewing, every refusal, every change of settings. It cannot be edited. People are shown by their Microsoft Entra object id.</p>
      <div className={styles.filters} role="search" aria-label="Filter the audit log">
        <Field label="Action">
          <Select value={filter.action} onChange={(_, d) => setFilter({ ...filter, action: d.value })} data-testid="audit-action" className={shared.fitSelect}>
            <option value="">Any action</option>
            {actions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Outcome">
          <Select value={filter.outcome} onChange={(_, d) => setFilter({ ...filter, outcome: d.value as Filter['outcome'] })} data-testid="audit-outcome">
            <option value="">Any outcome</option>
            <option value="allowed">Allowed</option>
            <option value="refused">Refused</option>
            <option value="failed">Failed</option>
          </Select>
        </Field>
        <Button onClick={exportCsv} disabled={exporting} data-testid="audit-export">
          {exporting ? 'Exporting…' : 'Export the whole log as CSV'}
        </Button>
      </div>
      {error && <ErrorPanel title="The audit log could not be read" error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {entries === null && !error && <Loading label="Loading the audit log…" />}
      {entries !== null && (
        <DataTable
          label="Audit log entries"
          caption="Audit log entries, newest first"
          attributes={{ 'data-testid': 'audit-table', 'data-loaded-for': loadedFor, 'aria-describedby': 'audit-count' }}
          empty={
            <p className={shared.text} data-testid="audit-empty" data-loaded-for={loadedFor}>
              No entries match these filters.
            </p>
          }
          rows={entries}
          rowKey={(e, i) => `${e.at}/${i}`}
          rowAttributes={(e) => ({ 'data-testid': 'audit-row', 'data-action': e.action, 'data-outcome': e.outcome })}
          columns={[
            { header: 'When', cell: (e) => <time dateTime={e.at}>{formatInstant(e.at)}</time> },
            { header: 'Who', className: styles.id, cell: (e) => (e.actor ? e.actor.objectId : 'Attune (scheduled job)') },
            { header: 'Action', cell: (e) => actionLabel.get(e.action) ?? e.action },
            {
              header: 'Record',
              className: styles.id,
              cell: (e) => (
                <>
                  {e.object.kind} {e.object.id}
                </>
              ),
            },
            {
              header: 'Outcome',
              cell: (e) => (
                <Badge appearance="tint" color={outcomeColour[e.outcome]}>
                  {outcomeText[e.outcome]}
                </Badge>
              ),
            },
            { header: 'Purpose', cell: (e) => e.purpose ?? '—' },
          ]}
        />
      )}
      {entries !== null && (
        <p id="audit-count" className={shared.muted}>
          Showing {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
          {next ? '; older entries follow.' : '.'}
        </p>
      )}
      {next && (
        <Button onClick={more} disabled={busy} data-testid="audit-more">
          Show older entries
        </Button>
      )}
    </>
  );
}

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalL },
  id: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});
