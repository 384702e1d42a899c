import { Badge, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { Api, ClipSummary, PracticeView } from '../api';
import { clipKindLabel, consentScopeLabel, formatDate, formatInstant } from '../format';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';
import { ErrorPanel, Loading } from './status';

type Case = PracticeView['cases'][number];
type Cycle = PracticeView['cycles'][number];

/**
 * An enrolment's cases, each with its cycles and the clips of each cycle, for the trainee (who can upload
 * to a cycle) and the supervisor (who sees only clips the family's consent lets them see).
 */
export function PracticeOverview({ api, enrolmentId, viewer, headingLevel }: { api: Api; enrolmentId: string; viewer: 'trainee' | 'supervisor'; headingLevel: 2 | 3 }) {
  const shared = useShared();
  const load = useCallback(async (signal: AbortSignal) => {
    const [practice, clips] = await Promise.all([api.practice(enrolmentId, signal), api.clips({ enrolmentId }, signal)]);
    return { practice, clips };
  }, [api, enrolmentId]);
  const { result, retry } = useAsync(load);
  const H = `h${headingLevel}` as const;
  if (result.state === 'loading') return <Loading label="Loading cases and clips…" />;
  if (result.state === 'failed') return <ErrorPanel title="Cases and clips could not be loaded" error={result.error} onRetry={retry} />;
  const { practice, clips } = result.value;
  if (practice.cases.length === 0) {
    return (
      <p className={shared.text} data-testid="no-cases">
        {viewer === 'trainee' ? 'You have no cases yet. Record your first case with the Attune bot: type log case.' : `${practice.traineeName} has no cases yet.`}
      </p>
    );
  }
  return (
    <ul className={shared.plainList} data-testid="cases">
      {practice.cases.map((c) => (
        <CaseCard
          key={c.id}
          c={c}
          cycles={practice.cycles.filter((y) => y.caseId === c.id)}
          clips={clips.filter((k) => k.caseId === c.id)}
          enrolmentId={enrolmentId}
          viewer={viewer}
          Heading={H}
        />
      ))}
    </ul>
  );
}

function CaseCard(props: { c: Case; cycles: readonly Cycle[]; clips: readonly ClipSummary[]; enrolmentId: string; viewer: 'trainee' | 'supervisor'; Heading: 'h2' | 'h3' }) {
  const { c, cycles, clips, enrolmentId, viewer, Heading } = props;
  const styles = useStyles();
  const shared = useShared();
  const Sub = Heading === 'h2' ? 'h3' : 'h4';
  const hidden = viewer === 'supervisor' && !c.consent.supervisor_viewing;
  const loose = clips.filter((k) => !k.cycleId || !cycles.some((y) => y.id === k.cycleId));
  return (
    <li className={shared.card} data-testid="case" data-case-id={c.id} data-code={c.code}>
      <div className={styles.head}>
        <Heading className={styles.code}>Case {c.code}</Heading>
        <span className={shared.muted}>
          Opened <time dateTime={c.openedOn}>{formatDate(c.openedOn)}</time>
          {c.endOfInvolvement && (
            <>
              {' '}
              · involvement ended <time dateTime={c.endOfInvolvement}>{formatDate(c.endOfInvolvement)}</time>
            </>
          )}
        </span>
      </div>
      <ul className={styles.consent} aria-label={`Consent for case ${c.code}`}>
        {(Object.keys(consentScopeLabel) as (keyof typeof consentScopeLabel)[]).map((scope) => (
          <li key={scope}>
            <Badge appearance="outline" color={c.consent[scope] ? 'success' : 'subtle'} data-scope={scope} data-granted={c.consent[scope]}>
              {consentScopeLabel[scope]}: {c.consent[scope] ? 'yes' : 'no'}
            </Badge>
          </li>
        ))}
      </ul>
      {hidden && <p className={shared.text}>The family has not consented to supervisor viewing, so this case’s clips are not shown to you.</p>}
      {cycles.length === 0 ? (
        <p className={shared.muted}>No cycles logged yet.</p>
      ) : (
        <ol className={styles.cycles}>
          {[...cycles].reverse().map((y, i) => (
            <li key={y.id} className={styles.cycle} data-testid="cycle" data-cycle-id={y.id}>
              <Sub className={styles.cycleTitle}>Cycle {i + 1}</Sub>
              <p className={shared.muted}>
                Filmed <time dateTime={y.filmedOn}>{formatDate(y.filmedOn)}</time> ·{' '}
                {y.sharedReviewOn ? (
                  <>
                    shared review <time dateTime={y.sharedReviewOn}>{formatDate(y.sharedReviewOn)}</time>
                  </>
                ) : (
                  'shared review not yet'
                )}
              </p>
              <ClipList clips={clips.filter((k) => k.cycleId === y.id)} enrolmentId={enrolmentId} />
              {viewer === 'trainee' && c.consent.filming && (
                <a className={styles.action} href={href({ page: 'upload', caseId: c.id, cycleId: y.id })} data-testid="upload-to-cycle">
                  Upload a clip to cycle {i + 1}
                  <span className={shared.visuallyHidden}> of case {c.code}</span>
                </a>
              )}
            </li>
          ))}
        </ol>
      )}
      {loose.length > 0 && (
        <>
          <Sub className={styles.cycleTitle}>Other clips of this case</Sub>
          <ClipList clips={loose} enrolmentId={enrolmentId} />
        </>
      )}
    </li>
  );
}

function ClipList({ clips, enrolmentId }: { clips: readonly ClipSummary[]; enrolmentId: string }) {
  const styles = useStyles();
  const shared = useShared();
  if (clips.length === 0) return null;
  return (
    <ul className={styles.clips}>
      {clips.map((k) => (
        <li key={k.id} data-testid="clip" data-clip-id={k.id}>
          <a href={href({ page: 'clip', enrolmentId, clipId: k.id, at: null })} className={styles.clipLink}>
            {k.title}
          </a>{' '}
          <Badge appearance="tint" color={k.kind === 'shared_review' ? 'important' : 'brand'} size="small">
            {clipKindLabel[k.kind]}
          </Badge>{' '}
          <span className={shared.muted}>uploaded {formatInstant(k.uploadedAt)}</span>
        </li>
      ))}
    </ul>
  );
}

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalM },
  code: { ...typographyStyles.subtitle1, margin: 0 },
  consent: { listStyleType: 'none', padding: 0, margin: `${tokens.spacingVerticalS} 0`, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  cycles: { listStyleType: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalM },
  cycle: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`, paddingLeft: tokens.spacingHorizontalM },
  cycleTitle: { ...typographyStyles.body1Strong, margin: `${tokens.spacingVerticalS} 0 0` },
  clips: { ...typographyStyles.body1, margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL, display: 'grid', gap: tokens.spacingVerticalXS },
  clipLink: { color: tokens.colorBrandForegroundLink, fontWeight: tokens.fontWeightSemibold },
  action: { ...typographyStyles.body1, color: tokens.colorBrandForegroundLink, display: 'inline-block', marginTop: tokens.spacingVerticalXS },
});
