import { Button, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { formatClock } from '../format';
import type { PlayerClock } from './clip-player';

/**
 * The buttons under the player: where the playhead is, the moment before and after it, a comment here and
 * (for the trainee) a new moment here. Each names its single-key shortcut while those are switched on.
 */
export function ReviewToolbar(props: { clock: PlayerClock; shortcuts: boolean; onPrevious: () => void; onNext: () => void; onComment: () => void; onMarkMoment: (() => void) | null }) {
  const { clock, shortcuts, onMarkMoment } = props;
  const styles = useStyles();
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Review tools">
      <span className={styles.time} data-testid="current-time" data-ms={clock.timeMs}>
        {formatClock(clock.timeMs, { tenths: true })}
        {clock.durationMs !== null && <> / {formatClock(clock.durationMs)}</>}
      </span>
      <Button onClick={props.onPrevious} aria-keyshortcuts={shortcuts ? 'P' : undefined} data-testid="previous-moment">
        Previous moment
      </Button>
      <Button onClick={props.onNext} aria-keyshortcuts={shortcuts ? 'N' : undefined} data-testid="next-moment">
        Next moment
      </Button>
      <Button appearance="primary" onClick={props.onComment} aria-keyshortcuts={shortcuts ? 'C' : undefined} data-testid="comment-now">
        Comment here
      </Button>
      {onMarkMoment && (
        <Button onClick={onMarkMoment} aria-keyshortcuts={shortcuts ? 'M' : undefined} data-testid="mark-moment">
          Mark a moment here
        </Button>
      )}
    </div>
  );
}

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
  time: { ...typographyStyles.body1Strong, fontVariantNumeric: 'tabular-nums', minWidth: '9ch' },
});
