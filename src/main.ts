import type { TableClient } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError, type Config } from './config/config';
import type { AppDeps } from './app/deps';
import { demoManagers, demoTenantId, seedDemo } from './app/seed-demo';
import { openLocalCalendar } from './adapters/calendar/local-calendar';
import { LocalDirectory } from './adapters/calendar/local-directory';
import { emptyDirectory, switchedOffCalendar } from './adapters/calendar/switched-off';
import { delegatedCalendarScopes } from './adapters/graph/on-behalf-of-tokens';
import { openGraph } from './adapters/graph/open-graph';
import type { CalendarPort } from './ports/calendar';
import type { DirectoryPort } from './ports/directory';
import { createDevIssuer } from './adapters/identity/dev-issuer';
import { TokenVerifier } from './adapters/identity/token-verifier';
import { createJsonLogger } from './adapters/logging/json-logger';
import { startEmbeddedAzurite, type EmbeddedAzurite } from './adapters/storage/embedded-azurite';
import { openActivityLedger } from './adapters/storage/activity-ledger';
import { openTableAuditLog, openTableDataStore, tableServiceAnswers } from './adapters/storage/table-data-store';
import { createHttpServer } from './http/server';
import { defaultClipSettings, type ClipDeps } from './app/clips/deps';
import { runRetention } from './app/governance/retention';
import { followCalendar } from './app/scheduling/follow';
import { openClipStorage } from './adapters/vault/open-clip-storage';
import { clipContainer, keyWrapperFor, lockContainer, tableClientFactory } from './storage-clients';
import { BlobLeaderLease } from './adapters/storage/blob-leader-lease';
import { startLeaderJob } from './app/leader-job';
import { blobServiceAnswers, keysAnswer } from './adapters/storage/readiness';
import { drainHttp } from './http/drain';
import { TableRateWindows } from './adapters/storage/table-rate-windows';
import type { BearerTokenVerifier } from './ports/identity';
import type { Logger } from './ports/logger';
import { AttuneBot } from '../bot/attune-bot';
import { createBotEndpoint } from '../bot/endpoint';
import { supervisionLink } from '../bot/links';
import { botConnectorToken, connectorReminderChannel } from '../bot/reminder-channel';
import { renderReminderCard } from '../bot/cards/reminder-cards';
import { fileClock } from './adapters/clock/file-clock';
import { startReminders } from './start-reminders';

export interface RunningAttune {
  readonly baseUrl: string;
  readonly port: number;
  readonly app: AppDeps;
  readonly storage: { readonly connectionString: string | null };
  /** Every HTTP route, as "METHOD /path" — the authorisation matrix test walks them all. */
  readonly routes: readonly string[];
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly log?: Logger;
  /** Tests: keep embedded Azurite in memory instead of under the data folder. */
  readonly inMemoryStorage?: boolean;
  /** Tests: a fixed clock. */
  readonly now?: () => Date;
}

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** How long running requests get to finish on shutdown; App Service kills the process 30 s after SIGTERM. */
const shutdownGraceMs = 20_000;
/** Past this the process exits whatever is still stopping, before App Service's own kill. */
const shutdownHardMs = 28_000;
/** The audience of development tokens when no tab SSO app is configured. */
export const devAudience = 'attune-development';

