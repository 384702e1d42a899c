import { Badge, Field, makeStyles, ProgressBar, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { Api, Me, RecordView, TraineeSummary } from '../api';
import { NextMeetingFact } from '../components/next-supervision';
import { ProjectionBadge, stageTitle } from '../components/progress-view';
import { ErrorPanel, Loading } from '../components/status';
import { formatDate, formatMinutes, meetingKindLabel, meetingStatusText, percent, relationshipLabel } from '../format';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

/**
 * Supervisors and line managers: the trainees they support, at a glance — stage, cycles, new clients,
 * supervision, the stage meeting, records waiting for co-signing — each linking (for a supervisor) to the
 * trainee's page. Line managers see the summary only: no cases, no clips.
 */
export default function MyTrainees({ api, me, standalone }: { api: Api; me: Me; standalone: boolean }) {
  const styles = useStyles();
  const shared = useShared();
  const supervises = me.roles.includes('supervisor');
  const load = useCallback(async (signal: AbortSignal) => {
    const [trainees, records] = await Promise.all([api.myTrainees(signal), supervises ? api.recordsToCosign(signal) : Promise.resolve([] as readonly RecordView[])]);
    return { trainees, records };
  }, [api, supervises]);
  const { result, retry } = useAsync(load);
  const lineManagerOnly = !supervises && me.roles.includes('line_manager');
  const H = standalone ? 'h1' : 'h2';
  return (
    <section aria-labelledby="trainees-heading" className={styles.section} data-testid="trainees">
      <H id="trainees-heading" className={standalone ? shared.title : shared.heading}>
        {standalone ? (lineManagerOnly ? 'Your reports' : 'Trainees') : 'Your trainees'}
      </H>
      {standalone && lineManagerOnly && <p className={shared.lead}>Progress summaries of the trainees you line-manage. Their cases and clips stay between them and their supervisor.</p>}
      {result.state === 'loading' && <Loading label="Loading your trainees…" />}
      {result.state === 'failed' && <ErrorPanel title="Your trainees could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' &&
        (result.value.trainees.length === 0 ? (
          <p className={shared.text}>No trainees have named you as their supervisor or line manager yet.</p>
        ) : (
          <ul className={shared.grid}>
            {result.value.trainees.map((t) => (
              <TraineeCard key={`${t.id}/${t.relationship}`} trainee={t} toCosign={result.value.records.filter((r) => r.traineeId === t.id && t.relationship === 'supervisor').length} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function TraineeCard({ trainee, toCosign }: { trainee: TraineeSummary; toCosign: number }) {
  const styles = useStyles();
  const shared = useShared();
  const p = trainee.progress;
  const stage = p?.stages.find((s) => s.stage === p.currentStage);
  const where = !p ? 'No active pathway' : p.accredited ? 'Accredited' : stage ? `${stageTitle(stage)} of ${p.stages.length}` : 'Not started';
  const link = p && trainee.relationship === 'supervisor' ? href({ page: 'trainee', enrolmentId: p.enrolmentId }) : null;
  return (
    <li className={shared.card} data-testid="trainee" data-trainee-id={trainee.id}>
      <h3 className={styles.name} data-testid="trainee-name">
        {link ? (
          <a href={link} className={styles.nameLink} data-testid="trainee-link">
            {trainee.displayName}
          </a>
        ) : (
          trainee.displayName
        )}
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
                Overall progress<span className={shared.visuallyHidden}> for {trainee.displayName}</span>
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
          {stage && (
            <dl className={styles.facts} data-testid="trainee-glance">
              <dt>Cycles</dt>
              <dd data-testid="glance-cycles">
                {stage.cycles.done} of {stage.cycles.required}
              </dd>
              <dt>New clients</dt>
              <dd data-testid="glance-clients">
                {stage.newClients.done} of {stage.newClients.required}
              </dd>
              <dt>Supervision</dt>
              <dd data-testid="glance-supervision">
                {formatMinutes(stage.supervisionMinutes.done)} of {formatMinutes(stage.supervisionMinutes.required)}
              </dd>
              <dt>{meetingKindLabel[stage.meeting.kind]}</dt>
              <dd data-testid="glance-meeting" data-status={stage.meeting.status}>
                {stage.meeting.status === 'due' ? 'Due now' : meetingStatusText(stage.meeting.status, stage.meeting.signedOffOn)}
              </dd>
              <dt>Projected completion</dt>
              <dd>
                <time dateTime={p.projection.projectedCompletion}>{formatDate(p.projection.projectedCompletion)}</time>
              </dd>
            </dl>
          )}
          <NextMeetingFact trainee={trainee} enrolmentId={p.enrolmentId} />
          <p className={styles.status}>
            <ProjectionBadge status={p.projection.status} testId="trainee-projection" />
            {toCosign > 0 && (
              <Badge appearance="tint" color="warning" data-testid="trainee-records">
                {toCosign} {toCosign === 1 ? 'record' : 'records'} to co-sign
              </Badge>
            )}
          </p>
        </>
      )}
    </li>
  );
}

const useStyles = makeStyles({
  section: { marginBottom: tokens.spacingVerticalXXL },
  name: { ...typographyStyles.subtitle2, margin: 0 },
  nameLink: { color: tokens.colorBrandForegroundLink, ':hover': { color: tokens.colorBrandForegroundLinkHover } },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: `${tokens.spacingVerticalXXS} 0 ${tokens.spacingVerticalS}` },
  stage: { ...typographyStyles.body1Strong, margin: `0 0 ${tokens.spacingVerticalS}` },
  facts: {
    ...typographyStyles.caption1,
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: `${tokens.spacingVerticalS} 0 0`,
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0 },
  },
  status: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalS} 0 0` },
});
