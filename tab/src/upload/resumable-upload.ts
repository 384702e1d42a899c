import { ApiError, isAbort, toApiError, type Api, type BlockTransfer, type ClipSummary, type StartUpload, type UploadView } from '../api';

/**
 * A clip upload that survives a dropped connection. The vault takes a video in numbered blocks and remembers
 * every block it acknowledged, so after a pause, a lost connection or a reload the tab asks which blocks are
 * missing and sends only those. One block is in flight at a time.
 */
export type UploadState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'sending'; readonly sent: number; readonly total: number }
  | { readonly kind: 'paused'; readonly sent: number; readonly total: number }
  | { readonly kind: 'interrupted'; readonly sent: number; readonly total: number; readonly error: ApiError; readonly offline: boolean }
  | { readonly kind: 'finishing'; readonly total: number }
  | { readonly kind: 'done'; readonly clip: ClipSummary }
  | { readonly kind: 'cancelling' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly error: ApiError };

/** What is kept (in sessionStorage) to resume after a reload: no bytes, only which session and which file. */
export interface SavedUpload {
  readonly enrolmentId: string;
  readonly uploadId: string;
  readonly title: string;
  readonly file: { readonly name: string; readonly size: number; readonly lastModified: number };
}

const storageKey = 'attune.upload';

export function loadSavedUpload(): SavedUpload | null {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SavedUpload>;
    if (typeof v.enrolmentId !== 'string' || typeof v.uploadId !== 'string' || typeof v.title !== 'string' || typeof v.file?.name !== 'string' || typeof v.file.size !== 'number') return null;
    return v as SavedUpload;
  } catch {
    return null;
  }
}

function saveUpload(s: SavedUpload | null): void {
  try {
    if (s) sessionStorage.setItem(storageKey, JSON.stringify(s));
    else sessionStorage.removeItem(storageKey);
  } catch {
    // Storage blocked: resuming after a reload is then not possible, resuming in place still is.
  }
}

export const sameFile = (saved: SavedUpload, file: File): boolean => saved.file.name === file.name && saved.file.size === file.size && saved.file.lastModified === file.lastModified;

/** Automatic retries of a block after a network failure, before the person is asked. */
const retryDelaysMs = [1000, 2000];

const retryable = (e: ApiError): boolean => e.code === 'network' || e.status === 0 || e.status === 429 || e.status === 502 || e.status === 503 || e.status === 504;

export class ResumableUpload {
  private state: UploadState = { kind: 'starting' };
  private view: UploadView | null = null;
  private transfer: BlockTransfer | null = null;
  /** Bumped by pause/cancel: a pump that sees a newer generation stops. */
  private generation = 0;
  private readonly onOnline = (): void => {
    if (this.state.kind === 'interrupted') void this.resume();
  };

  constructor(
    private readonly o: {
      readonly api: Api;
      readonly enrolmentId: string;
      readonly file: File;
      readonly onChange: (state: UploadState) => void;
      /** Start a new session with these details, or resume an existing one. */
      readonly session: { readonly start: StartUpload } | { readonly uploadId: string };
      readonly sleep?: (ms: number) => Promise<void>;
    },
  ) {
    window.addEventListener('online', this.onOnline);
  }

  get current(): UploadState {
    return this.state;
  }

  async begin(): Promise<void> {
    const gen = this.generation;
    try {
      if ('start' in this.o.session) {
        this.view = await this.o.api.startUpload(this.o.enrolmentId, this.o.session.start);
        saveUpload({ enrolmentId: this.o.enrolmentId, uploadId: this.view.id, title: this.o.session.start.title, file: { name: this.o.file.name, size: this.o.file.size, lastModified: this.o.file.lastModified } });
      } else {
        this.view = await this.o.api.upload({ enrolmentId: this.o.enrolmentId, uploadId: this.o.session.uploadId });
        if (this.view.size !== this.o.file.size) throw new ApiError({ status: 0, code: 'different_file', message: 'That is not the file this upload started with. Choose the same video, or discard the upload.' });
      }
    } catch (e) {
      this.fail(e);
      return;
    }
    await this.pump(gen);
  }

