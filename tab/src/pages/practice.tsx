import { useCallback } from 'react';
import type { Api } from '../api';
import { MeetingClips } from '../components/meeting-clips';
import { PracticeOverview } from '../components/practice-overview';
import { ErrorPanel, Loading } from '../components/status';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

/** The trainee's cases and cycles, with the clips of each cycle and a way to upload to it. */
export default function Practice({ api }: { api: Api }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.myProgress(signal), [api]);
  const { result, retry } = useAsync(load);
  return (
    <>
      <h1 className={shared.title}>Cases and clips</h1>
      <p className={shared.lead}>
        Your cases, their cycles and the clips of each. Open a clip to mark up to three “better than usual” moments of ten seconds or less, with the principles
        they show. <a href={href({ page: 'upload', caseId: null, cycleId: null })}>Upload a clip</a>.
      </p>
      {result.state === 'loading' && <Loading label="Loading your cases…" />}
      {result.state === 'failed' && <ErrorPanel title="Your cases could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' &&
        (result.value ? (
          <>
            <MeetingClips api={api} enrolmentId={result.value.enrolmentId} />
            <PracticeOverview api={api} enrolmentId={result.value.enrolmentId} viewer="trainee" headingLevel={2} />
          </>
        ) : (
          <p className={shared.text}>You are not enrolled on a training pathway yet, so there are no cases to show.</p>
        ))}
    </>
  );
}