/** The composition root: config → adapters → use cases → bot + http → listen. */
export async function startAttune(config: Config, options: StartOptions = {}): Promise<RunningAttune> {
  const log = options.log ?? createJsonLogger({ level: config.logLevel });
  const stops: (() => Promise<void>)[] = [];
  try {
    let azurite: EmbeddedAzurite | null = null;
    if (config.storage.kind === 'embedded-azurite') {
      azurite = await startEmbeddedAzurite({ location: options.inMemoryStorage ? null : join(resolve(config.dataDir), 'azurite') });
      stops.push(() => azurite!.stop());
    }
    const clientFor = tableClientFactory(config, azurite);
    const store = await openTableDataStore({ clientFor });
    const audit = await openTableAuditLog({ clientFor });
    const now = options.now ?? (config.dev.clockFile ? fileClock(config.dev.clockFile) : () => new Date());
    const links = { publicUrl: config.publicUrl, teamsAppId: config.teamsAppId };
    const { calendar, directory } = await openScheduling(config, { clientFor, log, now });
    const scheduling = { zone: config.calendar.zone, enrolmentLink: (enrolmentId: string) => supervisionLink(links, enrolmentId) };
    const app: AppDeps = { store, audit, clock: { now }, ids: { next: () => randomUUID() }, calendar, directory, scheduling };
    if (config.dev.seedDemo && (await seedDemo(app))) log.info('seeded the demo service');

    // The clip vault: data keys wrapped by Key Vault in production, by a local key file (0600) in development.
    const wrapper = keyWrapperFor(config, { inMemory: options.inMemoryStorage === true });
    const container = clipContainer(config, azurite);
    const clipStorage = await openClipStorage({ clientFor, container, wrapper });
    const clips: ClipDeps = { ...app, ...clipStorage, clipSettings: { ...defaultClipSettings, maxBytes: config.clips.maxBytes } };
    // Retention (clips, then the rest of a closed case's data): on one instance at a time (a blob lease), every CLIP_RETENTION_SWEEP_MINUTES.
    if (config.clips.retentionSweepMinutes > 0) {
      const locks = lockContainer(config, azurite);
      await locks.createIfNotExists();
      const retention = startLeaderJob({
        name: 'clip retention',
        lease: new BlobLeaderLease({ blob: locks.getBlockBlobClient('clip-retention'), durationSeconds: 30 }),
        intervalMs: config.clips.retentionSweepMinutes * 60_000,
        checkMs: 10_000,
        log,
        run: async (epoch) => {
          const r = await runRetention(clips);
          const purged = Object.values(r.purged).reduce((a, b) => a + b, 0);
          if (r.clips.deleted || r.clips.discardedUploads || r.clips.failed || purged || r.failed) log.info('retention ran', { epoch, ...r.clips, purged, purgeFailed: r.failed });
        },
      });
      stops.push(() => retention.stop());
    }

    // Outlook read back, and bookings a crash or an outage interrupted finished, now and then on a timer.
    if (config.calendar.followMinutes > 0) {
      const follow = (): void =>
        void followCalendar(app).then(
          (r) => (r.moved || r.cancelled || r.finished || r.failed ? log.info('calendar followed', { ...r }) : undefined),
          (e: unknown) => log.warn('calendar follow failed', { error: e instanceof Error ? e.name : 'unknown' }),
        );
      const timer = setInterval(follow, config.calendar.followMinutes * 60_000);
      timer.unref();
      stops.push(async () => clearInterval(timer));
      follow();
    }

    const devMode = config.mode !== 'production';
    const loopbackHosts = devMode ? ['127.0.0.1', 'localhost'] : [];
    const allowedServiceUrlHosts = [...config.bot.allowedServiceUrlHosts, ...loopbackHosts];
    // Reminder cards: the tables always (the cards' verbs act on them); the planner and sender when REMINDERS is on.
    const reminderChannel = connectorReminderChannel({ token: botConnectorToken({ ...config.bot, authorityHost: config.auth.authorityHost }), allowedServiceUrlHosts, links });
    const reminders = await startReminders({ config, app, clips: clipStorage.clips, clientFor, connectionString: azurite?.connectionString ?? null, log, channel: reminderChannel });
    stops.push(() => reminders.stop());
    const bot = new AttuneBot({ app, log, allowedServiceUrlHosts, links, reminders: reminders.store, reminderClips: clipStorage.clips });
    const messages = createBotEndpoint({
      bot,
      log,
      appId: config.bot.appId,
      appType: config.bot.appType,
      appPassword: config.bot.appPassword,
      tenantId: config.bot.tenantId,
      // Development adds the demo tenant (the Agents Playground's) to the configured ones; production has only those.
      allowedTenants: [...config.auth.allowedTenants, ...(devMode ? [demoTenantId] : [])],
      allowedServiceUrlHosts,
      openIdMetadataUrl: config.bot.openIdMetadataUrl,
      tokenIssuer: config.bot.tokenIssuer,
      authorityHost: config.auth.authorityHost,
      firstSighting: await openActivityLedger({ clientFor }),
    });

    // The verifiers: the configured Entra authority, and in development the local development issuer.
    const verifiers: BearerTokenVerifier[] = [];
    if (config.auth.clientId && config.auth.allowedTenants.length) {
      // Entra's SSO tokens, and only these, may be exchanged on the person's behalf (the development issuer's never are).
      verifiers.push(new TokenVerifier({ authorityHost: config.auth.authorityHost, audience: config.auth.clientId, allowedTenants: config.auth.allowedTenants, onBehalfOf: true }));
    }
    let devAuthority = '';
    const devIssuer = config.dev.signIn ? await createDevIssuer({ authorityHost: () => devAuthority, audience: devAudience }) : null;

    let draining = false;
    const server = createHttpServer({
      draining: () => draining,
      app,
      log,
      verifiers,
      devIssuer,
      clientId: config.auth.clientId,
      consent: { authorityHost: config.auth.authorityHost, scopes: delegatedCalendarScopes },
      tabDir: join(repoRoot, 'dist', 'tab'),
      readiness: {
        tables: () => tableServiceAnswers(clientFor('attuneservices')),
        blobs: blobServiceAnswers(container),
        keys: keysAnswer(wrapper, { now: () => Date.now() }),
        ...(reminders.queueAnswers ? { queue: reminders.queueAnswers } : {}),
      },
      messages: messages.handle,
      rateLimits: config.rateLimits,
      rateWindows: await TableRateWindows.open({ clientFor }),
      strictTransport: config.mode === 'production',
      clips,
      reminders: { store: reminders.store, renderCard: renderReminderCard },
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(config.port, config.host, () => ok());
    });
    // Shutting down: /readyz and new requests answer 503 at once, running requests finish (20 s at most).
    stops.push(async () => {
      draining = true;
      await drainHttp(server.server, { graceMs: shutdownGraceMs, log });
    });
    const address = server.address();
    const baseUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port}`;
    if (devIssuer) {
      devAuthority = `${baseUrl}/dev-issuer`;
      verifiers.push(new TokenVerifier({ authorityHost: devAuthority, audience: devAudience, allowedTenants: [demoTenantId], jwksCooldownMs: 1_000 }));
    }
    log.info('attune started', { mode: config.mode, port: address.port });
    return {
      baseUrl,
      port: address.port,
      app,
      storage: { connectionString: azurite?.connectionString ?? null },
      routes: Object.values(server.router.getRoutes()).map((r) => `${r.method} ${String(r.path)}`),
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (e) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw e;
  }
}

/**
 * The calendar and directory: Outlook and Entra through Graph when SCHEDULING is on; otherwise, in
 * development, the local calendar (Table storage, demo busy times) and the demo directory; in production,
 * a calendar that refuses every booking with a message saying it is switched off.
 */
async function openScheduling(config: Config, o: { clientFor: (table: string) => TableClient; log: Logger; now: () => Date }): Promise<{ calendar: CalendarPort; directory: DirectoryPort }> {
  if (config.scheduling.kind === 'graph') {
    const graph = await openGraph({ connection: config.scheduling.graph, authorityHost: config.auth.authorityHost, ssoClientId: config.auth.clientId, logger: o.log });
    return { calendar: graph, directory: graph };
  }
  if (config.mode === 'production') return { calendar: switchedOffCalendar, directory: emptyDirectory };
  return { calendar: await openLocalCalendar({ clientFor: o.clientFor, logger: o.log, now: o.now }), directory: new LocalDirectory(demoManagers) };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  // Signals during start-up wait for it to finish, then stop everything it started.
  let stopping = false;
  let running: RunningAttune | null = null;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Attune…`);
    setTimeout(() => {
      console.error(`Attune did not stop within ${shutdownHardMs / 1000} s; exiting.`);
      process.exit(1);
    }, shutdownHardMs).unref();
    if (!running) return;
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  running = await startAttune(config);
  if (stopping) {
    await running.stop();
    process.exit(0);
  }
  console.log(`\nAttune is running (${config.mode}).`);
  console.log(`  Tab:            ${running.baseUrl}/tab/`);
  console.log(`  Bot endpoint:   ${running.baseUrl}/api/messages   (npm run playground)`);
  console.log(`  Health:         ${running.baseUrl}/healthz`);
  if (config.dev.signIn) console.log('  Sign in:        development sign-in — pick a demo person in the tab.');
  console.log('Press Ctrl-C to stop.\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error('Attune failed to start:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
