import type { Request, Response, Server } from 'restify';
import { abandonUpload, commitUpload, getUpload, putUploadBlock, startUpload } from '../../app/clips/upload';
import { adminClips, getClip, listClips, setLegalHold } from '../../app/clips/clips';
import { deleteClip } from '../../app/clips/deletion';
import { addComment, addMoment, addStill, removeComment, removeMoment, removeStill } from '../../app/clips/annotations';
import { openMedia, startPlayback } from '../../app/clips/playback';
import { getReviewPair, linkReviewedClip } from '../../app/clips/review-pair';
import { putStillImage, readStillImage } from '../../app/clips/still-images';
import type { ClipDeps } from '../../app/clips/deps';
import type { Caller } from '../../app/people';
import { routes } from '../../contract/http/routes';
import { encodeClipDetail, encodeClipSummary, encodeComment, encodeMoment, encodeMomentWarning, encodePlayback, encodeStill, encodeUpload } from '../encode/clips';
import { encodeReviewPair } from '../encode/clips';
import { send } from '../errors';
import { anyone, type Mount } from '../mount';

export interface ClipRouteOptions {
  readonly mount: Mount;
  readonly clips: ClipDeps;
  /** The person asking (no roles: clip use cases authorise from the clip's enrolment, case and consent). */
  readonly caller: (req: Request) => Promise<Caller>;
}

const blockPath = /^\/api\/enrolments\/[^/]+\/clip-uploads\/[^/]+\/blocks\/[^/]+$/;
const stillImagePath = /^\/api\/enrolments\/[^/]+\/clips\/[^/]+\/stills\/[^/]+\/image$/;

/**
 * The clip API. Every route but the media route is bearer-authenticated like the rest of /api; the use case
 * authorises. Block uploads are raw bytes (`PUT …/blocks/{index}` with an exact Content-Length) streamed
 * straight into the vault — the JSON body parser is told to leave them alone. The media route
 * (`GET /api/media/{grant}`) is for `<video>` elements, which cannot send a bearer token: it takes the
 * short-lived grant from `POST …/clips/{clipId}/playback` instead (see `domain/clips/playback.ts`).
 * Nothing here logs titles, file names, grants or paths.
 */
