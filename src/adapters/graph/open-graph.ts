import { ManagedIdentityCredential } from '@azure/identity';
import { readFile } from 'node:fs/promises';
import { AttuneError } from '../../domain/errors';
import type { CalendarPort } from '../../ports/calendar';
import type { DirectoryPort } from '../../ports/directory';
import type { Logger } from '../../ports/logger';
import { CredentialTokenSource } from './credential-token-source';
import { GraphCalendar } from './graph-calendar';
import { createGraphClient } from './graph-client';
import { MsalTokenSource, type AccessTokenSource, type AppCredential } from './msal-token-source';
import { OnBehalfOfTokens } from './on-behalf-of-tokens';

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
  /**
   * The tab's SSO app registration (`Config.auth.clientId`). Teams SSO tokens are issued to it, so only it may
   * exchange them on the person's behalf: on-behalf-of is on when GRAPH_CLIENT_ID is this same registration.
   */
  readonly ssoClientId?: string | null;
  /** Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

const privateKeyBlock = /-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END \1?PRIVATE KEY-----/;
const certificateBlocks = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The calendar and directory on Microsoft Graph, from the settings: reads the certificate file (the
 * private key, and the certificate chain when the file holds it, sent as `x5c`), or uses the managed
 * identity, and builds the Graph client on that token source. With a certificate or secret for the tab's own
 * SSO app registration, tab-initiated free/busy searches also run on the person's behalf.
 */
export async function openGraph(options: OpenGraphOptions): Promise<CalendarPort & DirectoryPort> {
  const { connection, logger } = options;
  const signIn = await signInFor(options);
  const client = createGraphClient({ baseUrl: connection.baseUrl, tokens: signIn.tokens, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const onBehalfOf = signIn.app && signIn.app.clientId === options.ssoClientId ? new OnBehalfOfTokens({ ...common(options), clientId: signIn.app.clientId, credential: signIn.app.credential }) : null;
  // A managed identity has no on-behalf-of flow (there is no client credential to present with the person's
  // token), and another registration than the tab's may not exchange the tab's tokens: searches run app-only.
  logger.info('graph connected', { credential: connection.credential.kind, onBehalfOf: onBehalfOf !== null });
  return new GraphCalendar({ client, tenantId: connection.tenantId, logger, ...(onBehalfOf ? { onBehalfOf } : {}) });
}

const common = (options: OpenGraphOptions) => ({ tenantId: options.connection.tenantId, authorityHost: options.authorityHost, logger: options.logger, ...(options.fetch ? { fetch: options.fetch } : {}) });

/** The app-only token source and, for a certificate or secret, the app credential msal can also use on-behalf-of. */
async function signInFor(options: OpenGraphOptions): Promise<{ tokens: AccessTokenSource; app: { clientId: string; credential: AppCredential } | null }> {
  const { logger } = options;
  const credential = options.connection.credential;
  const withApp = (app: { clientId: string; credential: AppCredential }) => ({ tokens: new MsalTokenSource({ ...common(options), ...app }), app });
  switch (credential.kind) {
    case 'managed-identity':
      return { tokens: new CredentialTokenSource({ credential: credential.clientId ? new ManagedIdentityCredential({ clientId: credential.clientId }) : new ManagedIdentityCredential(), logger }), app: null };
    case 'secret':
      return withApp({ clientId: credential.clientId, credential: { kind: 'secret', secret: credential.secret } });
    case 'certificate': {
      const pem = await readFile(credential.certificatePath, 'utf8').catch(() => {
        throw new AttuneError('invalid_state', 'GRAPH_CERTIFICATE_PATH could not be read: check the path and that Attune may read the file.');
      });
      const key = privateKeyBlock.exec(pem)?.[0];
      if (!key) throw new AttuneError('invalid_state', 'GRAPH_CERTIFICATE_PATH holds no unencrypted PEM private key.');
      const chain = pem.match(certificateBlocks)?.join('\n');
      return withApp({ clientId: credential.clientId, credential: { kind: 'certificate', thumbprintSha256: credential.thumbprintSha256, privateKeyPem: key, ...(chain ? { x5c: chain } : {}) } });
    }
  }
}
