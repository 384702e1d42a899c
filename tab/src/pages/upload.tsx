import { Button, Field, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, ProgressBar, Radio, RadioGroup, Select, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { toApiError, type Api, type ApiError, type ClipKind, type PracticeView } from '../api';
import { ErrorPanel, Loading } from '../components/status';
import { clipKindLabel, formatBytes, formatDate, percent } from '../format';
import { href } from '../router';
import { useShared } from '../styles';
import { loadSavedUpload, ResumableUpload, sameFile, type SavedUpload, type UploadState } from '../upload/resumable-upload';
import { useAsync } from '../use-async';

/** Upload a clip to a case (and cycle): a progress bar, pause and resume, cancel, and recovery after a dropped connection. */
export default function Upload({ api, caseId, cycleId }: { api: Api; caseId: string | null; cycleId: string | null }) {
  const shared = useShared();
  const load = useCallback(async (signal: AbortSignal) => {
    const progress = await api.myProgress(signal);
    return progress ? await api.practice(progress.enrolmentId, signal) : null;
  }, [api]);
  const { result, retry } = useAsync(load);
  return (
    <>
      <h1 className={shared.title}>Upload a clip</h1>
      <p className={shared.lead}>
        Attune encrypts the video before it is stored, and only people the family’s consent covers can see it. Once it is uploaded, delete it from your device.
      </p>
      {result.state === 'loading' && <Loading label="Loading your cases…" />}
      {result.state === 'failed' && <ErrorPanel title="Your cases could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' &&
        (result.value ? (
          <UploadForm api={api} practice={result.value} initialCase={caseId} initialCycle={cycleId} />
        ) : (
          <p className={shared.text}>You are not enrolled on a training pathway yet, so there is nowhere to upload to.</p>
        ))}
    </>
  );
}

function UploadForm({ api, practice, initialCase, initialCycle }: { api: Api; practice: PracticeView; initialCase: string | null; initialCycle: string | null }) {
  const styles = useStyles();
  const shared = useShared();
  const filmable = practice.cases.filter((c) => c.consent.filming);
  const [caseId, setCaseId] = useState(() => (initialCase && filmable.some((c) => c.id === initialCase) ? initialCase : (filmable[0]?.id ?? '')));
  const cycles = practice.cycles.filter((y) => y.caseId === caseId);
  const [cycleId, setCycleId] = useState(() => (initialCycle && practice.cycles.some((y) => y.id === initialCycle && y.caseId === caseId) ? initialCycle : ''));
  const [kind, setKind] = useState<ClipKind>('client_interaction');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [upload, setUpload] = useState<ResumableUpload | null>(null);
  const [state, setState] = useState<UploadState | null>(null);
  const [saved, setSaved] = useState<SavedUpload | null>(() => {
    const s = loadSavedUpload();
    return s && s.enrolmentId === practice.enrolmentId ? s : null;
  });
  const [savedError, setSavedError] = useState<ApiError | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => () => upload?.dispose(), [upload]);

  const run = (u: ResumableUpload): void => {
    setUpload(u);
    void u.begin();
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const p: Record<string, string> = {};
    if (!caseId) p.case = 'Choose the case this clip belongs to.';
    if (!title.trim()) p.title = 'Give the clip a short title, for example “Snack time, week 3”. Do not use the family’s names.';
    if (!file) p.file = 'Choose the video file.';
    else if (file.size === 0) p.file = 'That file is empty.';
    else if (file.type && !file.type.startsWith('video/')) p.file = 'That is not a video. Choose an MP4, MOV or WebM file.';
    setProblems(p);
    if (Object.keys(p).length || !file) return;
    run(
      new ResumableUpload({
        api,
        enrolmentId: practice.enrolmentId,
        file,
        onChange: setState,
        session: { start: { caseId, cycleId: cycleId || null, kind, title: title.trim(), fileName: file.name, size: file.size, mediaType: file.type || null } },
      }),
    );
  };

  const resumeSaved = (f: File): void => {
    if (!saved) return;
    if (!sameFile(saved, f)) {
      setSavedError(toApiError(new Error(`That is not the file this upload started with (${saved.file.name}, ${formatBytes(saved.file.size)}).`)));
      return;
    }
    setSavedError(null);
    setSaved(null);
    run(new ResumableUpload({ api, enrolmentId: practice.enrolmentId, file: f, onChange: setState, session: { uploadId: saved.uploadId } }));
  };

  const discardSaved = (): void => {
    if (!saved) return;
    api.abandonUpload({ enrolmentId: saved.enrolmentId, uploadId: saved.uploadId }).then(
      () => undefined,
      () => undefined,
    );
    sessionStorage.removeItem('attune.upload');
    setSaved(null);
  };

  const startAgain = (): void => {
    setUpload(null);
    setState(null);
    setFile(null);
    setTitle('');
    if (fileInput.current) fileInput.current.value = '';
  };

  if (filmable.length === 0) {
    return <p className={shared.text}>None of your cases has the family’s consent to filming, so there is nothing to upload to. Record consent first with the Attune bot.</p>;
  }

  const busy = state !== null && state.kind !== 'cancelled' && state.kind !== 'failed' && state.kind !== 'done';
  return (
    <>
      {saved && !upload && (
        <MessageBar intent="warning" layout="multiline" className={styles.block} data-testid="saved-upload">
          <MessageBarBody>
            <MessageBarTitle>An upload was interrupted</MessageBarTitle>
            “{saved.title}” ({saved.file.name}, {formatBytes(saved.file.size)}) did not finish. Choose the same file to carry on where it stopped, or discard it.
            <div className={styles.savedPick}>
              <label htmlFor="resume-file">Same video file</label>{' '}
              <input id="resume-file" type="file" accept="video/*" onChange={(e) => e.target.files?.[0] && resumeSaved(e.target.files[0])} />
            </div>
            {savedError && <span className={styles.error}>{savedError.message}</span>}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={discardSaved}>Discard</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <form className={shared.form} onSubmit={submit} noValidate aria-describedby="upload-help">
        <p id="upload-help" className={shared.muted}>
          Large videos go up in parts: if your connection drops, Attune carries on from the last part it received.
        </p>
        <Field
          label="Case"
          required
          validationMessage={problems.case}
          hint={filmable.find((c) => c.id === caseId)?.consent.supervisor_viewing === false ? 'The family has not consented to supervisor viewing: your supervisor will not see clips of this case.' : undefined}
        >
          <Select value={caseId} disabled={busy} onChange={(_, d) => { setCaseId(d.value); setCycleId(''); }} data-testid="upload-case" className={shared.fitSelect}>
            {filmable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Cycle" hint="The filming this clip comes from. Moments are counted per cycle.">
          <Select value={cycleId} disabled={busy} onChange={(_, d) => setCycleId(d.value)} data-testid="upload-cycle" className={shared.fitSelect}>
            <option value="">Not part of a cycle</option>
            {[...cycles].reverse().map((y, i) => (
              <option key={y.id} value={y.id}>
                Cycle {i + 1}, filmed {formatDate(y.filmedOn)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="What the video shows" required>
          <RadioGroup value={kind} disabled={busy} onChange={(_, d) => setKind(d.value as ClipKind)} layout="horizontal">
            <Radio value="client_interaction" label={clipKindLabel.client_interaction} />
            <Radio value="shared_review" label={`${clipKindLabel.shared_review} (your own practice)`} />
          </RadioGroup>
        </Field>
        <Field label="Title" required validationMessage={problems.title} hint="Shown to you and your supervisor. No names, please.">
          <Input value={title} maxLength={120} disabled={busy} onChange={(_, d) => setTitle(d.value)} data-testid="upload-title" />
        </Field>
        <Field label="Video file" required validationMessage={problems.file}>
          {(fieldProps) => (
            <input {...fieldProps} ref={fileInput} type="file" accept="video/mp4,video/quicktime,video/webm,video/*" disabled={busy} className={styles.file} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="upload-file" />
          )}
        </Field>
        {file && (
          <p className={shared.muted}>
            {file.name}, {formatBytes(file.size)}
          </p>
        )}
        {!busy && state?.kind !== 'done' && (
          <div>
            <Button type="submit" appearance="primary" data-testid="upload-start">
              Upload
            </Button>
          </div>
        )}
      </form>

      {upload && state && <UploadProgress state={state} upload={upload} onAnother={startAgain} enrolmentId={practice.enrolmentId} />}
    </>
  );
}

function UploadProgress({ state, upload, onAnother, enrolmentId }: { state: UploadState; upload: ResumableUpload; onAnother: () => void; enrolmentId: string }) {
  const styles = useStyles();
  const shared = useShared();
  const [announced, setAnnounced] = useState('');
  const fraction = state.kind === 'sending' || state.kind === 'paused' || state.kind === 'interrupted' ? (state.total ? state.sent / state.total : 0) : state.kind === 'finishing' || state.kind === 'done' ? 1 : 0;
  const pct = percent(fraction);
  // Screen readers hear every quarter and every change of state, not every progress event.
  const step = `${state.kind}:${Math.floor(pct / 25)}`;
  useEffect(() => {
    setAnnounced(describe(state));
  }, [step]);

  return (
    <section aria-labelledby="upload-progress-heading" className={`${shared.card} ${styles.block}`} data-testid="upload-progress" data-state={state.kind}>
      <h2 id="upload-progress-heading" className={shared.subheading}>
        Upload
      </h2>
      <Field
        label="Sent"
        validationState={state.kind === 'interrupted' || state.kind === 'failed' ? 'error' : state.kind === 'done' ? 'success' : 'none'}
        hint={
          <span data-testid="upload-percent" data-fraction={fraction}>
            {state.kind === 'sending' || state.kind === 'paused' || state.kind === 'interrupted' ? `${formatBytes(state.sent)} of ${formatBytes(state.total)} (${pct}%)` : `${pct}%`}
          </span>
        }
      >
        <ProgressBar value={fraction} max={1} thickness="large" aria-valuetext={`${pct}% sent`} color={state.kind === 'interrupted' || state.kind === 'failed' ? 'error' : state.kind === 'done' ? 'success' : 'brand'} />
      </Field>
      <p className={styles.status} role="status" aria-live="polite" data-testid="upload-status">
        {announced}
      </p>
      {state.kind === 'interrupted' && (
        <MessageBar intent="warning" layout="multiline" data-testid="upload-interrupted">
          <MessageBarBody>
            <MessageBarTitle>{state.offline ? 'You are offline' : 'The connection dropped'}</MessageBarTitle>
            {state.error.message} Everything sent so far is safe. {state.offline ? 'Attune carries on when you are back online, or choose Resume.' : 'Choose Resume to carry on.'}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'failed' && <ErrorPanel title="The upload stopped" error={state.error} />}
      <div className={styles.actions}>
        {state.kind === 'sending' && (
          <Button onClick={() => upload.pause()} data-testid="upload-pause">
            Pause
          </Button>
        )}
        {(state.kind === 'paused' || state.kind === 'interrupted') && (
          <Button appearance="primary" onClick={() => void upload.resume()} data-testid="upload-resume">
            Resume
          </Button>
        )}
        {(state.kind === 'sending' || state.kind === 'paused' || state.kind === 'interrupted' || state.kind === 'starting') && (
          <Button onClick={() => void upload.cancel()} data-testid="upload-cancel">
            Cancel upload
          </Button>
        )}
        {(state.kind === 'done' || state.kind === 'cancelled' || state.kind === 'failed') && <Button onClick={onAnother}>Upload another clip</Button>}
      </div>
      {state.kind === 'done' && (
        <MessageBar intent="success" data-testid="upload-done">
          <MessageBarBody>
            “{state.clip.title}” is uploaded and encrypted.{' '}
            <a href={href({ page: 'clip', enrolmentId, clipId: state.clip.id, at: null })} data-testid="upload-open-clip">
              Open it to mark moments
            </a>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function describe(state: UploadState): string {
  switch (state.kind) {
    case 'starting':
      return 'Starting the upload…';
    case 'sending':
      return `Uploading: ${percent(state.total ? state.sent / state.total : 0)}% sent.`;
    case 'paused':
      return `Paused at ${percent(state.total ? state.sent / state.total : 0)}%.`;
    case 'interrupted':
      return `Interrupted at ${percent(state.total ? state.sent / state.total : 0)}%.`;
    case 'finishing':
      return 'All sent. Finishing…';
    case 'done':
      return 'Uploaded.';
    case 'cancelling':
      return 'Cancelling…';
    case 'cancelled':
      return 'Upload cancelled. Nothing was kept.';
    case 'failed':
      return 'The upload stopped.';
  }
}

const useStyles = makeStyles({
  block: { marginTop: tokens.spacingVerticalL, maxWidth: '640px' },
  status: { ...typographyStyles.body1, margin: `${tokens.spacingVerticalS} 0` },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalS} 0` },
  file: { ...typographyStyles.body1, maxWidth: '100%' },
  savedPick: { marginTop: tokens.spacingVerticalS },
  error: { display: 'block', color: tokens.colorPaletteRedForeground1, marginTop: tokens.spacingVerticalXS },
});