export function mountClipRoutes(server: Server, o: ClipRouteOptions): void {
  const { mount, caller: auth, clips } = o;

  // Block bodies are streamed by their route, not buffered by the JSON body parser; a DELETE has no body
  // (browsers send no Content-Length for it, which the parser would refuse as an unknown type). These are
  // restify's own "already read" flags.
  server.pre((req, _res, next) => {
    const path = req.getPath();
    const blockUpload = req.method === 'PUT' && (blockPath.test(path) || stillImagePath.test(path));
    const bodilessDelete = req.method === 'DELETE' && path.startsWith('/api/enrolments/') && !req.isChunked() && !req.headers['content-length'];
    if (blockUpload || bodilessDelete) Object.assign(req, { _readBody: true, _parsedBody: true });
    return next();
  });

  mount.json(routes.startUpload, { auth, handle: async ({ caller: actor, params, body }) => ({ body: { upload: encodeUpload(await startUpload(clips, { actor, enrolmentId: params.enrolmentId, upload: body })) } }) });
  mount.json(routes.upload, { auth, handle: async ({ caller: actor, params }) => ({ body: { upload: encodeUpload(await getUpload(clips, { actor, ...params })) } }) });
  mount.raw(routes.putBlock, {
    auth,
    handle: async ({ caller: actor, params, headers, req }, res) => {
      const length = headers['content-length'];
      const received = await putUploadBlock(clips, { actor, ...params, contentLength: length !== undefined && /^\d{1,16}$/.test(length) ? Number(length) : null, body: req });
      send(res, 200, routes.putBlock.response.parse({ received: received.index }));
    },
  });
  mount.json(routes.commitUpload, { auth, handle: async ({ caller: actor, params }) => ({ body: { clip: encodeClipSummary(await commitUpload(clips, { actor, ...params })) } }) });
  mount.json(routes.abandonUpload, {
    auth,
    handle: async ({ caller: actor, params }) => {
      await abandonUpload(clips, { actor, ...params });
      return { body: { abandoned: true as const } };
    },
  });

  mount.json(routes.clips, { auth, handle: async ({ caller: actor, params, query }) => ({ body: { clips: (await listClips(clips, { actor, enrolmentId: params.enrolmentId, cycleId: query.cycleId ?? null })).map(encodeClipSummary) } }) });
  mount.json(routes.clip, { auth, handle: async ({ caller: actor, params }) => ({ body: encodeClipDetail(await getClip(clips, { actor, ...params })) }) });
  mount.json(routes.deleteClip, {
    auth,
    handle: async ({ caller: actor, params }) => {
      await deleteClip(clips, { actor, ...params });
      return { body: { deleted: true as const } };
    },
  });
  mount.json(routes.legalHold, {
    auth,
    handle: async ({ caller: actor, params, body }) => {
      const change = body.on ? { on: true as const, reason: body.reason, note: body.note ?? null } : { on: false as const };
      return { body: { clip: encodeClipSummary(await setLegalHold(clips, { actor, ...params, change })) } };
    },
  });
  mount.json(routes.adminClips, { auth, handle: async ({ caller: actor }) => ({ body: { clips: await adminClips(clips, { actor }) } }) });
  mount.json(routes.startPlayback, { auth, handle: async ({ caller: actor, params, body }) => ({ body: { playback: encodePlayback(await startPlayback(clips, { actor, ...params, purpose: body.purpose })) } }) });

  mount.json(routes.addMoment, {
    auth,
    handle: async ({ caller: actor, params, body }) => {
      const added = await addMoment(clips, { actor, ...params, moment: { startMs: body.startMs, endMs: body.endMs, tags: body.tags, note: body.note } });
      return { body: { moment: encodeMoment(added.moment), warnings: added.warnings.map(encodeMomentWarning) } };
    },
  });
  mount.json(routes.removeMoment, {
    auth,
    handle: async ({ caller: actor, params }) => {
      await removeMoment(clips, { actor, ...params });
      return { body: { deleted: true as const } };
    },
  });
  mount.json(routes.addStill, { auth, handle: async ({ caller: actor, params, body }) => ({ body: { still: encodeStill(await addStill(clips, { actor, ...params, still: { atMs: body.atMs, caption: body.caption } })) } }) });
  mount.json(routes.removeStill, {
    auth,
    handle: async ({ caller: actor, params }) => {
      await removeStill(clips, { actor, ...params });
      return { body: { deleted: true as const } };
    },
  });
  mount.raw(routes.putStillImage, {
    auth,
    handle: async ({ caller: actor, params, headers, req }, res) => {
      const length = headers['content-length'];
      const still = await putStillImage(clips, { actor, ...params, contentLength: length !== undefined && /^\d{1,16}$/.test(length) ? Number(length) : null, body: req });
      send(res, 200, routes.putStillImage.response.parse({ still: encodeStill(still) }));
    },
  });
  mount.raw(routes.stillImage, {
    auth,
    handle: async ({ caller: actor, params }, res) => {
      const image = await readStillImage(clips, { actor, ...params });
      res.writeHead(200, { 'Content-Type': image.mediaType, 'Content-Length': String(image.bytes.length), 'Cache-Control': 'no-store', 'Content-Disposition': 'inline', 'Cross-Origin-Resource-Policy': 'same-origin' });
      res.end(Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength));
    },
  });
  mount.json(routes.addComment, {
    auth,
    handle: async ({ caller: actor, params, body }) => ({ body: { comment: encodeComment(await addComment(clips, { actor, ...params, comment: { atMs: body.atMs, endMs: body.endMs, text: body.text, tags: body.tags } })) } }),
  });
  mount.json(routes.removeComment, {
    auth,
    handle: async ({ caller: actor, params }) => {
      await removeComment(clips, { actor, ...params });
      return { body: { deleted: true as const } };
    },
  });

  mount.json(routes.linkReviewedClip, { auth, handle: async ({ caller: actor, params, body }) => ({ body: { clip: encodeClipSummary(await linkReviewedClip(clips, { actor, ...params, interactionClipId: body.interactionClipId, momentIds: body.momentIds })) } }) });
  mount.json(routes.reviewPair, { auth, handle: async ({ caller: actor, params }) => ({ body: encodeReviewPair(await getReviewPair(clips, { actor, ...params })) }) });

  const media = async ({ params, headers, req }: { params: { grant: string }; headers: { range?: string | undefined }; req: Request }, res: Response): Promise<void> => {
    const head = req.method === 'HEAD';
    const answer = await openMedia(clips, { secret: params.grant, range: headers.range, head });
    const common = { 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store', 'Cross-Origin-Resource-Policy': 'same-origin' };
    if (answer.range.kind === 'unsatisfiable') {
      res.writeHead(416, { ...common, 'Content-Range': `bytes */${answer.size}` });
      res.end();
      return;
    }
    // The union is told apart by range kind, which TypeScript does not narrow on: never leave a response unanswered.
    if (!('body' in answer)) throw new Error('media answer without a body');
    const partial = answer.range.kind === 'partial' ? answer.range : null;
    const responseHeaders = {
      ...common,
      'Content-Type': answer.mediaType,
      'Content-Disposition': 'inline',
      'Content-Length': String(partial ? partial.end - partial.start + 1 : answer.size),
      ...(partial ? { 'Content-Range': `bytes ${partial.start}-${partial.end}/${answer.size}` } : {}),
    };
    if (head) {
      res.writeHead(partial ? 206 : 200, responseHeaders);
      res.end();
      return;
    }
    await streamMedia(res, { status: partial ? 206 : 200, headers: responseHeaders, body: answer.body });
  };
  mount.raw(routes.media, { auth: anyone, handle: media });
  mount.raw(routes.mediaHead, { auth: anyone, handle: media });
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