  pause(): void {
    if (this.state.kind !== 'sending') return;
    this.generation++;
    this.transfer?.abort();
    this.set({ kind: 'paused', sent: this.state.sent, total: this.state.total });
  }

  /** Asks the vault which blocks it is missing and sends those. */
  async resume(): Promise<void> {
    if (this.state.kind !== 'paused' && this.state.kind !== 'interrupted') return;
    const gen = ++this.generation;
    const total = this.state.total;
    this.set({ kind: 'sending', sent: this.state.sent, total });
    try {
      if (!this.view) throw new ApiError({ status: 0, code: 'client', message: 'The upload has not started.' });
      this.view = await this.o.api.upload({ enrolmentId: this.o.enrolmentId, uploadId: this.view.id });
    } catch (e) {
      if (gen === this.generation) this.interrupt(e);
      return;
    }
    await this.pump(gen);
  }

  async cancel(): Promise<void> {
    const view = this.view;
    this.generation++;
    this.transfer?.abort();
    this.set({ kind: 'cancelling' });
    try {
      if (view) await this.o.api.abandonUpload({ enrolmentId: this.o.enrolmentId, uploadId: view.id });
    } catch (e) {
      // Already gone (finished, expired or discarded) is what cancelling wants anyway.
      const err = toApiError(e);
      if (err.status !== 404) {
        this.set({ kind: 'failed', error: err });
        return;
      }
    }
    saveUpload(null);
    this.dispose();
    this.set({ kind: 'cancelled' });
  }

  dispose(): void {
    window.removeEventListener('online', this.onOnline);
  }

  private async pump(gen: number): Promise<void> {
    const view = this.view;
    if (!view) return;
    const size = view.size;
    const lengthOf = (i: number): number => Math.max(0, Math.min(view.blockSize, size - i * view.blockSize));
    const missing = [...view.missing];
    let acked = size - missing.reduce((sum, i) => sum + lengthOf(i), 0);
    this.set({ kind: 'sending', sent: acked, total: size });
    for (const index of missing) {
      let attempt = 0;
      for (;;) {
        if (gen !== this.generation) return;
        const bytes = this.o.file.slice(index * view.blockSize, index * view.blockSize + lengthOf(index));
        const base = acked;
        this.transfer = this.o.api.putBlock({
          enrolmentId: this.o.enrolmentId,
          uploadId: view.id,
          index,
          bytes,
          onProgress: (loaded) => {
            if (gen === this.generation) this.set({ kind: 'sending', sent: Math.min(size, base + loaded), total: size });
          },
        });
        try {
          await this.transfer.done;
          acked += bytes.size;
          if (gen === this.generation) this.set({ kind: 'sending', sent: acked, total: size });
          break;
        } catch (e) {
          if (isAbort(e) || gen !== this.generation) return;
          const err = toApiError(e);
          const delay = retryDelaysMs[attempt++];
          if (!retryable(err)) {
            this.fail(err);
            return;
          }
          if (delay === undefined || !navigator.onLine) {
            this.interrupt(err);
            return;
          }
          await (this.o.sleep ?? sleep)(delay);
        }
      }
    }
    if (gen !== this.generation) return;
    this.set({ kind: 'finishing', total: size });
    try {
      const clip = await this.o.api.commitUpload({ enrolmentId: this.o.enrolmentId, uploadId: view.id });
      saveUpload(null);
      this.dispose();
      this.set({ kind: 'done', clip });
    } catch (e) {
      const err = toApiError(e);
      if (retryable(err)) this.interrupt(err);
      else this.fail(err);
    }
  }

  private interrupt(e: unknown): void {
    const s = this.state;
    const sent = s.kind === 'sending' || s.kind === 'paused' || s.kind === 'interrupted' ? s.sent : 0;
    const total = this.view?.size ?? this.o.file.size;
    this.set({ kind: 'interrupted', sent, total, error: toApiError(e), offline: !navigator.onLine });
  }

  private fail(e: unknown): void {
    this.dispose();
    this.set({ kind: 'failed', error: toApiError(e) });
  }

  private set(state: UploadState): void {
    this.state = state;
    this.o.onChange(state);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));
