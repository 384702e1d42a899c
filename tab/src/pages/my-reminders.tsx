import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { toApiError, type Api, type ApiError, type MyReminders as MyRemindersView } from '../api';
import { ErrorPanel, Loading } from '../components/status';
import { serviceZone } from '../format';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

type Upcoming = MyRemindersView['upcoming'][number];

/** A time in the zone reminders are timed in, with the zone named. */
function inZone(iso: string, zone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(new Date(iso));
  } catch {
    return new Date(iso).toUTCString();
  }
}

function whenText(u: Upcoming, zone: string): string {
  switch (u.state) {
    case 'scheduled':
      return `Next reminder ${inZone(u.at!, zone)}`;
    case 'due':
      return `Due now: it comes ${inZone(u.at!, zone)} or soon after`;
    case 'snoozed':
      return `Snoozed until ${inZone(u.at!, zone)}`;
    case 'muted':
      return 'You muted these reminders';
    case 'off':
      return 'Your service switched these reminders off';
    case 'none':
      return 'No more reminders about this';
  }
}

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (v: string): number => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(v);
  return m ? Number(m[1]) * 60 + Number(m[2]) : -1;
};

/** What Attune will remind the person of and when; their reminder times; the rules they muted or snoozed. */
export default function MyReminders({ api }: { api: Api }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.myReminders(signal), [api]);
  const { result, retry } = useAsync(load);
  return (
    <section aria-labelledby="my-reminders-heading" className={shared.section} data-testid="my-reminders">
      <h1 id="my-reminders-heading" className={shared.title}>
        My reminders
      </h1>
      {result.state === 'loading' && <Loading label="Loading your reminders…" />}
      {result.state === 'failed' && <ErrorPanel title="Your reminders could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' && <Reminders api={api} initial={result.value} />}
    </section>
  );
}

function Reminders({ api, initial }: { api: Api; initial: MyRemindersView }) {
  const shared = useShared();
  const styles = useStyles();
  const [view, setView] = useState(initial);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const act = (what: Promise<MyRemindersView>, done: string): void => {
    setStatus('');
    setError(null);
    what.then(
      (next) => {
        setView(next);
        setStatus(done);
      },
      (e: unknown) => {
        setError(toApiError(e));
        setStatus('That did not work.');
      },
    );
  };
  return (
    <>
      <p className={shared.lead}>
        Attune reminds you in Teams of what is waiting for you, in your working hours (times below are in <span data-testid="reminders-zone">{view.zone}</span>). You can snooze or mute a reminder from its card.
      </p>
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="my-reminders-status" className={styles.status}>
        {status && !error && (
          <MessageBar intent="success">
            <MessageBarBody>{status}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {error && <ErrorPanel title="Not changed" error={error} />}

      <section aria-labelledby="upcoming-heading" className={shared.section}>
        <h2 id="upcoming-heading" className={shared.heading}>
          Coming up
        </h2>
        {view.upcoming.length === 0 ? (
          <p className={shared.text} data-testid="nothing-upcoming">
            Nothing is waiting for you, so there is nothing to remind you of.
          </p>
        ) : (
          <ul className={shared.plainList} data-testid="upcoming">
            {view.upcoming.map((u, i) => (
              <li key={`${u.ruleId}|${u.what}|${i}`} className={shared.card} data-testid="upcoming-reminder" data-state={u.state}>
                <strong>{u.label}</strong>
                <div>{u.what}</div>
                <div className={shared.muted}>{whenText(u, view.zone)}</div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Preferences key={JSON.stringify(view.preferences)} initial={view} onSave={(p) => act(api.changeMyReminderPreferences(p), 'Saved your reminder times.')} />

      <section aria-labelledby="muted-heading" className={shared.section}>
        <h2 id="muted-heading" className={shared.heading}>
          Muted and snoozed
        </h2>
        {view.mutes.length === 0 && view.snoozes.length === 0 && <p className={shared.text}>You have not muted or snoozed any reminders.</p>}
        <ul className={shared.plainList} data-testid="mutes">
          {view.mutes.map((m) => (
            <li key={m.ruleId} className={shared.row} data-testid={`mute-${m.ruleId}`}>
              <span>Muted: {m.label}</span>
              <Button onClick={() => act(api.unmuteReminderRule(m.ruleId), `Unmuted: ${m.label}. You will be reminded again.`)} aria-label={`Unmute ${m.label}`} data-testid={`unmute-${m.ruleId}`}>
                Unmute
              </Button>
            </li>
          ))}
          {[...new Map(view.snoozes.map((s) => [s.ruleId, s])).values()].map((s) => (
            <li key={`snooze-${s.ruleId}`} className={shared.row} data-testid={`snooze-${s.ruleId}`}>
              <span>
                Snoozed until {inZone(s.until, view.zone)}: {s.label}
              </span>
              <Button onClick={() => act(api.cancelReminderSnoozes(s.ruleId), `Snooze cancelled: ${s.label}.`)} aria-label={`Cancel the snooze of ${s.label}`}>
                Cancel snooze
              </Button>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Preferences({ initial, onSave }: { initial: MyRemindersView; onSave: (p: MyRemindersView['preferences']) => void }) {
  const shared = useShared();
  const p = initial.preferences;
  const [zone, setZone] = useState(p.zone ?? '');
  const [start, setStart] = useState(hhmm(p.startMinute));
  const [end, setEnd] = useState(hhmm(p.endMinute));
  const [weekends, setWeekends] = useState(p.weekends);
  const zones = useMemo(() => {
    const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    return p.zone && !all.includes(p.zone) ? [p.zone, ...all] : all;
  }, [p.zone]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    onSave({ zone: zone || null, startMinute: minutesOf(start), endMinute: minutesOf(end), weekends });
  };
  return (
    <section aria-labelledby="prefs-heading" className={shared.section}>
      <h2 id="prefs-heading" className={shared.heading}>
        When to remind me
      </h2>
      <form className={shared.form} onSubmit={submit} noValidate aria-labelledby="prefs-heading" data-testid="prefs-form">
        <Field label="Time zone">
          <Select value={zone} onChange={(_, d) => setZone(d.value)} className={shared.fitSelect} data-testid="prefs-zone">
            <option value="">The service’s ({serviceZone})</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </Select>
        </Field>
        <div className={shared.row}>
          <Field label="Working hours start">
            <Input type="time" value={start} onChange={(_, d) => setStart(d.value)} data-testid="prefs-start" />
          </Field>
          <Field label="Working hours end">
            <Input type="time" value={end} onChange={(_, d) => setEnd(d.value)} data-testid="prefs-end" />
          </Field>
        </div>
        <Checkbox checked={weekends} onChange={(_, d) => setWeekends(d.checked === true)} label="Weekends are fine too" data-testid="prefs-weekends" />
        <div>
          <Button type="submit" appearance="primary" data-testid="prefs-save">
            Save my reminder times
          </Button>
        </div>
      </form>
    </section>
  );
}

const useStyles = makeStyles({
  status: { margin: `${tokens.spacingVerticalS} 0` },
});
