import { useCallback } from 'react';
import type { Api } from '../api';
import { ProgressChart } from '../components/progress-chart';
import { ProgressView } from '../components/progress-view';
import { NextSupervision } from '../components/next-supervision';
import { ErrorPanel, Loading } from '../components/status';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

/** The trainee's home: the next supervision, progress per stage against the pathway, and progress over time against the window. */
export default function TraineeHome({ api }: { api: Api }) {
  const shared = useShared();
  const load = useCallback(async (signal: AbortSignal) => {
    const [progress, points] = await Promise.all([api.myProgress(signal), api.myProgressHistory(signal)]);
    return { progress, points };
  }, [api]);
  const { result, retry } = useAsync(load);
  switch (result.state) {
    case 'loading':
      return <Loading label="Loading your progress…" />;
    case 'failed':
      return <ErrorPanel title="Your progress could not be loaded" error={result.error} onRetry={retry} />;
    case 'ready': {
      const { progress, points } = result.value;
      return progress ? (
        <>
          <NextSupervision api={api} enrolmentId={progress.enrolmentId} who={null} />
          <ProgressView progress={progress} headingLevel={2}>
            {points && points.length > 0 && <ProgressChart progress={progress} points={points} />}
          </ProgressView>
        </>
      ) : (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading" className={shared.heading}>
            Your progress
          </h2>
          <p className={shared.text}>You are not enrolled on a training pathway yet. Your supervisor or service lead can enrol you.</p>
        </section>
      );
    }
  }
}
