import { makeStyles, typographyStyles } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { Api } from '../api';
import { formatInstant, viewPurposeLabel } from '../format';
import { useShared } from '../styles';
import { useAsync } from '../use-async';
import { ErrorPanel, Loading } from './status';

/** Who has viewed this clip, when and why: the trainee's own view of the viewing record, on the clip itself. */
export function ClipViewers({ api, clipId }: { api: Api; clipId: string }) {
  const shared = useShared();
  const styles = useStyles();
  const load = useCallback(async (signal: AbortSignal) => (await api.myClipViews({ limit: 200 }, signal)).views.filter((v) => v.clipId === clipId), [api, clipId]);
  const { result, retry } = useAsync(load);
  return (
    <section aria-labelledby="viewers-heading" className={shared.section} data-testid="clip-viewers">
      <h2 id="viewers-heading" className={shared.heading}>
        Who viewed this clip
      </h2>
      {result.state === 'loading' && <Loading label="Loading who viewed this clip…" />}
      {result.state === 'failed' && <ErrorPanel title="The viewing record could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' &&
        (result.value.length === 0 ? (
          <p className={shared.text}>Nobody has viewed this clip yet.</p>
        ) : (
          <ul className={shared.plainList}>
            {result.value.map((v) => (
              <li key={`${v.at}/${v.viewer}`} className={styles.viewer} data-testid="clip-viewer">
                <strong>{v.viewer}</strong> · {v.purpose ? (viewPurposeLabel[v.purpose] ?? v.purpose) : 'Viewing'} · <time dateTime={v.at}>{formatInstant(v.at)}</time>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

const useStyles = makeStyles({
  viewer: { ...typographyStyles.body1 },
});
