import { Button } from '@fluentui/react-components';
import type { ClipComment } from '../api';
import { formatClock, formatInstant } from '../format';
import { useShared } from '../styles';
import { Tags } from './clip-marks';
import { useMarkListStyles } from './mark-list-styles';

/**
 * The comments on a clip in time order. Each time goes to that point in the video; a person can remove their
 * own comments, no one else's.
 */
export function ClipComments(props: { comments: readonly ClipComment[]; meId: string; author: (id: string) => string; onSeek: (ms: number) => void; onRemove: (c: ClipComment) => void }) {
  const { comments, meId, author, onSeek, onRemove } = props;
  const styles = useMarkListStyles();
  const shared = useShared();
  return (
    <section aria-labelledby="comments-heading" className={shared.section}>
      <h2 id="comments-heading" className={shared.heading}>
        Comments
      </h2>
      {comments.length === 0 ? (
        <p className={shared.text}>No comments yet.</p>
      ) : (
        <ol className={shared.plainList} data-testid="comments">
          {comments.map((c) => (
            <li key={c.id} className={styles.item} data-testid="comment" data-at-ms={c.atMs}>
              <span className={styles.itemHead}>
                <Button size="small" appearance="transparent" onClick={() => onSeek(c.atMs)}>
                  {formatClock(c.atMs, { tenths: true })}
                  <span className={shared.visuallyHidden}>: go to this time</span>
                </Button>
                <strong>{author(c.authorId)}</strong>
                <span className={shared.muted}>{formatInstant(c.createdAt)}</span>
              </span>
              <p className={styles.note}>{c.text}</p>
              {c.tags.length > 0 && <Tags tags={c.tags} />}
              {c.authorId === meId && (
                <span className={shared.row}>
                  <Button size="small" appearance="subtle" onClick={() => onRemove(c)}>
                    Remove your comment at {formatClock(c.atMs)}
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
