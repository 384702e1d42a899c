import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

/**
 * A loopback HTTP proxy in front of Azurite's blob service, for what only the wire can show: it counts the
 * requests that pass (so a test can prove something was not read) and can damage the body of the next
 * staged block in transit (so a test can prove storage refuses it). Everything else is forwarded untouched;
 * Shared Key signatures do not cover the body, so a damaged block still reaches Azurite's own checks.
 */
export interface BlobProxy {
  /** A container client that talks to Azurite through the proxy. */
  container(name: string): ContainerClient;
  /** Flips one byte in the middle of the next `Put Block` body. */
  damageNextBlock(): void;
  /** Requests seen so far, as "METHOD comp" (comp is `block`, `blocklist`… or `-` for plain blob reads and writes). */
  readonly seen: string[];
  stop(): Promise<void>;
}

export async function startBlobProxy(azurite: { blobEndpoint: string; connectionString: string }): Promise<BlobProxy> {
  const target = new URL(azurite.blobEndpoint);
  const seen: string[] = [];
  let damage = false;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const url = new URL(req.url ?? '/', 'http://proxy');
      const comp = url.searchParams.get('comp') ?? '-';
      seen.push(`${req.method ?? '?'} ${comp}`);
      if (damage && req.method === 'PUT' && comp === 'block' && body.length > 0) {
        damage = false;
        const at = Math.floor(body.length / 2);
        body[at] = body[at]! ^ 0xff;
      }
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const proxied = `http://127.0.0.1:${port}${target.pathname}`;
  const connectionString = azurite.connectionString.replace(/BlobEndpoint=[^;]+/, `BlobEndpoint=${proxied}`);
  return {
    container: (name) => BlobServiceClient.fromConnectionString(connectionString).getContainerClient(name),
    damageNextBlock: () => {
      damage = true;
    },
    seen,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
