import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { toApiError, type Api, type ApiError, type BookingAnswer, type PlannedFull, type TimeOffer, type TimeSlot } from '../api';
import { cadenceLabel, formatMeetingTime, formatMinutes } from '../format';
import { useShared } from '../styles';
import type { Async } from '../use-async';
import { SchedulingError } from './scheduling-error';
import { Loading } from './status';

/** Book a new session (or a series), or move one already booked. */
export type FindATimeMode = { readonly kind: 'book' } | { readonly kind: 'move'; readonly meeting: PlannedFull };

/** What the panel last did, as the live region says it. */
type Outcome =
  | { readonly kind: 'booked'; readonly answer: Extract<BookingAnswer, { result: 'booked' }> }
  | { readonly kind: 'clash'; readonly message: string }
  | null;

const lengths = [30, 45, 60, 75, 90, 120];
const maxSeries = 12;

/** A booking id for one form: sending the same form again books nothing twice (the server's rule: 8–64 of [A-Za-z0-9-]). */
export function newBookingId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * "Find a time": the session length (the contract's unless changed), up to five times the trainee and
 * supervisor are both free as a radio group, optionally the next sessions of a series at the contract's
 * cadence, and Book. A clash — someone took the time meanwhile — replaces the times with fresh ones and says
 * so; a booking is confirmed with the dates a series skipped and why. In move mode the same panel moves one
 * meeting and hands its confirmation to the page (`onMoved`).
 */
export function FindATime(props: {
  api: Api;
  enrolmentId: string;
  mode: FindATimeMode;
  /** Something was booked (or may have been: Outlook did not answer), so the schedule should be read again. */
  onChanged: () => void;
  onMoved: (notice: string) => void;
  onClose: () => void;
  headingId: string;
}) {
  const { api, enrolmentId, mode } = props;
  const shared = useShared();
  const styles = useStyles();
  const moving = mode.kind === 'move' ? mode.meeting : null;
  const [minutes, setMinutes] = useState<number | null>(moving ? moving.minutes : null);
  const [attempt, setAttempt] = useState(0);
  const [offer, setOffer] = useState<Async<TimeOffer>>({ state: 'loading' });
  const [chosen, setChosen] = useState<string | null>(null);
  const [series, setSeries] = useState(false);
  const [kind, setKind] = useState<'supervision' | 'transition' | 'accreditation'>('supervision');
  const [count, setCount] = useState('3');
  const [bookingId, setBookingId] = useState(newBookingId);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [problem, setProblem] = useState<{ slot?: string; count?: string }>({});
  // The contract's own length, whatever length was asked for (every offer carries it).
  const [contractMinutes, setContractMinutes] = useState<number | null>(null);

  // After a booking the times are read again with the old ones left in place meanwhile, so the form (and the
  // focus on its Book button) stays put; a new session length starts from a loading state.
  const keepWhileLoading = useRef(false);
  useEffect(() => {
    const controller = new AbortController();
    if (!keepWhileLoading.current) setOffer({ state: 'loading' });
    keepWhileLoading.current = false;
    api.scheduleTimes({ enrolmentId, minutes }, controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setOffer({ state: 'ready', value });
        setContractMinutes(value.contractMinutes);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setOffer({ state: 'failed', error: toApiError(e) });
      },
    );
    return () => controller.abort();
  }, [api, enrolmentId, minutes, attempt]);

  const current = offer.state === 'ready' ? offer.value : null;
  const slots = current?.slots ?? [];
  const length = minutes ?? current?.sessionMinutes ?? null;
  const lengthOptions = [...new Set([...lengths, ...(length ? [length] : [])])].sort((a, b) => a - b);

  const freshTimes = (next: TimeOffer, message: string): void => {
    setOffer({ state: 'ready', value: next });
    setChosen(null);
    setOutcome({ kind: 'clash', message });
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (sending) return;
    const slot = slots.find((s) => s.start === chosen);
    const n = Number(count);
    const problems = {
      ...(slot ? {} : { slot: 'Choose one of the times.' }),
      ...(!moving && series && kind === 'supervision' && !(Number.isInteger(n) && n >= 1 && n <= maxSeries) ? { count: `Book 1 to ${maxSeries} sessions, this one included.` } : {}),
    };
    setProblem(problems);
    if (!slot || Object.keys(problems).length > 0) return;
    setSending(true);
    setError(null);
    setOutcome(null);
    if (moving) void move(moving, slot);
    else void book(slot, series && kind === 'supervision' ? n : null);
  };

  const book = async (slot: TimeSlot, seriesCount: number | null): Promise<void> => {
    try {
      const answer = await api.bookSupervision({ enrolmentId, bookingId, slot, series: seriesCount && seriesCount > 1 ? { count: seriesCount } : null, kind });
      if (answer.result === 'clash') {
        freshTimes(answer.offer, answer.message);
        return;
      }
      setOutcome({ kind: 'booked', answer });
      // A new form for the next booking: the one just sent stays booked whatever is sent next.
      setBookingId(newBookingId());
      setChosen(null);
      setSeries(false);
      keepWhileLoading.current = true;
      setAttempt((a) => a + 1);
      props.onChanged();
    } catch (e) {
      const failure = toApiError(e);
      setError(failure);
      // Outlook did not answer: the booking is stored as "being booked"; the schedule shows it. The same
      // booking id is kept, so "Book" again finishes that booking rather than making a second one.
      if (failure.code === 'unavailable') props.onChanged();
    } finally {
      setSending(false);
    }
  };

  const move = async (meeting: PlannedFull, slot: TimeSlot): Promise<void> => {
    try {
      const answer = await api.rescheduleSupervision({ enrolmentId, plannedId: meeting.id, slot });
      if (answer.result === 'clash') {
        freshTimes(answer.offer, answer.message);
        return;
      }
      const from = formatMeetingTime(meeting.window);
      const to = formatMeetingTime(answer.planned.window);
      props.onMoved(answer.outcome === 'unchanged' ? `The meeting is already at ${to.text}.` : `Moved the meeting on ${from.date} to ${to.text}. Outlook tells everyone invited.`);
    } catch (e) {
      setError(toApiError(e));
      props.onChanged();
    } finally {
      setSending(false);
    }
  };

  const title = moving ? `Move the meeting on ${formatMeetingTime(moving.window).date}` : 'Find a time';
  return (
    <section aria-labelledby={props.headingId} className={`${shared.card} ${styles.panel}`} data-testid="find-a-time" data-mode={mode.kind}>
      <h2 id={props.headingId} className={shared.heading} tabIndex={-1}>
        {title}
      </h2>
      {current && (
        <p className={shared.lead}>
          Times in the next three weeks when {current.traineeName} and {current.supervisorName} are both free, in working hours. {moving ? 'Outlook tells everyone invited of the new time.' : 'The meeting is booked in Outlook as a Teams meeting and both of you are invited.'}
        </p>
      )}
      <form onSubmit={submit} className={shared.form} noValidate>
        {!moving && (
          <Field label="Meeting" hint="A transition or accreditation meeting also invites the external supervisor invited to it (on the trainee’s page).">
            <Select value={kind} disabled={sending} onChange={(_, d) => setKind(d.value === 'transition' || d.value === 'accreditation' ? d.value : 'supervision')} data-testid="meeting-kind" className={shared.fitSelect}>
              <option value="supervision">Supervision</option>
              <option value="transition">Transition meeting</option>
              <option value="accreditation">Accreditation meeting</option>
            </Select>
          </Field>
        )}

        <Field label="Session length" hint={contractMinutes !== null ? `The contract says ${formatMinutes(contractMinutes)}.` : moving ? `This meeting lasts ${formatMinutes(moving.minutes)}.` : undefined}>
          <Select
            value={length === null ? '' : String(length)}
            disabled={sending || length === null}
            onChange={(_, d) => {
              setMinutes(Number(d.value));
              setChosen(null);
              setOutcome(null);
            }}
            data-testid="session-length"
            className={shared.fitSelect}
          >
            {length === null && <option value="">Loading…</option>}
            {lengthOptions.map((m) => (
              <option key={m} value={String(m)}>
                {formatMinutes(m)}
              </option>
            ))}
          </Select>
        </Field>

        {offer.state === 'loading' && <Loading label="Looking for times you are both free…" />}
        {offer.state === 'failed' && <SchedulingError title="Attune could not look for free times" error={offer.error} onRetry={() => setAttempt((a) => a + 1)} />}
        {current?.none && (
          <MessageBar intent="info" layout="multiline" data-testid="no-times" data-reason={current.none.reason}>
            <MessageBarBody>
              <MessageBarTitle>No time to offer</MessageBarTitle>
              {current.none.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {current && slots.length > 0 && (
          <Field label="Times you are both free" required validationMessage={problem.slot} validationState={problem.slot ? 'error' : 'none'}>
            <RadioGroup
              value={chosen ?? ''}
              disabled={sending}
              onChange={(_, d) => {
                setChosen(d.value);
                setProblem((p) => ({ ...p, slot: undefined }));
              }}
              data-testid="slots"
            >
              {slots.map((s) => {
                const t = formatMeetingTime(s);
                return <Radio key={s.start} value={s.start} label={`${t.date}, ${t.time} ${t.zone}${t.yours ? ` (${t.yours} your time)` : ''}`} data-testid="slot" data-start={s.start} data-end={s.end} />;
              })}
            </RadioGroup>
          </Field>
        )}

        {!moving && current && slots.length > 0 && kind === 'supervision' && (
          <div className={styles.series}>
            <Checkbox checked={series} disabled={sending} onChange={(_, d) => setSeries(d.checked === true)} label="Also book the next sessions" data-testid="series" />
            {series && (
              <Field
                label="Sessions to book, this one included (1 to 12)"
                hint={`One ${cadenceLabel[current.cadence]}, as the contract says. A date when either of you is busy is skipped.`}
                validationMessage={problem.count}
                validationState={problem.count ? 'error' : 'none'}
              >
                <Input type="number" min={1} max={maxSeries} step={1} value={count} disabled={sending} onChange={(_, d) => setCount(d.value)} data-testid="series-count" className={styles.count} />
              </Field>
            )}
          </div>
        )}

        {error && <SchedulingError title={moving ? 'The meeting could not be moved' : 'The supervision could not be booked'} error={error} />}

        <div className={shared.row}>
          {current && slots.length > 0 && (
            <Button type="submit" appearance="primary" disabledFocusable={sending} data-testid="book">
              {sending ? (moving ? 'Moving…' : 'Booking…') : moving ? 'Move to this time' : 'Book'}
            </Button>
          )}
          {moving && (
            <Button type="button" disabled={sending} onClick={props.onClose} data-testid="move-keep">
              Keep the current time
            </Button>
          )}
        </div>
      </form>

      <div role="status" aria-live="polite" aria-atomic="true" data-testid="find-time-status">
        {outcome && <OutcomeMessage outcome={outcome} />}
      </div>
    </section>
  );
}

function OutcomeMessage({ outcome }: { outcome: NonNullable<Outcome> }) {
  const styles = useStyles();
  if (outcome.kind === 'clash') {
    return (
      <MessageBar intent="warning" layout="multiline" className={styles.outcome} data-testid="clash">
        <MessageBarBody>
          <MessageBarTitle>That time is no longer free</MessageBarTitle>
          {outcome.message} The times above are fresh.
        </MessageBarBody>
      </MessageBar>
    );
  }
  const { planned, skipped, outcome: how } = outcome.answer;
  const [first, ...rest] = planned;
  return (
    <MessageBar intent="success" layout="multiline" className={styles.outcome} data-testid="booked" data-outcome={how}>
      <MessageBarBody>
        <MessageBarTitle>{how === 'unchanged' ? 'Already booked' : planned.length > 1 ? `Booked ${planned.length} sessions` : 'Booked'}</MessageBarTitle>
        {how === 'unchanged' ? 'This booking was made before: nothing was booked twice. ' : ''}
        {first && <>First: {formatMeetingTime(first.window).text}. </>}
        {first?.status === 'booking' ? 'Outlook has not confirmed it yet; it shows as being booked until then. ' : 'Both of you have the invitation in Outlook. '}
        {rest.length > 0 && (
          <ul className={styles.list} data-testid="booked-series">
            {rest.map((p) => (
              <li key={p.id}>{formatMeetingTime(p.window).text}</li>
            ))}
          </ul>
        )}
        {skipped.length > 0 && (
          <>
            Not booked:
            <ul className={styles.list} data-testid="skipped">
              {skipped.map((s) => (
                <li key={s.window.start}>
                  {formatMeetingTime(s.window).text}: {s.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

const useStyles = makeStyles({
  panel: { marginBottom: tokens.spacingVerticalXXL },
  series: { display: 'grid', gap: tokens.spacingVerticalS },
  count: { maxWidth: '8em' },
  outcome: { marginTop: tokens.spacingVerticalM },
  list: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL },
});
