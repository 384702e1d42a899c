import type { Request, Response, Server } from 'restify';
import { abandonUpload, commitUpload, getUpload, putUploadBlock, startUpload, type StartUploadInput } from '../../app/clips/upload';
import { getClip, listClips, setLegalHold } from '../../app/clips/clips';
import { deleteClip } from '../../app/clips/deletion';
import { addComment, addMoment, addStill, removeComment, removeMoment, removeStill } from '../../app/clips/annotations';
import { openMedia, startPlayback } from '../../app/clips/playback';
import type { ClipDeps } from '../../app/clips/deps';
import type { Logger } from '../../ports/logger';
import type { Caller } from '../../app/people';
import { send, sendError } from '../errors';

type Route = (fn: (req: Request) => Promise<{ status?: number; body: unknown }>) => (req: Request, res: Response) => Promise<void>;

export interface ClipRouteOptions {
  readonly clips: ClipDeps;
  /** The server's JSON route wrapper and bearer authentication (with its per-person rate limit). */
  readonly route: Route;
  /** The person asking (no roles: clip use cases authorise from the clip's enrolment, case and consent). */
  readonly caller: (req: Request) => Promise<Caller>;
  readonly log: Logger;
}

const base = '/api/enrolments/:enrolmentId';
const blockPath = /^\/api\/enrolments\/[^/]+\/clip-uploads\/[^/]+\/blocks\/[^/]+$/;

/**
 * The clip API. Every route but the media route is bearer-authenticated like the rest of /api; the use case
 * authorises. Block uploads are raw bytes (`PUT …/blocks/{index}` with an exact Content-Length) streamed
 * straight into the vault — the JSON body parser is told to leave them alone. The media route
 * (`GET /api/media/{grant}`) is for `<video>` elements, which cannot send a bearer token: it takes the
 * short-lived grant from `POST …/clips/{clipId}/playback` instead (see `domain/clip-playback.ts`).
 * Nothing here logs titles, file names, grants or paths.
 */
