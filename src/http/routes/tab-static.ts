import { createReadStream, statSync, type Stats } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Request, Response } from 'restify';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves the built tab from one folder. Only files inside it, only known types; unknown paths get the app shell. */
export function serveTab(root: string) {
  const base = normalize(root) + sep;
  return (req: Request, res: Response): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    let rel = decodeURIComponent(url.pathname.replace(/^\/tab\/?/, ''));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    let file = normalize(join(base, rel));
    if (!file.startsWith(base) || rel.includes('\0')) {
      res.writeHead(404);
      res.end();
      return;
    }
    let stat = safeStat(file);
    if (!stat?.isFile() || !types[extname(file)]) {
      // Client-side routes fall back to the app shell; missing assets are a plain 404.
      if (extname(rel) !== '') {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('Not found');
        return;
      }
      file = join(base, 'index.html');
      stat = safeStat(file);
      if (!stat) {
        res.writeHead(503, { 'Content-Type': 'text/plain' });
        res.end('The tab has not been built. Run "npm run build:tab".');
        return;
      }
    }
    const immutable = rel.startsWith('assets/');
    res.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Content-Length': Number(stat.size),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  };
}

function safeStat(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
