import { Button, Link } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { Api, TraineeSummary } from '../api';
import { formatMeetingStart, formatMeetingTime, plannedKindLabel } from '../format';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';
import { ErrorPanel, Loading } from './status';

/**
 * The next supervision booked for an enrolment, linking to its supervision page, with "Book supervision":
 * on the trainee's home and the supervisor's page of a trainee.
 */
export function NextSupervision({ api, enrolmentId, who }: { api: Api; enrolmentId: string; who: string | null }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.schedule(enrolmentId, signal), [api, enrolmentId]);
  const { result, retry } = useAsync(load);
  const page = href({ page: 'supervision', enrolmentId });
  const next = result.state === 'ready' ? result.value.upcoming.find((m) => m.status === 'booked' || m.status === 'booking') : undefined;
  return (
    <section aria-labelledby="next-supervision-heading" className={shared.section} data-testid="next-supervision">
      <h2 id="next-supervision-heading" className={shared.heading}>
        Supervision
      </h2>
      {result.state === 'loading' && <Loading label="Loading the next supervision…" />}
      {result.state === 'failed' && <ErrorPanel title="The next supervision could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' && (
        <>
          <p className={shared.text} data-testid="next-supervision-text">
            {next ? (
              <>
                Next supervision{who ? ` with ${who}` : ''}: <time dateTime={next.window.start}>{formatMeetingTime(next.window).text}</time>
                {next.status === 'booking' && ' (being booked)'}.
              </>
            ) : (
              'No supervision is booked yet.'
            )}{' '}
            <Link href={page} data-testid="supervision-link">
              All supervision meetings
            </Link>
          </p>
          {result.value.canBook && (
            <Button as="a" href={page} appearance="primary" data-testid="book-supervision">
              Book supervision
            </Button>
          )}
        </>
      )}
    </section>
  );
}

/** A trainee card's next meeting, from `/api/me/trainees`, with a link to the supervision page. */
export function NextMeetingFact({ trainee, enrolmentId }: { trainee: TraineeSummary; enrolmentId: string }) {
  const shared = useShared();
  const m = trainee.nextMeeting;
  return (
    <p className={shared.muted} data-testid="trainee-next-meeting" data-start={m?.start ?? ''}>
      Next meeting:{' '}
      {m ? (
        <>
          <time dateTime={m.start}>{formatMeetingStart(m.start)}</time>
          {m.kind !== 'supervision' && ` (${plannedKindLabel[m.kind]})`}
        </>
      ) : (
        'none booked'
      )}{' '}
      ·{' '}
      <Link href={href({ page: 'supervision', enrolmentId })} data-testid="trainee-supervision-link">
        Supervision<span className={shared.visuallyHidden}> meetings of {trainee.displayName}</span>
      </Link>
    </p>
  );
}
