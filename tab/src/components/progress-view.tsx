import { Badge, Field, makeStyles, ProgressBar, tokens, typographyStyles, type BadgeProps } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Progress, ProjectionStatus, StageProgress, StageStatus } from '../../../src/contract/http';
import { formatDate, formatMinutes, meetingKindLabel, meetingStatusText, percent, projectionStatusLabel, stageStatusLabel } from '../format';
import { MeasureBar } from './measure-bar';

const stageBadge: Record<StageStatus, BadgeProps['color']> = { complete: 'success', current: 'brand', upcoming: 'informative' };
const projectionBadge: Record<ProjectionStatus, BadgeProps['color']> = { complete: 'success', on_track: 'success', at_risk: 'warning', overdue: 'danger' };

export const stageTitle = (s: Pick<StageProgress, 'stage' | 'name'>): string => (s.name === `Stage ${s.stage}` ? s.name : `Stage ${s.stage}: ${s.name}`);

export function ProjectionBadge({ status, testId }: { status: ProjectionStatus; testId: string }) {
  return (
    <Badge appearance="tint" color={projectionBadge[status]} data-testid={testId} data-status={status}>
      {projectionStatusLabel[status]}
    </Badge>
  );
}

/** A trainee's progress on their pathway: what to do next, when they should finish, and each stage's requirements. */
export function ProgressView({ progress, headingLevel, title = 'Your progress', who = 'you', children }: { progress: Progress; headingLevel: 2 | 3; title?: string; who?: string; children?: ReactNode }) {
  const styles = useStyles();
  const H = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4';
  const SubSub = `h${headingLevel + 2}` as 'h4' | 'h5';
  const p = progress.projection;
  const done = p.status === 'complete';
  return (
    <section aria-labelledby="progress-heading" className={styles.section} data-testid="progress">
      <H id="progress-heading" className={styles.heading}>
        {title}
      </H>
      <p className={styles.lead}>
        <span data-testid="pathway-name">{progress.pathway.name}</span>
        {progress.currentStage !== null && <> · currently in Stage {progress.currentStage}</>}
        {progress.accredited && <> · accredited</>}
      </p>

      <div className={styles.summary}>
        <section aria-labelledby="next-heading" className={styles.card}>
          <Sub id="next-heading" className={styles.cardHeading}>
            What to do next
          </Sub>
          <ol className={styles.steps} data-testid="next-steps">
            {progress.next.map((step) => (
              <li key={step.kind} data-kind={step.kind}>
                {step.text}
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="projection-heading" className={styles.card}>
          <Sub id="projection-heading" className={styles.cardHeading}>
            When {who} will finish
          </Sub>
          <Field
            label="Overall progress"
            hint={
              <span data-testid="overall-progress" data-fraction={p.fractionComplete}>
                {percent(p.fractionComplete)}% complete
              </span>
            }
          >
            <ProgressBar value={p.fractionComplete} max={1} thickness="large" aria-valuetext={`${percent(p.fractionComplete)}% complete`} />
          </Field>
          <dl className={styles.facts}>
            <dt>{done ? 'Completed on' : 'Projected completion'}</dt>
            <dd>
              <time dateTime={p.projectedCompletion} data-testid="projection-date">
                {formatDate(p.projectedCompletion)}
              </time>
            </dd>
            <dt>Completion window</dt>
            <dd data-testid="projection-window">
              <time dateTime={p.windowOpens}>{formatDate(p.windowOpens)}</time> – <time dateTime={p.windowCloses}>{formatDate(p.windowCloses)}</time>
            </dd>
            <dt>Status</dt>
            <dd>
              <ProjectionBadge status={p.status} testId="projection-status" />
            </dd>
          </dl>
        </section>
      </div>

      {children}

      <Sub className={styles.subheading}>Stages</Sub>
      <ol className={styles.stages}>
        {progress.stages.map((s) => (
          <li key={s.stage} className={styles.card} data-testid={`stage-${s.stage}`} data-status={s.status} aria-current={s.status === 'current' ? 'step' : undefined}>
            <div className={styles.stageHead}>
              <SubSub className={styles.cardHeading}>{stageTitle(s)}</SubSub>
              <Badge appearance="tint" color={stageBadge[s.status]} data-testid={`stage-${s.stage}-status`} data-status={s.status}>
                {stageStatusLabel[s.status]}
              </Badge>
            </div>
            <MeasureBar label="Cycles (filming and shared review)" measure={s.cycles} testId={`stage-${s.stage}-cycles`} />
            <MeasureBar label="New clients" measure={s.newClients} testId={`stage-${s.stage}-clients`} />
            <MeasureBar label="Supervision" measure={s.supervisionMinutes} format={formatMinutes} testId={`stage-${s.stage}-supervision`} />
            <p className={styles.meeting} data-testid={`stage-${s.stage}-meeting`} data-status={s.meeting.status}>
              <span className={styles.meetingKind}>{meetingKindLabel[s.meeting.kind]}:</span> {meetingStatusText(s.meeting.status, s.meeting.signedOffOn)}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

const useStyles = makeStyles({
  section: { marginBottom: tokens.spacingVerticalXXL },
  heading: { ...typographyStyles.title3, margin: `0 0 ${tokens.spacingVerticalXS}` },
  lead: { ...typographyStyles.body1, color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalL}` },
  summary: {
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 300px), 1fr))',
    marginBottom: tokens.spacingVerticalL,
  },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  cardHeading: { ...typographyStyles.subtitle2, margin: `0 0 ${tokens.spacingVerticalM}` },
  subheading: { ...typographyStyles.subtitle1, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalM}` },
  steps: { ...typographyStyles.body1, margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalS },
  facts: {
    ...typographyStyles.body1,
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    margin: `${tokens.spacingVerticalM} 0 0`,
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0 },
    '@media (max-width: 420px)': { gridTemplateColumns: '1fr', rowGap: tokens.spacingVerticalXXS, '& dd': { marginBottom: tokens.spacingVerticalS } },
  },
  stages: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))',
  },
  stageHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  meeting: { ...typographyStyles.body1, margin: 0 },
  meetingKind: { fontWeight: tokens.fontWeightSemibold },
});
