import { Badge, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import type { ClipDetail, PracticeView } from '../api';
import { clipKindLabel, formatDate, formatInstant } from '../format';
import { href } from '../router';
import { useShared } from '../styles';

/** Who is looking at a clip: the trainee whose practice it is, or someone who supervises them. */
/** `external`: an external supervisor, who reaches only the clips shared for their stage meeting. */
export type Viewer = 'trainee' | 'supervisor' | 'external';

/**
 * The top of a clip page: the way back (to the trainee's own cases, or to the supervised trainee), the title,
 * what kind of clip it is and how long it is kept, and for a shared-review video what its tags describe.
 */
export function ClipHeader({ clip, practice, viewer, enrolmentId }: { clip: ClipDetail['clip']; practice: PracticeView; viewer: Viewer; enrolmentId: string }) {
  const styles = useStyles();
  const shared = useShared();
  const theCase = practice.cases.find((c) => c.id === clip.caseId);
  const cycleIndex = practice.cycles.filter((y) => y.caseId === clip.caseId).reverse().findIndex((y) => y.id === clip.cycleId);
  const sharedReview = clip.kind === 'shared_review';
  return (
    <>
      <p className={shared.muted}>
        {viewer === 'trainee' ? <a href={href({ page: 'practice' })}>Cases and clips</a> : viewer === 'external' ? <a href={href({ page: 'external' })}>Stage meetings</a> : <a href={href({ page: 'trainee', enrolmentId })}>{practice.traineeName}</a>}
        {theCase ? ` › Case ${theCase.code}` : viewer === 'external' ? ` › ${practice.traineeName}` : ' › Case '}
        {cycleIndex >= 0 && <> › Cycle {cycleIndex + 1}</>}
      </p>
      <h1 className={shared.title} data-testid="clip-title">
        {clip.title}
      </h1>
      <p className={styles.meta}>
        <Badge appearance="tint" color={sharedReview ? 'important' : 'brand'}>
          {clipKindLabel[clip.kind]}
        </Badge>
        <span className={shared.muted}>
          Uploaded {formatInstant(clip.uploadedAt)}
          {clip.deleteAfter && <> · deleted after {formatDate(clip.deleteAfter)}</>}
          {clip.legalHold && <> · on legal hold</>}
        </span>
      </p>
      {sharedReview && (
        <MessageBar intent="info" className={styles.block}>
          <MessageBarBody>
            This is {viewer === 'trainee' ? 'your' : `${practice.traineeName}’s`} shared-review video: here the principles describe the guider’s own attunement to the family.
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

const useStyles = makeStyles({
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: `0 0 ${tokens.spacingVerticalM}` },
  block: { margin: `${tokens.spacingVerticalM} 0` },
});
