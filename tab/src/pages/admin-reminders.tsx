import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Switch, Tab, TabList, tokens } from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { toApiError, type AdminReminders as AdminRemindersView, type Api, type ApiError, type ReminderGroup, type ReminderRulesView, type ReminderRuleTiming } from '../api';
import { ReminderCardPreview } from '../components/reminder-card-preview';
import { ErrorPanel, Loading } from '../components/status';
import { formatInstant } from '../format';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

const groupLabel: Record<ReminderGroup, string> = { sent: 'Sent', waiting: 'Waiting', snoozed: 'Snoozed', muted: 'Muted', undeliverable: 'Undeliverable', dead: 'Failed', cancelled: 'Cancelled' };
const statusLabel: Record<string, string> = {
  delivered: 'Delivered',
  closed: 'Delivered, now done',
  queued: 'Queued',
  sending: 'Being sent',
  undeliverable: 'Teams refused',
  dead: 'Gave up',
  cancelled: 'Done before sending',
  snoozed: 'Snoozed until',
  muted: 'Muted',
  recipient: 'Cannot be reached',
};
const audienceLabel = { trainee: 'Trainees', supervisor: 'Supervisors', line_manager: 'Line managers', admin: 'Service admins' } as const;

/**
 * The service's reminders for its admin: what was sent, what waits, what people snoozed or muted, what Teams
 * refused and why; counts per rule; and the rules themselves, each with its card drawn as Teams would draw it.
 */
export default function AdminReminders({ api }: { api: Api }) {
  const shared = useShared();
  return (
    <section aria-labelledby="reminders-heading" className={shared.section} data-testid="admin-reminders">
      <h1 id="reminders-heading" className={shared.title}>
        Reminders
      </h1>
      <p className={shared.lead}>Attune reminds people in Teams of what is waiting for them, in their working hours. This page shows what it sent and why some did not arrive, and lets you change each rule.</p>
      <Outbox api={api} />
      <Rules api={api} />
    </section>
  );
}

function Outbox({ api }: { api: Api }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.adminReminders(signal), [api]);
  const { result, retry } = useAsync(load);
  return (
    <section aria-labelledby="outbox-heading" className={shared.section}>
      <h2 id="outbox-heading" className={shared.heading}>
        Reminders by state
      </h2>
      {result.state === 'loading' && <Loading label="Loading the reminders…" />}
      {result.state === 'failed' && <ErrorPanel title="The reminders could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' && <OutboxView view={result.value} />}
    </section>
  );
}

