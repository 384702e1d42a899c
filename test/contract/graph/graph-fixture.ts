import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { createGraphClient, type GraphClientOptions } from '../../../src/adapters/graph/graph-client';
import { GraphCalendar } from '../../../src/adapters/graph/graph-calendar';
import { MsalTokenSource, type AccessTokenSource, type AppCredential } from '../../../src/adapters/graph/msal-token-source';
import { OnBehalfOfTokens } from '../../../src/adapters/graph/on-behalf-of-tokens';
import type { PersonRef } from '../../../src/domain/people';
import type { Logger } from '../../../src/ports/logger';
import { startLoopbackGraph, type LoopbackGraph } from '../../support/loopback-graph';

/**
 * The real adapters (msal-node + the Graph client) wired to a loopback Graph, with a logger that keeps every
 * line and a global fetch that fails the test if anything reaches for it.
 */
export interface GraphFixture {
  readonly graph: LoopbackGraph;
  readonly clientId: string;
  /** The PEM private key and the client secret, so tests can look for them in the logs. */
  readonly privateKeyPem: string;
  readonly secret: string;
  readonly thumbprintSha256: string;
  readonly lines: string[];
  readonly logger: Logger;
  /** Each wait the retry middleware asked for, in seconds, with how many Graph requests had arrived by then. Nothing waits. */
  readonly waits: { seconds: number; afterRequests: number }[];
  /** Calls to the global fetch (each one also threw). */
  globalFetchCalls(): number;
  tokens(credential?: AppCredential): MsalTokenSource;
  /** On-behalf-of tokens for this app registration (certificate). */
  onBehalfOf(options?: { maxPeople?: number }): OnBehalfOfTokens;
  /** A Teams SSO token for the person, as the tab's app registration would get it (audience: this client). */
  ssoToken(person: PersonRef): Promise<string>;
  /** A calendar on one shared token source (certificate), unless another credential is given. */
  calendar(options?: { credential?: AppCredential; tokens?: AccessTokenSource; retry?: GraphClientOptions['retry']; onBehalfOf?: OnBehalfOfTokens }): GraphCalendar;
  stop(): Promise<void>;
}

export async function startGraphFixture(): Promise<GraphFixture> {
  const graph = await startLoopbackGraph();
  const clientId = randomUUID();
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // No X.509 certificate is made here: the loopback token endpoint knows the key by this stand-in thumbprint.
  const thumbprintSha256 = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  graph.registerCertificate({ clientId, thumbprintSha256, publicKey });
  const secret = `dev-secret-${randomUUID()}`;
  graph.registerSecret({ clientId, secret });

  const lines: string[] = [];
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, message, ...fields }));
  const logger: Logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };

  const originalFetch = globalThis.fetch;
  let strayFetches = 0;
  globalThis.fetch = () => {
    strayFetches++;
    throw new Error('The global fetch is off in this test: nothing may leave the process.');
  };

  const waits: { seconds: number; afterRequests: number }[] = [];
  const wait = (seconds: number): Promise<void> => {
    waits.push({ seconds, afterRequests: graph.graphRequests().length });
    return Promise.resolve();
  };
  const sso = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const certificate: AppCredential = { kind: 'certificate', thumbprintSha256, privateKeyPem };
  const tokens = (credential: AppCredential = certificate): MsalTokenSource =>
    new MsalTokenSource({ tenantId: graph.tenantId, clientId, credential, authorityHost: graph.origin, logger, fetch: graph.fetch });
  const shared = tokens();
  return {
    graph,
    clientId,
    privateKeyPem,
    secret,
    thumbprintSha256,
    lines,
    logger,
    waits,
    globalFetchCalls: () => strayFetches,
    tokens,
    onBehalfOf: (options = {}) => new OnBehalfOfTokens({ tenantId: graph.tenantId, clientId, credential: certificate, authorityHost: graph.origin, logger, fetch: graph.fetch, ...options }),
    ssoToken: (person) =>
      new SignJWT({ tid: person.tenantId, oid: person.objectId, scp: 'access_as_user', ver: '2.0' })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuer(`${graph.origin}/${person.tenantId}/v2.0`)
        .setAudience(clientId)
        .setSubject(person.objectId)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(sso.privateKey),
    calendar: (options = {}) =>
      new GraphCalendar({
        client: createGraphClient({ baseUrl: graph.graphBaseUrl, tokens: options.tokens ?? (options.credential ? tokens(options.credential) : shared), fetch: graph.fetch, retry: { maxRetries: 3, maxWaitSeconds: 5, delaySeconds: 0, wait, ...options.retry } }),
        tenantId: graph.tenantId,
        logger,
        ...(options.onBehalfOf ? { onBehalfOf: options.onBehalfOf } : {}),
      }),
    async stop() {
      globalThis.fetch = originalFetch;
      await graph.stop();
    },
  };
}
