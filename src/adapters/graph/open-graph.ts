import { ManagedIdentityCredential } from '@azure/identity';
import { readFile } from 'node:fs/promises';
import { AttuneError } from '../../domain/errors';
import type { CalendarPort } from '../../ports/calendar';
import type { DirectoryPort } from '../../ports/directory';
import type { Logger } from '../../ports/logger';
import { CredentialTokenSource } from './credential-token-source';
import { GraphCalendar } from './graph-calendar';
import { createGraphClient } from './graph-client';
import { MsalTokenSource, type AccessTokenSource } from './msal-token-source';

/** The Graph settings as `loadConfig` gives them (`Config.scheduling.graph`). */
export interface GraphConnection {
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly credential:
    | { readonly kind: 'certificate'; readonly clientId: string; readonly certificatePath: string; readonly thumbprintSha256: string }
    | { readonly kind: 'managed-identity'; readonly clientId: string | null }
    | { readonly kind: 'secret'; readonly clientId: string; readonly secret: string };
}

export interface OpenGraphOptions {
  readonly connection: GraphConnection;
  /** The Entra authority host (`Config.auth.authorityHost`). */
  readonly authorityHost: string;
  readonly logger: Logger;
  /** Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

const privateKeyBlock = /-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END \1?PRIVATE KEY-----/;
const certificateBlocks = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The calendar and directory on Microsoft Graph, from the settings: reads the certificate file (the
 * private key, and the certificate chain when the file holds it, sent as `x5c`), or uses the managed
 * identity, and builds the Graph client on that token source.
 */
export async function openGraph(options: OpenGraphOptions): Promise<CalendarPort & DirectoryPort> {
  const { connection, logger } = options;
  const tokens = await tokenSourceFor(options);
  const client = createGraphClient({ baseUrl: connection.baseUrl, tokens, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return new GraphCalendar({ client, tenantId: connection.tenantId, logger });
}

async function tokenSourceFor(options: OpenGraphOptions): Promise<AccessTokenSource> {
  const { connection, logger } = options;
  const credential = connection.credential;
  const common = { tenantId: connection.tenantId, authorityHost: options.authorityHost, logger, ...(options.fetch ? { fetch: options.fetch } : {}) };
  switch (credential.kind) {
    case 'managed-identity':
      return new CredentialTokenSource({ credential: credential.clientId ? new ManagedIdentityCredential({ clientId: credential.clientId }) : new ManagedIdentityCredential(), logger });
    case 'secret':
      return new MsalTokenSource({ ...common, clientId: credential.clientId, credential: { kind: 'secret', secret: credential.secret } });
    case 'certificate': {
      const pem = await readFile(credential.certificatePath, 'utf8').catch(() => {
        throw new AttuneError('invalid_state', 'GRAPH_CERTIFICATE_PATH could not be read: check the path and that Attune may read the file.');
      });
      const key = privateKeyBlock.exec(pem)?.[0];
      if (!key) throw new AttuneError('invalid_state', 'GRAPH_CERTIFICATE_PATH holds no unencrypted PEM private key.');
      const chain = pem.match(certificateBlocks)?.join('\n');
      return new MsalTokenSource({ ...common, clientId: credential.clientId, credential: { kind: 'certificate', thumbprintSha256: credential.thumbprintSha256, privateKeyPem: key, ...(chain ? { x5c: chain } : {}) } });
    }
  }
}
