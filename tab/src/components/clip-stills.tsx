import { Button } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Still } from '../api';
import { formatClock } from '../format';
import { useShared } from '../styles';
import type { Viewer } from './clip-header';
import { useMarkListStyles } from './mark-list-styles';

/**
 * The stills of a clip: frames worth stopping on, each shown by pausing the video there. `children` is the
 * form for a new still, where the person may add one; the trainee can remove them.
 */
export function ClipStills(props: { stills: readonly Still[]; viewer: Viewer; onShow: (ms: number) => void; onRemove: (s: Still) => void; children?: ReactNode }) {
  const { stills, viewer, onShow, onRemove } = props;
  const styles = useMarkListStyles();
  const shared = useShared();
  return (
    <section aria-labelledby="stills-heading" className={shared.section}>
      <h2 id="stills-heading" className={shared.heading}>
        Stills
      </h2>
      {props.children}
      {stills.length === 0 ? (
        <p className={shared.text}>No stills yet.</p>
      ) : (
        <ul className={shared.plainList} data-testid="stills">
          {stills.map((s) => (
            <li key={s.id} className={styles.item} data-testid="still">
              <span className={styles.itemHead}>
                <strong>{formatClock(s.atMs, { tenths: true })}</strong> {s.caption ?? 'Still'}
              </span>
              <span className={shared.row}>
                <Button size="small" onClick={() => onShow(s.atMs)}>
                  Show still at {formatClock(s.atMs)}
                </Button>
                {viewer === 'trainee' && (
                  <Button size="small" appearance="subtle" onClick={() => onRemove(s)}>
                    Remove still at {formatClock(s.atMs)}
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
