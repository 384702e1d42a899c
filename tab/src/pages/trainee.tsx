import { useCallback } from 'react';
import type { Api } from '../api';
import { ExternalSupervisorSection } from '../components/external-supervisor-invite';
import { NextSupervision } from '../components/next-supervision';
import { PracticeOverview } from '../components/practice-overview';
import { ProgressView } from '../components/progress-view';
import { RecordsToCosign } from '../components/record-review';
import { ErrorPanel, Loading } from '../components/status';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

/** A supervisor's page for one trainee: progress, records waiting for co-signing, and cases with their clips. */
export default function TraineePage({ api, enrolmentId }: { api: Api; enrolmentId: string }) {
  const shared = useShared();
  const load = useCallback(async (signal: AbortSignal) => (await api.myTrainees(signal)).find((t) => t.relationship === 'supervisor' && t.progress?.enrolmentId === enrolmentId) ?? null, [api, enrolmentId]);
  const { result, retry } = useAsync(load);
  if (result.state === 'loading') return <Loading label="Loading the trainee…" />;
  if (result.state === 'failed') return <ErrorPanel title="This trainee could not be loaded" error={result.error} onRetry={retry} />;
  const trainee = result.value;
  if (!trainee?.progress) {
    return (
      <>
        <h1 className={shared.title}>Trainee not found</h1>
        <p className={shared.text}>
          You do not supervise this trainee, or their enrolment has ended. <a href={href({ page: 'trainees' })}>Back to your trainees</a>.
        </p>
      </>
    );
  }
  return (
    <>
      <p className={shared.muted}>
        <a href={href({ page: 'trainees' })}>Trainees</a> › {trainee.displayName}
      </p>
      <h1 className={shared.title} data-testid="trainee-page-name">
        {trainee.displayName}
      </h1>
      <ProgressView progress={trainee.progress} headingLevel={2} title="Progress" who={trainee.displayName} />
      <NextSupervision api={api} enrolmentId={enrolmentId} who={trainee.displayName} />
      <RecordsToCosign api={api} traineeId={trainee.id} summary={null} />
      <ExternalSupervisorSection api={api} enrolmentId={enrolmentId} currentStage={trainee.progress.currentStage} />
      <section aria-labelledby="cases-heading" className={shared.section}>
        <h2 id="cases-heading" className={shared.heading}>
          Cases and clips
        </h2>
        <PracticeOverview api={api} enrolmentId={enrolmentId} viewer="supervisor" headingLevel={3} />
      </section>
    </>
  );
}