export function mountClipRoutes(server: Server, o: ClipRouteOptions): void {
  const { route, caller } = o;
  const p = (req: Request, name: string): string => {
    const v: unknown = (req.params as Record<string, unknown>)[name];
    return typeof v === 'string' ? v : '';
  };
  const body = (req: Request): Record<string, unknown> => {
    const b: unknown = req.body;
    return typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
  };
  const at = (req: Request) => ({ enrolmentId: p(req, 'enrolmentId') });
  const clipAt = (req: Request) => ({ enrolmentId: p(req, 'enrolmentId'), clipId: p(req, 'clipId') });

  // Block bodies are streamed by their route, not buffered by the JSON body parser; a DELETE has no body
  // (browsers send no Content-Length for it, which the parser would refuse as an unknown type). These are
  // restify's own "already read" flags.
  server.pre((req, _res, next) => {
    const path = req.getPath();
    const blockUpload = req.method === 'PUT' && blockPath.test(path);
    const bodilessDelete = req.method === 'DELETE' && path.startsWith('/api/enrolments/') && !req.isChunked() && !req.headers['content-length'];
    if (blockUpload || bodilessDelete) Object.assign(req, { _readBody: true, _parsedBody: true });
    return next();
  });

  server.post(`${base}/clip-uploads`, route(async (req) => ({ status: 201, body: { upload: await startUpload(o.clips, { actor: await caller(req), ...at(req), upload: body(req) as unknown as StartUploadInput }) } })));
  server.get(`${base}/clip-uploads/:uploadId`, route(async (req) => ({ body: { upload: await getUpload(o.clips, { actor: await caller(req), ...at(req), uploadId: p(req, 'uploadId') }) } })));
  server.put(`${base}/clip-uploads/:uploadId/blocks/:index`, async (req: Request, res: Response): Promise<void> => {
    try {
      const actor = await caller(req);
      const length = req.headers['content-length'];
      const received = await putUploadBlock(o.clips, {
        actor,
        ...at(req),
        uploadId: p(req, 'uploadId'),
        index: p(req, 'index'),
        contentLength: length !== undefined && /^\d{1,16}$/.test(length) ? Number(length) : null,
        body: req,
      });
      send(res, 200, { received: received.index });
    } catch (e) {
      // A refused block may be unread: close the connection rather than read a body nobody wants.
      if (!req.complete) res.setHeader('Connection', 'close');
      sendError(res, e, o.log);
    }
  });
  server.post(`${base}/clip-uploads/:uploadId/commit`, route(async (req) => ({ status: 201, body: { clip: await commitUpload(o.clips, { actor: await caller(req), ...at(req), uploadId: p(req, 'uploadId') }) } })));
  server.del(`${base}/clip-uploads/:uploadId`, route(async (req) => {
    await abandonUpload(o.clips, { actor: await caller(req), ...at(req), uploadId: p(req, 'uploadId') });
    return { body: { abandoned: true } };
  }));

  server.get(`${base}/clips`, route(async (req) => {
    const cycleId = (req.query as Record<string, unknown> | undefined)?.cycleId;
    return { body: { clips: await listClips(o.clips, { actor: await caller(req), ...at(req), cycleId: typeof cycleId === 'string' ? cycleId : null }) } };
  }));
  server.get(`${base}/clips/:clipId`, route(async (req) => ({ body: await getClip(o.clips, { actor: await caller(req), ...clipAt(req) }) })));
  server.del(`${base}/clips/:clipId`, route(async (req) => {
    await deleteClip(o.clips, { actor: await caller(req), ...clipAt(req) });
    return { body: { deleted: true } };
  }));
  server.put(`${base}/clips/:clipId/legal-hold`, route(async (req) => ({ body: { clip: await setLegalHold(o.clips, { actor: await caller(req), ...clipAt(req), on: body(req).on }) } })));
  server.post(`${base}/clips/:clipId/playback`, route(async (req) => ({ status: 201, body: { playback: await startPlayback(o.clips, { actor: await caller(req), ...clipAt(req), purpose: body(req).purpose }) } })));

  server.post(`${base}/clips/:clipId/moments`, route(async (req) => {
    const b = body(req);
    return { status: 201, body: await addMoment(o.clips, { actor: await caller(req), ...clipAt(req), moment: { startMs: b.startMs, endMs: b.endMs, tags: b.tags, note: b.note } }) };
  }));
  server.del(`${base}/clips/:clipId/moments/:momentId`, route(async (req) => {
    await removeMoment(o.clips, { actor: await caller(req), ...clipAt(req), momentId: p(req, 'momentId') });
    return { body: { deleted: true } };
  }));
  server.post(`${base}/clips/:clipId/stills`, route(async (req) => {
    const b = body(req);
    return { status: 201, body: { still: await addStill(o.clips, { actor: await caller(req), ...clipAt(req), still: { atMs: b.atMs, caption: b.caption } }) } };
  }));
  server.del(`${base}/clips/:clipId/stills/:stillId`, route(async (req) => {
    await removeStill(o.clips, { actor: await caller(req), ...clipAt(req), stillId: p(req, 'stillId') });
    return { body: { deleted: true } };
  }));
  server.post(`${base}/clips/:clipId/comments`, route(async (req) => {
    const b = body(req);
    return { status: 201, body: { comment: await addComment(o.clips, { actor: await caller(req), ...clipAt(req), comment: { atMs: b.atMs, endMs: b.endMs, text: b.text, tags: b.tags } }) } };
  }));
  server.del(`${base}/clips/:clipId/comments/:commentId`, route(async (req) => {
    await removeComment(o.clips, { actor: await caller(req), ...clipAt(req), commentId: p(req, 'commentId') });
    return { body: { deleted: true } };
  }));

  const media = async (req: Request, res: Response): Promise<void> => {
    try {
      const answer = await openMedia(o.clips, { secret: p(req, 'grant'), range: req.headers.range, head: req.method === 'HEAD' });
      const common = { 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store', 'Cross-Origin-Resource-Policy': 'same-origin' };
      if (answer.range.kind === 'unsatisfiable') {
        res.writeHead(416, { ...common, 'Content-Range': `bytes */${answer.size}` });
        res.end();
        return;
      }
      if (!('body' in answer)) return;
      const partial = answer.range.kind === 'partial' ? answer.range : null;
      const headers = {
        ...common,
        'Content-Type': answer.mediaType,
        'Content-Disposition': 'inline',
        'Content-Length': String(partial ? partial.end - partial.start + 1 : answer.size),
        ...(partial ? { 'Content-Range': `bytes ${partial.start}-${partial.end}/${answer.size}` } : {}),
      };
      if (req.method === 'HEAD') {
        res.writeHead(partial ? 206 : 200, headers);
        res.end();
        return;
      }
      await streamMedia(res, { status: partial ? 206 : 200, headers, body: answer.body });
    } catch (e) {
      if (res.headersSent) {
        // Mid-stream failure (a tampered segment, storage gone): cut the response; never send unverified bytes.
        o.log.warn('clip stream stopped', { code: e instanceof Error ? e.name : 'unknown' });
        res.destroy();
        return;
      }
      sendError(res, e, o.log);
    }
  };
  server.get('/api/media/:grant', media);
  server.head('/api/media/:grant', media);
}

/**
 * Writes decrypted bytes with backpressure. The first chunk is awaited before the status line, so a clip that
 * fails its integrity check at the start gets a proper error response; a later failure cuts the connection.
 */
async function streamMedia(res: Response, input: { status: number; headers: Record<string, string>; body: AsyncIterable<Uint8Array> }): Promise<void> {
  const iterator = input.body[Symbol.asyncIterator]();
  let next = await iterator.next();
  res.writeHead(input.status, input.headers);
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  try {
    while (!next.done) {
      if (closed) return;
      if (!res.write(next.value)) {
        await new Promise<void>((ok) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            ok();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
      next = await iterator.next();
    }
    res.end();
  } finally {
    if (closed || !res.writableEnded) await iterator.return?.(undefined);
  }
}
