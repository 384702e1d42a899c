import { Button } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { toApiError, type Api, type ApiError, type ClipView } from '../api';
import { DataTable } from '../components/data-table';
import { ErrorPanel, Loading } from '../components/status';
import { formatInstant, viewPurposeLabel } from '../format';
import { href } from '../router';
import { useShared } from '../styles';
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
      {result.state === 'ready' && (
        <DataTable
          label="Viewings of your clips"
          caption="Viewings of your clips, newest first"
          attributes={{ 'data-testid': 'views-table' }}
          empty={
            <p className={shared.text} data-testid="no-views">
              Nobody has viewed your clips yet.
            </p>
          }
          rows={views}
          rowKey={(v, i) => `${v.at}/${i}`}
          rowAttributes={(v) => ({ 'data-testid': 'view-row', 'data-clip-id': v.clipId })}
          columns={[
            { header: 'When', cell: (v) => <time dateTime={v.at}>{formatInstant(v.at)}</time> },
            { header: 'Who', cell: (v) => v.viewer },
            { header: 'Why', cell: (v) => (v.purpose ? (viewPurposeLabel[v.purpose] ?? v.purpose) : '—') },
            {
              header: 'Clip',
              cell: (v) => {
                const title = result.value.titles.get(v.clipId);
                const enrolmentId = result.value.enrolmentId;
                return title && enrolmentId ? <a href={href({ page: 'clip', enrolmentId, clipId: v.clipId, at: null })}>{title}</a> : 'A clip no longer kept';
              },
            },
          ]}
        />
      )}
      {error && <ErrorPanel title="More viewings could not be loaded" error={error} />}
      {next && (
        <Button onClick={loadMore} disabled={busy}>
          Show older viewings
        </Button>
      )}
    </>
  );
}