function OutboxView({ view }: { view: AdminRemindersView }) {
  const shared = useShared();
  const [group, setGroup] = useState<ReminderGroup>('sent');
  const current = view.groups.find((g) => g.group === group);
  const ruleName = new Map(view.perRule.map((r) => [r.ruleId, r.label]));
  return (
    <>
      <TabList selectedValue={group} onTabSelect={(_, d) => setGroup(d.value as ReminderGroup)} aria-label="Reminder states" data-testid="reminder-states">
        {view.groups.map((g) => (
          <Tab key={g.group} value={g.group} id={`state-tab-${g.group}`} aria-controls="state-panel" data-testid={`state-${g.group}`}>
            {groupLabel[g.group]} ({view.counts[g.group]})
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id="state-panel" aria-labelledby={`state-tab-${group}`} data-testid="state-panel">
        {!current || current.lines.length === 0 ? (
          <p className={shared.text}>None.</p>
        ) : (
          <div className={shared.tableWrap}>
            <table className={shared.table}>
              <caption className={shared.visuallyHidden}>{groupLabel[group]} reminders, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Rule</th>
                  <th scope="col">State</th>
                  <th scope="col">When</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {current.lines.map((l, i) => (
                  <tr key={`${l.key ?? ''}|${l.personId}|${l.ruleId ?? ''}|${i}`} data-testid="reminder-line">
                    <td>{l.personName}</td>
                    <td>{l.ruleId ? (ruleName.get(l.ruleId) ?? l.ruleId) : 'Every rule'}</td>
                    <td>{statusLabel[l.status] ?? l.status}</td>
                    <td>{formatInstant(l.at)}</td>
                    <td>{l.reason ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {current && current.more > 0 && <p className={shared.muted}>{current.more} older not shown.</p>}
      </div>
      <h3 className={shared.subheading} id="per-rule-heading">
        Per rule
      </h3>
      <div className={shared.tableWrap}>
        <table className={shared.table} aria-labelledby="per-rule-heading" data-testid="per-rule">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">For</th>
              {view.groups.map((g) => (
                <th scope="col" key={g.group}>
                  {groupLabel[g.group]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.perRule.map((r) => (
              <tr key={r.ruleId} data-testid={`per-rule-${r.ruleId}`}>
                <th scope="row">{r.label}</th>
                <td>{audienceLabel[r.audience]}</td>
                {view.groups.map((g) => (
                  <td key={g.group}>{r.counts[g.group]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Rules({ api }: { api: Api }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.reminderRules(signal), [api]);
  const { result, retry } = useAsync(load);
  return (
    <section aria-labelledby="rules-heading" className={shared.section}>
      <h2 id="rules-heading" className={shared.heading}>
        Rules
      </h2>
      {result.state === 'loading' && <Loading label="Loading the rules…" />}
      {result.state === 'failed' && <ErrorPanel title="The rules could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' && <RulesForm key={result.value.etag} api={api} initial={result.value} reload={retry} />}
    </section>
  );
}

interface Draft {
  readonly enabled: boolean;
  readonly days: string;
  readonly every: string;
}

const draftOf = (r: ReminderRuleTiming): Draft => ({ enabled: r.enabled, days: r.afterDays.join(', '), every: r.thenEveryDays === null ? '' : String(r.thenEveryDays) });
/** What the admin typed, as the server reads it; anything unreadable is sent as is, and the server says what is wrong. */
const timingOf = (d: Draft): ReminderRuleTiming => ({
  enabled: d.enabled,
  afterDays: d.days
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((x) => (/^-?\d+$/.test(x) ? Number(x) : Number.NaN)),
  thenEveryDays: d.every.trim() === '' ? null : /^\d+$/.test(d.every.trim()) ? Number(d.every.trim()) : Number.NaN,
});

function RulesForm({ api, initial, reload }: { api: Api; initial: ReminderRulesView; reload: () => void }) {
  const shared = useShared();
  const styles = useStyles();
  const [view, setView] = useState(initial);
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => Object.fromEntries(initial.rules.map((r) => [r.id, draftOf(r)])));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [previews, setPreviews] = useState<ReadonlySet<string>>(new Set());
  const stale = error !== null && (error.status === 409 || error.status === 412);

  const change = (id: string, d: Partial<Draft>): void => setDrafts((all) => ({ ...all, [id]: { ...all[id]!, ...d } }));
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setStatus('');
    const rules = Object.fromEntries(view.rules.map((r) => [r.id, timingOf(drafts[r.id]!)]));
    // NaN does not survive JSON: send null, which the server refuses with the rule's name.
    const wire = JSON.parse(JSON.stringify(rules)) as Record<string, ReminderRuleTiming>;
    api.changeReminderRules(wire, view.etag).then(
      (next) => {
        setBusy(false);
        setView(next);
        setDrafts(Object.fromEntries(next.rules.map((r) => [r.id, draftOf(r)])));
        setStatus('Saved. The rules apply from the next planning run, and the change is in the audit log.');
      },
      (err: unknown) => {
        setBusy(false);
        const apiError = toApiError(err);
        setError(apiError);
        setStatus(apiError.status === 409 || apiError.status === 412 ? 'Not saved: someone else changed the rules.' : 'Not saved: the rules need attention.');
      },
    );
  };
  const togglePreview = (id: string): void =>
    setPreviews((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="rules-heading" data-testid="rules-form">
      <p className={shared.text}>Days count in each person’s own calendar from when the thing happened (a session held, a record returned); a negative day is before it. Leave “repeat” empty for no repeat.</p>
      <ul className={styles.rules}>
        {view.rules.map((r) => {
          const d = drafts[r.id]!;
          return (
            <li key={r.id} className={shared.card} data-testid={`rule-${r.id}`}>
              <fieldset className={styles.fieldset}>
                <legend className={shared.subheading}>
                  {r.label} <span className={shared.muted}>— for {audienceLabel[r.audience].toLowerCase()}</span>
                </legend>
                <Switch checked={d.enabled} onChange={(_, x) => change(r.id, { enabled: x.checked })} label={d.enabled ? 'On' : 'Off'} data-testid={`rule-enabled-${r.id}`} />
                <Field label="Remind on these days" hint="Whole numbers from -14 to 365, in order, separated by commas.">
                  <Input value={d.days} onChange={(_, x) => change(r.id, { days: x.value })} data-testid={`rule-days-${r.id}`} />
                </Field>
                <Field label="Then repeat every so many days" hint="1 to 90; empty for no repeat.">
                  <Input value={d.every} inputMode="numeric" onChange={(_, x) => change(r.id, { every: x.value })} data-testid={`rule-every-${r.id}`} />
                </Field>
                <div>
                  <Button type="button" appearance="secondary" aria-expanded={previews.has(r.id)} onClick={() => togglePreview(r.id)} data-testid={`rule-preview-${r.id}`}>
                    {previews.has(r.id) ? 'Hide the card' : 'Preview the card'}
                  </Button>
                </div>
                {previews.has(r.id) && <ReminderCardPreview api={api} ruleId={r.id} label={r.label} />}
              </fieldset>
            </li>
          );
        })}
      </ul>
      {error && <ErrorPanel title={stale ? 'Someone else changed the rules since you opened them' : 'The rules were not saved'} error={error} onRetry={stale ? reload : undefined} />}
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="rules-status" className={styles.status}>
        {status && !error && (
          <MessageBar intent="success">
            <MessageBarBody>{status}</MessageBarBody>
          </MessageBar>
        )}
        {status && error && <span className={shared.visuallyHidden}>{status}</span>}
      </div>
      <div className={shared.row}>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="rules-save">
          Save the rules
        </Button>
      </div>
    </form>
  );
}

const useStyles = makeStyles({
  rules: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalL },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS, minWidth: 0 },
  status: { margin: `${tokens.spacingVerticalM} 0` },
});
