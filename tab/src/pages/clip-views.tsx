import { Button } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { toApiError, type Api, type ApiError, type ClipView } from '../api';
import { ErrorPanel, Loading } from '../components/status';
import { formatInstant, viewPurposeLabel } from '../format';
import { href } from '../router';
import { useShared } from '../styles';
import { TableWrap } from '../components/table-wrap';
import { useAsync } from '../use-async';

/** Who viewed the trainee's clips, newest first, from the audit log: every viewing is recorded there. */
export default function ClipViews({ api }: { api: Api }) {
  const shared = useShared();
  const load = useCallback(async (signal: AbortSignal) => {
    const progress = await api.myProgress(signal);
    const [page, clips] = await Promise.all([api.myClipViews({ limit: 50 }, signal), progress ? api.clips({ enrolmentId: progress.enrolmentId }, signal) : Promise.resolve([])]);
    return { page, enrolmentId: progress?.enrolmentId ?? null, titles: new Map(clips.map((c) => [c.id, c.title])) };
  }, [api]);
  const { result, retry } = useAsync(load);
  const [more, setMore] = useState<{ views: readonly ClipView[]; next: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const views = result.state === 'ready' ? [...result.value.page.views, ...(more?.views ?? [])] : [];
  const next = more ? more.next : result.state === 'ready' ? result.value.page.next : null;
  const loadMore = (): void => {
    if (!next) return;
    setBusy(true);
    api.myClipViews({ limit: 50, cursor: next }).then(
      (p) => {
        setBusy(false);
        setMore({ views: [...(more?.views ?? []), ...p.views], next: p.next });
      },
      (e: unknown) => {
        setBusy(false);
        setError(toApiError(e));
      },
    );
  };

  return (
    <>
      <h1 className={shared.title}>Who viewed my clips</h1>
      <p className={shared.lead}>Every time someone opens one of your clips, Attune records who, when and why. Clips that have been deleted are listed by their record only.</p>
      {result.state === 'loading' && <Loading label="Loading who viewed your clips…" />}
      {result.state === 'failed' && <ErrorPanel title="The viewing record could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' &&
        (views.length === 0 ? (
          <p className={shared.text} data-testid="no-views">
            Nobody has viewed your clips yet.
          </p>
        ) : (
          <TableWrap label="Viewings of your clips">
            <table className={shared.table} data-testid="views-table">
              <caption className={shared.visuallyHidden}>Viewings of your clips, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Why</th>
                  <th scope="col">Clip</th>
                </tr>
              </thead>
              <tbody>
                {views.map((v, i) => {
                  const title = result.value.titles.get(v.clipId);
                  const enrolmentId = result.value.enrolmentId;
                  return (
                    <tr key={`${v.at}/${i}`} data-testid="view-row" data-clip-id={v.clipId}>
                      <td>
                        <time dateTime={v.at}>{formatInstant(v.at)}</time>
                      </td>
                      <td>{v.viewer}</td>
                      <td>{v.purpose ? (viewPurposeLabel[v.purpose] ?? v.purpose) : '—'}</td>
                      <td>{title && enrolmentId ? <a href={href({ page: 'clip', enrolmentId, clipId: v.clipId, at: null })}>{title}</a> : 'A clip no longer kept'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        ))}
      {error && <ErrorPanel title="More viewings could not be loaded" error={error} />}
      {next && (
        <Button onClick={loadMore} disabled={busy}>
          Show older viewings
        </Button>
      )}
    </>
  );
}
