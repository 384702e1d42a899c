import { Badge, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Link, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { toApiError, type ApiError, type Planned, type PlannedFull } from '../api';
import { formatMeetingTime, formatMinutes, plannedKindLabel, plannedStatusText } from '../format';
import { useShared } from '../styles';
import { DataTable, type Column } from './data-table';
import { SchedulingError } from './scheduling-error';

/** What a person may do to a meeting in the list; absent for a list that only shows (a line manager's, the past). */
export interface MeetingActions {
  readonly onMove: (meeting: PlannedFull) => void;
  /** Settles when the meeting is cancelled; a rejection is shown in the confirm dialog. */
  readonly onCancel: (meeting: PlannedFull) => Promise<void>;
  readonly onAddToCalendar: (meeting: PlannedFull) => void;
  /** The meeting an action is running for (its buttons are disabled meanwhile). */
  readonly busyId: string | null;
}

const statusColour = { booking: 'warning', booked: 'success', cancelled: 'danger', recorded: 'informative' } as const;

/**
 * Booked supervision as a table: when (on the service's clock, with the zone named, and the person's own
 * clock when it differs), how long, its status in words, the Teams join link, and — for the trainee and
 * supervisor — adding it to a calendar, moving and cancelling it. A line manager's rows carry dates only.
 */
export function MeetingList(props: { meetings: readonly Planned[]; caption: string; label: string; actions: MeetingActions | null; empty: string; testId: string }) {
  const shared = useShared();
  const styles = useStyles();
  const { actions } = props;
  // One confirm dialog for the whole list, so it stays mounted (and tabster gives the page back) whatever
  // happens to the row it was opened from — which, once cancelled, has no Cancel button any more.
  const [cancelling, setCancelling] = useState<{ meeting: PlannedFull; open: boolean } | null>(null);
  const datesOnly = props.meetings.every((m) => m.detail === 'dates');

  const when: Column<Planned> = {
    header: 'When',
    rowHeader: true,
    cell: (m) => {
      const t = formatMeetingTime(m.window);
      return (
        <span className={styles.when}>
          <time dateTime={m.window.start} data-testid="meeting-date">
            {t.date}
          </time>
          <span data-testid="meeting-time">
            {t.time} <span className={styles.zone}>{t.zone}</span>
          </span>
          {t.yours && <span className={shared.muted}>{t.yours} your time</span>}
        </span>
      );
    },
  };
  const status: Column<Planned> = {
    header: 'Status',
    cell: (m) => {
      const text = plannedStatusText(m.detail === 'full' ? m : { status: m.status });
      return (
        <span className={styles.status}>
          <Badge appearance="tint" color={statusColour[m.status]} data-testid="meeting-status" data-status={m.status}>
            {text}
          </Badge>
          {m.status === 'booking' && <span className={shared.muted}>Outlook has not confirmed it yet.</span>}
        </span>
      );
    },
  };
  const full = (render: (m: PlannedFull) => ReactNode) => (m: Planned) => (m.detail === 'full' ? render(m) : null);
  const columns: Column<Planned>[] = datesOnly
    ? [when, status]
    : [
        when,
        { header: 'Meeting', cell: full((m) => `${plannedKindLabel[m.kind]}, ${formatMinutes(m.minutes)}${m.cadence ? ` · session ${m.seriesIndex + 1} of a series` : ''}`) },
        status,
        {
          header: 'Join',
          cell: full((m) =>
            m.joinUrl && m.status === 'booked' ? (
              <Link href={m.joinUrl} target="_blank" rel="noopener noreferrer" data-testid="meeting-join">
                Join in Teams<span className={shared.visuallyHidden}>, {formatMeetingTime(m.window).date}</span>
              </Link>
            ) : null,
          ),
        },
        ...(actions
          ? [
              {
                header: 'Actions',
                cell: full((m) => <MeetingButtons meeting={m} actions={actions} onCancel={() => setCancelling({ meeting: m, open: true })} />),
              },
            ]
          : []),
      ];

  return (
    <>
      <DataTable
        label={props.label}
        caption={props.caption}
        columns={columns}
        rows={props.meetings}
        rowKey={(m) => m.id}
        rowAttributes={(m) => ({ 'data-testid': 'meeting', 'data-planned-id': m.id, 'data-status': m.status, 'data-start': m.window.start })}
        attributes={{ 'data-testid': props.testId }}
        empty={
          <p className={shared.text} data-testid={`${props.testId}-empty`}>
            {props.empty}
          </p>
        }
      />
      {actions && cancelling && <CancelDialog key={cancelling.meeting.id} meeting={cancelling.meeting} open={cancelling.open} onCancel={actions.onCancel} onClose={() => setCancelling({ ...cancelling, open: false })} />}
    </>
  );
}

function MeetingButtons({ meeting, actions, onCancel }: { meeting: PlannedFull; actions: MeetingActions; onCancel: () => void }) {
  const shared = useShared();
  const busy = actions.busyId === meeting.id;
  const on = formatMeetingTime(meeting.window).date;
  const showable = meeting.status === 'booked' || meeting.status === 'booking';
  if (!showable) return null;
  return (
    <span className={shared.row}>
      {meeting.status === 'booked' && (
        <Button size="small" disabled={busy} onClick={() => actions.onAddToCalendar(meeting)} data-testid="meeting-ics">
          Add to calendar (.ics)<span className={shared.visuallyHidden}>, {on}</span>
        </Button>
      )}
      {meeting.canChange && (
        <>
          <Button size="small" disabled={busy} onClick={() => actions.onMove(meeting)} data-testid="meeting-move">
            Move<span className={shared.visuallyHidden}> the meeting on {on}</span>
          </Button>
          <Button size="small" disabled={busy} onClick={onCancel} data-testid="meeting-cancel">
            Cancel<span className={shared.visuallyHidden}> the meeting on {on}</span>
          </Button>
        </>
      )}
    </span>
  );
}

/** Cancelling asks first, in a dialog that names the meeting; Outlook tells the invitees. */
function CancelDialog(props: { meeting: PlannedFull; open: boolean; onCancel: (m: PlannedFull) => Promise<void>; onClose: () => void }) {
  const shared = useShared();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const t = formatMeetingTime(props.meeting.window);
  const close = (): void => {
    if (working) return;
    setError(null);
    props.onClose();
  };
  const confirm = (): void => {
    setWorking(true);
    setError(null);
    props.onCancel(props.meeting).then(
      () => {
        setWorking(false);
        props.onClose();
      },
      (e: unknown) => {
        setWorking(false);
        setError(toApiError(e));
      },
    );
  };
  return (
    <Dialog open={props.open} modalType="alert" onOpenChange={(_, d) => {
        if (!d.open) close();
      }}>
      <DialogSurface data-testid="cancel-dialog">
        <DialogBody>
          <DialogTitle>Cancel this supervision?</DialogTitle>
          <DialogContent>
            <p className={shared.text}>
              {t.date}, {t.time} {t.zone}. Outlook tells everyone invited that it is cancelled. This cannot be undone: to meet after all, book a new time.
            </p>
            {error && <SchedulingError title="The meeting could not be cancelled" error={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={working} onClick={confirm} data-testid="cancel-confirm">
              {working ? 'Cancelling…' : 'Cancel the meeting'}
            </Button>
            <Button disabled={working} onClick={close} data-testid="cancel-keep">
              Keep it
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

const useStyles = makeStyles({
  when: { display: 'grid', rowGap: tokens.spacingVerticalXXS, fontWeight: tokens.fontWeightRegular },
  zone: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  status: { display: 'grid', rowGap: tokens.spacingVerticalXXS, justifyItems: 'start' },
});
