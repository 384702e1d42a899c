import { Field, makeStyles, ProgressBar, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { Api, TraineeSummary } from '../api';
import { ProjectionBadge, stageTitle } from '../components/progress-view';
import { ErrorPanel, Loading } from '../components/status';
import { percent, relationshipLabel } from '../format';
import { useAsync } from '../use-async';

/** Supervisors and line managers: the trainees they support, each with their stage and how far along they are. */
export default function MyTrainees({ api }: { api: Api }) {
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => api.myTrainees(signal), [api]);
  const { result, retry } = useAsync(load);
  return (
    <section aria-labelledby="trainees-heading" className={styles.section} data-testid="trainees">
      <h2 id="trainees-heading" className={styles.heading}>
        Your trainees
      </h2>
      {result.state === 'loading' && <Loading label="Loading your trainees…" />}
      {result.state === 'failed' && <ErrorPanel title="Your trainees could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' &&
        (result.value.length === 0 ? (
          <p className={styles.text}>No trainees have named you as their supervisor or line manager yet.</p>
        ) : (
          <ul className={styles.list}>
            {result.value.map((t) => (
              <TraineeCard key={`${t.id}/${t.relationship}`} trainee={t} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function TraineeCard({ trainee }: { trainee: TraineeSummary }) {
  const styles = useStyles();
  const p = trainee.progress;
  const stage = p?.stages.find((s) => s.stage === p.currentStage);
  const where = !p ? 'No active pathway' : p.accredited ? 'Accredited' : stage ? `${stageTitle(stage)} of ${p.stages.length}` : 'Not started';
  return (
    <li className={styles.card} data-testid="trainee" data-trainee-id={trainee.id}>
      <h3 className={styles.name} data-testid="trainee-name">
        {trainee.displayName}
      </h3>
      <p className={styles.meta}>
        {relationshipLabel[trainee.relationship]}
        {p && <> · {p.pathway.name}</>}
      </p>
      <p className={styles.stage} data-testid="trainee-stage" data-stage={p?.currentStage ?? ''}>
        {where}
      </p>
      {p && (
        <>
          <Field
            label={
              <>
                Overall progress<span className={styles.visuallyHidden}> for {trainee.displayName}</span>
              </>
            }
            hint={
              <span data-testid="trainee-fraction" data-fraction={p.projection.fractionComplete}>
                {percent(p.projection.fractionComplete)}% complete
              </span>
            }
          >
            <ProgressBar value={p.projection.fractionComplete} max={1} thickness="large" aria-valuetext={`${percent(p.projection.fractionComplete)}% complete`} />
          </Field>
          <p className={styles.status}>
            <ProjectionBadge status={p.projection.status} testId="trainee-projection" />
          </p>
        </>
      )}
    </li>
  );
}

const useStyles = makeStyles({
  section: { marginBottom: tokens.spacingVerticalXXL },
  heading: { ...typographyStyles.title3, margin: `0 0 ${tokens.spacingVerticalM}` },
  text: { ...typographyStyles.body1, maxWidth: '60ch' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))',
  },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  name: { ...typographyStyles.subtitle2, margin: 0 },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: `${tokens.spacingVerticalXXS} 0 ${tokens.spacingVerticalS}` },
  stage: { ...typographyStyles.body1Strong, margin: `0 0 ${tokens.spacingVerticalS}` },
  // Read by screen readers, which list several trainees' progress bars; sighted people see the card's name.
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  status: { margin: `${tokens.spacingVerticalS} 0 0` },
});
