import { Link, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type Api, type ApiError, type Me, type PlannedFull, type Schedule } from '../api';
import { FindATime, type FindATimeMode } from '../components/find-a-time';
import { MeetingList, type MeetingActions } from '../components/meeting-list';
import { SchedulingError } from '../components/scheduling-error';
import { ErrorPanel, Loading } from '../components/status';
import { saveBlob } from '../download';
import { formatMeetingTime } from '../format';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

/** What the last action on a meeting did, for the page's live region. */
type Notice = { readonly kind: 'done'; readonly text: string } | { readonly kind: 'failed'; readonly title: string; readonly error: ApiError } | null;

/**
 * One enrolment's supervision meetings (the page a meeting invitation links to): what is booked, read back
 * from Outlook, and what was; for the trainee and supervisor, finding a time and booking it (or a series),
 * moving, cancelling and adding a meeting to another calendar. A line manager sees the dates only.
 */
export default function SupervisionPage({ api, me, enrolmentId }: { api: Api; me: Me; enrolmentId: string }) {
  const shared = useShared();
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => api.schedule(enrolmentId, signal), [api, enrolmentId]);
  const { result, retry } = useAsync(load);
  // A schedule read again after a change replaces the first one without a loading state in between.
  const [latest, setLatest] = useState<Schedule | null>(null);
  const [mode, setMode] = useState<FindATimeMode>({ kind: 'book' });
  const [panel, setPanel] = useState(0);
  const [notice, setNotice] = useState<Notice>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const headingId = 'find-a-time-heading';

  // After Move (or back from it), focus goes to the panel's heading, so a keyboard or screen reader user lands on it.
  const firstPanel = useRef(true);
  useEffect(() => {
    if (firstPanel.current) {
      firstPanel.current = false;
      return;
    }
    document.getElementById(headingId)?.focus();
  }, [panel]);

  const refresh = useCallback(() => {
    api.schedule(enrolmentId).then(setLatest, (e: unknown) => setNotice({ kind: 'failed', title: 'The schedule could not be read again', error: toApiError(e) }));
  }, [api, enrolmentId]);

  const openPanel = (next: FindATimeMode): void => {
    setMode(next);
    setPanel((n) => n + 1);
  };

  const actions: MeetingActions = {
    busyId,
    onMove: (meeting) => {
      setNotice(null);
      openPanel({ kind: 'move', meeting });
    },
    onCancel: async (meeting: PlannedFull) => {
      const answer = await api.cancelSupervision({ enrolmentId, plannedId: meeting.id });
      const when = formatMeetingTime(meeting.window).text;
      setNotice({ kind: 'done', text: answer.outcome === 'unchanged' ? `The meeting on ${when} was already cancelled.` : `Cancelled the meeting on ${when}. Outlook tells everyone invited.` });
      if (mode.kind === 'move' && mode.meeting.id === meeting.id) openPanel({ kind: 'book' });
      refresh();
    },
    onAddToCalendar: (meeting) => {
      setBusyId(meeting.id);
      setNotice(null);
      api.supervisionIcs({ enrolmentId, plannedId: meeting.id }).then(
        (blob) => {
          setBusyId(null);
          saveBlob(blob, `supervision-${meeting.window.start.slice(0, 10)}.ics`);
          setNotice({ kind: 'done', text: `The calendar file for ${formatMeetingTime(meeting.window).date} is downloading.` });
        },
        (e: unknown) => {
          setBusyId(null);
          setNotice({ kind: 'failed', title: 'The calendar file could not be made', error: toApiError(e) });
        },
      );
    },
  };

  const schedule = latest ?? (result.state === 'ready' ? result.value : null);
  const trail = (
    <p className={shared.muted}>
      <Link href={href({ page: 'home' })}>Home</Link>
      {schedule?.canBook && me.roles.includes('supervisor') && (
        <>
          {' '}
          › <Link href={href({ page: 'trainee', enrolmentId })}>Trainee</Link>
        </>
      )}{' '}
      › Supervision
    </p>
  );
  if (!schedule) {
    return (
      <>
        {trail}
        <h1 className={shared.title}>Supervision</h1>
        {result.state === 'failed' ? <ErrorPanel title="The supervision schedule could not be loaded" error={result.error} onRetry={retry} /> : <Loading label="Loading the supervision schedule…" />}
      </>
    );
  }

  const full = schedule.canBook;
  return (
    <>
      {trail}
      <h1 className={shared.title}>Supervision</h1>
      <p className={shared.lead}>
        {full
          ? 'Supervision booked as Teams meetings in Outlook. Times are shown on UK time, with your own clock beside them when it differs.'
          : 'When supervision is booked. What is discussed stays between the trainee and their supervisor.'}
      </p>

      <div role="status" aria-live="polite" aria-atomic="true" data-testid="schedule-status" className={styles.notice}>
        {notice?.kind === 'done' && (
          <MessageBar intent="success" data-testid="schedule-notice">
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {notice?.kind === 'failed' && <SchedulingError title={notice.title} error={notice.error} />}

      <section aria-labelledby="upcoming-heading" className={shared.section}>
        <h2 id="upcoming-heading" className={shared.heading}>
          Upcoming
        </h2>
        <MeetingList
          meetings={schedule.upcoming}
          caption="Upcoming supervision, soonest first"
          label="Upcoming supervision"
          actions={full ? actions : null}
          empty={full ? 'Nothing is booked yet. Find a time below.' : 'Nothing is booked yet.'}
          testId="upcoming"
        />
      </section>

      {full && (
        <FindATime
          key={panel}
          api={api}
          enrolmentId={enrolmentId}
          mode={mode}
          headingId={headingId}
          onChanged={refresh}
          onMoved={(text) => {
            setNotice({ kind: 'done', text });
            openPanel({ kind: 'book' });
            refresh();
          }}
          onClose={() => openPanel({ kind: 'book' })}
        />
      )}

      <section aria-labelledby="past-heading" className={shared.section}>
        <h2 id="past-heading" className={shared.heading}>
          Past
        </h2>
        <MeetingList meetings={schedule.past} caption="Past supervision, newest first" label="Past supervision" actions={null} empty="No supervision has been held through Attune yet." testId="past" />
      </section>
    </>
  );
}

const useStyles = makeStyles({
  notice: { marginBottom: tokens.spacingVerticalM },
});
