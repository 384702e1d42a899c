import { Badge, Button } from '@fluentui/react-components';
import type { Moment } from '../api';
import { formatClock } from '../format';
import { useShared } from '../styles';
import { suggestedMomentMs, suggestedMoments, Tags } from './clip-marks';
import type { Viewer } from './clip-header';
import { useMarkListStyles } from './mark-list-styles';

/**
 * The moments of a clip in time order, numbered as the timeline shows them. Each can be gone to; the trainee,
 * who marks them, can also remove them, and is reminded what VIG suggests a cycle's moments be.
 */
export function ClipMoments({ moments, viewer, onSeek, onRemove }: { moments: readonly Moment[]; viewer: Viewer; onSeek: (ms: number) => void; onRemove: (m: Moment) => void }) {
  const styles = useMarkListStyles();
  const shared = useShared();
  return (
    <section aria-labelledby="moments-heading" className={shared.section}>
      <h2 id="moments-heading" className={shared.heading}>
        Moments
      </h2>
      {viewer === 'trainee' && (
        <p className={shared.muted}>
          Pick up to {suggestedMoments} “better than usual” moments a cycle, each {suggestedMomentMs / 1000} seconds or less, and tag the principles they show.
        </p>
      )}
      {moments.length === 0 ? (
        <p className={shared.text}>{viewer === 'trainee' ? 'No moments yet. Play the clip and choose “Mark a moment here”.' : 'The trainee has not marked any moments in this clip yet.'}</p>
      ) : (
        <ol className={shared.plainList} data-testid="moments">
          {moments.map((m, i) => (
            <li key={m.id} className={styles.item} data-testid="moment" data-start-ms={m.startMs} data-end-ms={m.endMs}>
              <span className={styles.itemHead}>
                <strong>Moment {i + 1}</strong> {formatClock(m.startMs, { tenths: true })}–{formatClock(m.endMs, { tenths: true })}
                {m.endMs - m.startMs > suggestedMomentMs && (
                  <Badge appearance="tint" color="warning">
                    longer than {suggestedMomentMs / 1000} s
                  </Badge>
                )}
              </span>
              <Tags tags={m.tags} />
              {m.note && <p className={styles.note}>{m.note}</p>}
              <span className={shared.row}>
                <Button size="small" onClick={() => onSeek(m.startMs)} data-testid="moment-play">
                  Go to moment {i + 1}
                </Button>
                {viewer === 'trainee' && (
                  <Button size="small" appearance="subtle" onClick={() => onRemove(m)}>
                    Remove moment {i + 1}
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
