import { isTimeZone } from '../domain/scheduling/zoned-time';
/**
 * The only reader of `process.env`: `loadConfig(env)` parses, validates and freezes every setting.
 * Development mode (the default outside production) embeds Azurite, a development sign-in and demo
 * data. Production refuses to start while any required setting is missing or any development feature
 * is switched on, and says every problem at once.
 */
export type Mode = 'development' | 'test' | 'production';
export type BotAppType = 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant';

export interface Config {
  readonly mode: Mode;
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string | null;
  /** The Teams app (manifest) id, for deep links into the tab; null: links use publicUrl only. */
  readonly teamsAppId: string | null;
  readonly dataDir: string;
  readonly storage:
    | { readonly kind: 'embedded-azurite' }
    | { readonly kind: 'connection-string'; readonly connectionString: string }
    | { readonly kind: 'account'; readonly accountName: string; readonly blobEndpoint: string; readonly tableEndpoint: string; readonly queueEndpoint: string };
  readonly bot: {
    readonly appId: string | null;
    readonly appType: BotAppType | null;
    readonly appPassword: string | null;
    readonly tenantId: string | null;
    readonly allowedServiceUrlHosts: readonly string[];
    /** Where Bot Framework channel tokens' signing keys are published, and their issuer (sovereign clouds differ). */
    readonly openIdMetadataUrl: string;
    readonly tokenIssuer: string;
  };
  readonly rateLimits: { readonly perAddressPerMinute: number; readonly perPersonPerMinute: number };
  readonly auth: {
    readonly authorityHost: string;
    readonly clientId: string | null;
    readonly allowedTenants: readonly string[];
  };
  readonly keys: { readonly kind: 'local-file' } | { readonly kind: 'key-vault'; readonly keyId: string };
  /** The clip vault: upload size limit, and how often the retention job runs (0 = never, in this process). */
  readonly clips: { readonly maxBytes: number; readonly retentionSweepMinutes: number };
  readonly dev: {
    readonly signIn: boolean;
    readonly seedDemo: boolean;
    /** A file holding a clock offset, so tests can move the time of real server processes; never in production. */
    readonly clockFile: string | null;
  };
  /** Scheduled reminder cards: the planner (one instance at a time) and the sender (every instance). */
  readonly reminders: {
    readonly enabled: boolean;
    readonly intervalSeconds: number;
    readonly tenantPerSecond: number;
    readonly leaseSeconds: number;
    readonly visibilitySeconds: number;
  };
  /** Supervision booked as Teams meetings through Microsoft Graph (app-only); off unless SCHEDULING is on. */
  readonly scheduling: { readonly kind: 'off' } | { readonly kind: 'graph'; readonly graph: GraphSettings };
  /** How bookings are kept: the service's time zone, and how often Outlook is read back (0 = never, in this process). */
  readonly calendar: { readonly zone: string; readonly followMinutes: number };
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export interface GraphSettings {
  /** Graph's versioned root (sovereign clouds differ); its host is the only one Graph tokens are sent to. */
  readonly baseUrl: string;
  /** The tenant whose calendars and directory Attune reads and writes. */
  readonly tenantId: string;
  readonly credential: GraphCredential;
}

/** How the app proves itself to Entra ID for Graph. `secret` is for development only: production refuses it. */
export type GraphCredential =
  | { readonly kind: 'certificate'; readonly clientId: string; readonly certificatePath: string; readonly thumbprintSha256: string }
  | { readonly kind: 'managed-identity'; readonly clientId: string | null }
  | { readonly kind: 'secret'; readonly clientId: string; readonly secret: string };

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Attune cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Every setting Attune reads, with what it is for; the README table is kept in step with this list. */
export const settings = {
  NODE_ENV: 'production, development (default) or test.',
  PORT: 'Port the server listens on (default 3978; 0 picks a free port).',
  HOST: 'Address to listen on (default 127.0.0.1 in development, 0.0.0.0 in production).',
  PUBLIC_URL: 'The https base URL people reach Attune at (used in deep links and card links).',
  TEAMS_APP_ID: 'The Teams app (manifest) id, so the bot can deep-link into the tab (the upload page). Optional.',
  ATTUNE_DATA_DIR: 'Folder for development data: embedded Azurite and the local key (default .data).',
  STORAGE_CONNECTION_STRING: 'Azure Storage connection string. Unset in development: the embedded Azurite is used.',
  STORAGE_ACCOUNT_NAME: 'Azure Storage account name (production, with managed identity) — alternative to a connection string.',
  BOT_ID: 'The Azure Bot (Entra app) id. Required in production.',
  BOT_TYPE: 'SingleTenant or UserAssignedMSI. Required in production.',
  BOT_PASSWORD: 'Client secret of the bot app (SingleTenant only).',
  BOT_TENANT_ID: 'The tenant the bot app lives in. Required in production.',
  BOT_SERVICE_URL_HOSTS: 'Comma-separated exact hosts the bot may send to (default: the Teams service hosts).',
  BOT_OPENID_METADATA_URL: 'OpenID metadata of the Bot Framework channel token issuer (default: the public cloud; sovereign clouds differ).',
  BOT_TOKEN_ISSUER: 'Issuer of Bot Framework channel tokens (default https://api.botframework.com).',
  RATE_LIMIT_PER_ADDRESS: 'Requests a minute one network address may make (default 600).',
  RATE_LIMIT_PER_PERSON: 'Requests a minute one signed-in person may make (default 300).',
  AAD_APP_CLIENT_ID: 'Client id of the tab SSO app (audience of tab tokens). Required in production.',
  AUTHORITY_HOST: 'Entra authority host (default https://login.microsoftonline.com; sovereign clouds differ).',
  ALLOWED_TENANTS: 'Comma-separated tenant ids allowed to use Attune. Required in production.',
  KEY_VAULT_KEY_ID: 'Key Vault key id (https://…/keys/name/version) that wraps clip keys. Required in production.',
  DEV_SIGN_IN: 'true/false: development sign-in (development only; default true in development).',
  SEED_DEMO: 'true/false: seed the demo service on first start (development only; default true in development).',
  LOG_LEVEL: 'debug, info (default), warn or error.',
  CLIP_MAX_BYTES: 'Largest clip that may be uploaded, in bytes (default 2147483648, 2 GiB).',
  CLIP_RETENTION_SWEEP_MINUTES: 'Minutes between runs of the clip retention job (default 60; 0 turns it off in this instance).',
  SCHEDULING_TIME_ZONE: 'The service’s time zone: working hours, booking bounds and a series’ clock time (default Europe/London).',
  SCHEDULING_FOLLOW_MINUTES: 'Minutes between read-backs of booked meetings from the calendar, and finishing interrupted bookings (default 10; 0 turns it off in this instance).',
  SCHEDULING: 'true/false: book supervision as Teams meetings through Microsoft Graph (default off).',
  GRAPH_BASE_URL: 'Microsoft Graph root, https (default https://graph.microsoft.com/v1.0; sovereign clouds differ).',
  GRAPH_TENANT_ID: 'The tenant whose calendars and directory Attune uses. Required when SCHEDULING is on.',
  GRAPH_CREDENTIAL: 'How Attune signs in to Graph: certificate (default), managed-identity, or secret (development only).',
  GRAPH_CLIENT_ID: 'Client id of the Entra app registration Attune uses for Graph (certificate or secret). Required for those.',
  GRAPH_CERTIFICATE_PATH: "Path to the PEM file holding the app registration's certificate private key (GRAPH_CREDENTIAL certificate).",
  GRAPH_CERTIFICATE_THUMBPRINT: "SHA-256 thumbprint (64 hex digits) of that certificate, as the app registration shows it.",
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: 'Client id of a user-assigned managed identity for Graph (GRAPH_CREDENTIAL managed-identity; unset: system-assigned).',
  GRAPH_CLIENT_SECRET: 'Client secret of the app registration (GRAPH_CREDENTIAL secret). Development only: refused in production.',
  REMINDERS: 'true/false: send scheduled reminder cards from this instance (default on, except under NODE_ENV=test).',
  REMINDERS_INTERVAL_SECONDS: 'Seconds between the planner working out what is due (default 300; at least 1).',
  REMINDERS_TENANT_PER_SECOND: 'Proactive sends a second in one tenant, all instances together (default 30; Teams allows 50).',
  REMINDERS_LEASE_SECONDS: 'How long the planner lease lasts unless renewed, 15 to 60 (default 30): how soon another instance takes over.',
  REMINDERS_VISIBILITY_SECONDS: 'Seconds a reminder message stays hidden while a sender works on it (default 60; at least 5): how soon a crashed send is retried.',
  DEV_CLOCK_FILE: 'Development and test only: a file holding {"offsetMs": n} that moves this process’s clock. Refused in production.',
} as const;

const teamsServiceUrlHosts = ['smba.trafficmanager.net', 'smba.infra.gcc.teams.microsoft.com', 'smba.infra.gov.teams.microsoft.us', 'smba.infra.dod.teams.microsoft.us'];

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const text = (name: keyof typeof settings): string | null => {
    const v = env[name]?.trim();
    return v ? v : null;
  };
  const flag = (name: keyof typeof settings): boolean | null => {
    const v = text(name);
    if (v === null) return null;
    if (/^(true|1|yes|on)$/i.test(v)) return true;
    if (/^(false|0|no|off)$/i.test(v)) return false;
    problems.push(`${name} must be true or false (got something else).`);
    return null;
  };
  const list = (name: keyof typeof settings): string[] =>
    (text(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);

  const nodeEnv = text('NODE_ENV') ?? 'development';
  if (!['production', 'development', 'test'].includes(nodeEnv)) problems.push('NODE_ENV must be production, development or test.');
  const mode: Mode = nodeEnv === 'production' ? 'production' : nodeEnv === 'test' ? 'test' : 'development';
  const production = mode === 'production';

  const portText = text('PORT') ?? '3978';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) problems.push('PORT must be a whole number from 0 to 65535.');

  const botType = text('BOT_TYPE');
  if (botType !== null && !['SingleTenant', 'UserAssignedMSI', 'MultiTenant'].includes(botType)) problems.push('BOT_TYPE must be SingleTenant or UserAssignedMSI.');
  if (production && botType === 'MultiTenant') problems.push('BOT_TYPE MultiTenant is not supported: use SingleTenant or UserAssignedMSI.');

  const authorityHost = (text('AUTHORITY_HOST') ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(authorityHost)) problems.push('AUTHORITY_HOST must be a base URL such as https://login.microsoftonline.com.');
  if (production && !authorityHost.startsWith('https://')) problems.push('AUTHORITY_HOST must use https in production.');

  const connectionString = text('STORAGE_CONNECTION_STRING');
  const accountName = text('STORAGE_ACCOUNT_NAME');
  const keyId = text('KEY_VAULT_KEY_ID');
  const devSignIn = flag('DEV_SIGN_IN');
  const seedDemo = flag('SEED_DEMO');
  const publicUrl = text('PUBLIC_URL');
  const teamsAppId = text('TEAMS_APP_ID');
  if (teamsAppId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(teamsAppId)) problems.push('TEAMS_APP_ID must be the app manifest id, a GUID.');

  if (production) {
    const required: (keyof typeof settings)[] = ['BOT_ID', 'BOT_TYPE', 'BOT_TENANT_ID', 'AAD_APP_CLIENT_ID', 'ALLOWED_TENANTS', 'KEY_VAULT_KEY_ID', 'PUBLIC_URL'];
    for (const name of required) if (text(name) === null) problems.push(`${name} is required in production: ${settings[name]}`);
    if (!connectionString && !accountName) problems.push('STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_NAME is required in production: Attune will not use embedded Azurite.');
    if (botType === 'SingleTenant' && !text('BOT_PASSWORD')) problems.push('BOT_PASSWORD is required in production when BOT_TYPE is SingleTenant.');
    if (devSignIn === true) problems.push('DEV_SIGN_IN is a development feature and cannot be on in production.');
    if (seedDemo === true) problems.push('SEED_DEMO is a development feature and cannot be on in production.');
    if (text('DEV_CLOCK_FILE') !== null) problems.push('DEV_CLOCK_FILE is a development feature and cannot be used in production.');
    if (connectionString && /UseDevelopmentStorage=true|127\.0\.0\.1|localhost/i.test(connectionString)) problems.push('STORAGE_CONNECTION_STRING points at a local emulator, a development feature that cannot be used in production.');
    if (publicUrl && !publicUrl.startsWith('https://')) problems.push('PUBLIC_URL must use https in production.');
  }
  if (keyId && !/^https:\/\/[^/]+\/keys\/[^/]+(\/[^/]+)?$/.test(keyId)) problems.push('KEY_VAULT_KEY_ID must look like https://<vault>.vault.azure.net/keys/<name>/<version>.');

  const openIdMetadataUrl = text('BOT_OPENID_METADATA_URL') ?? 'https://login.botframework.com/v1/.well-known/openidconfiguration';
  const tokenIssuer = text('BOT_TOKEN_ISSUER') ?? 'https://api.botframework.com';
  if (production && !openIdMetadataUrl.startsWith('https://')) problems.push('BOT_OPENID_METADATA_URL must use https in production.');
  const rate = (name: 'RATE_LIMIT_PER_ADDRESS' | 'RATE_LIMIT_PER_PERSON', fallback: number): number => {
    const v = text(name);
    if (v === null) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < 1) problems.push(`${name} must be a whole number of 1 or more.`);
    return Number(v);
  };
  const rateLimits = { perAddressPerMinute: rate('RATE_LIMIT_PER_ADDRESS', 600), perPersonPerMinute: rate('RATE_LIMIT_PER_PERSON', 300) };

  const whole = (name: 'CLIP_MAX_BYTES' | 'CLIP_RETENTION_SWEEP_MINUTES' | 'SCHEDULING_FOLLOW_MINUTES', fallback: number, min: number): number => {
    const v = text(name);
    if (v === null) return fallback;
    if (!/^\d{1,16}$/.test(v) || Number(v) < min) problems.push(`${name} must be a whole number of ${min} or more.`);
    return Number(v);
  };
  const clips = { maxBytes: whole('CLIP_MAX_BYTES', 2 * 1024 ** 3, 1), retentionSweepMinutes: whole('CLIP_RETENTION_SWEEP_MINUTES', 60, 0) };

  const scheduling = schedulingOf({ text, flag, production, problems });
  const zone = text('SCHEDULING_TIME_ZONE') ?? 'Europe/London';
  if (!isTimeZone(zone)) problems.push('SCHEDULING_TIME_ZONE must be a time zone name such as Europe/London.');
  const calendar = { zone, followMinutes: whole('SCHEDULING_FOLLOW_MINUTES', 10, 0) };

  const bounded = (name: 'REMINDERS_INTERVAL_SECONDS' | 'REMINDERS_TENANT_PER_SECOND' | 'REMINDERS_LEASE_SECONDS' | 'REMINDERS_VISIBILITY_SECONDS', o: { fallback: number; min: number; max: number }): number => {
    const v = text(name);
    if (v === null) return o.fallback;
    if (!/^\d{1,6}$/.test(v) || Number(v) < o.min || Number(v) > o.max) problems.push(`${name} must be a whole number from ${o.min} to ${o.max}.`);
    return Number(v);
  };
  const reminders = {
    enabled: flag('REMINDERS') ?? mode !== 'test',
    intervalSeconds: bounded('REMINDERS_INTERVAL_SECONDS', { fallback: 300, min: 1, max: 86_400 }),
    tenantPerSecond: bounded('REMINDERS_TENANT_PER_SECOND', { fallback: 30, min: 1, max: 50 }),
    leaseSeconds: bounded('REMINDERS_LEASE_SECONDS', { fallback: 30, min: 15, max: 60 }),
    visibilitySeconds: bounded('REMINDERS_VISIBILITY_SECONDS', { fallback: 60, min: 5, max: 3600 }),
  };

  const logLevel = text('LOG_LEVEL') ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push('LOG_LEVEL must be debug, info, warn or error.');

  if (problems.length) throw new ConfigError(problems);

  const storage: Config['storage'] = connectionString
    ? { kind: 'connection-string', connectionString }
    : accountName
      ? { kind: 'account', accountName, blobEndpoint: `https://${accountName}.blob.core.windows.net`, tableEndpoint: `https://${accountName}.table.core.windows.net`, queueEndpoint: `https://${accountName}.queue.core.windows.net` }
      : { kind: 'embedded-azurite' };
  const serviceHosts = list('BOT_SERVICE_URL_HOSTS');

  return deepFreeze<Config>({
    mode,
    port,
    host: text('HOST') ?? (production ? '0.0.0.0' : '127.0.0.1'),
    publicUrl,
    teamsAppId,
    dataDir: text('ATTUNE_DATA_DIR') ?? '.data',
    storage,
    bot: {
      appId: text('BOT_ID'),
      appType: (botType as BotAppType | null) ?? null,
      appPassword: text('BOT_PASSWORD'),
      tenantId: text('BOT_TENANT_ID'),
      allowedServiceUrlHosts: serviceHosts.length ? serviceHosts : teamsServiceUrlHosts,
      openIdMetadataUrl,
      tokenIssuer,
    },
    rateLimits,
    auth: { authorityHost, clientId: text('AAD_APP_CLIENT_ID'), allowedTenants: list('ALLOWED_TENANTS') },
    keys: keyId ? { kind: 'key-vault', keyId } : { kind: 'local-file' },
    clips,
    dev: { signIn: production ? false : (devSignIn ?? mode === 'development'), seedDemo: production ? false : (seedDemo ?? mode === 'development'), clockFile: production ? null : text('DEV_CLOCK_FILE') },
    reminders,
    scheduling: scheduling(),
    calendar,
    logLevel: logLevel as Config['logLevel'],
  });
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates the Graph settings (pushing problems) and returns how to build `Config.scheduling` once they
 * all hold. With SCHEDULING on, every setting its credential needs must be there; production takes a
 * certificate or a managed identity only, never a client secret.
 */
function schedulingOf(input: {
  text: (name: keyof typeof settings) => string | null;
  flag: (name: keyof typeof settings) => boolean | null;
  production: boolean;
  problems: string[];
}): () => Config['scheduling'] {
  const { text, flag, production, problems } = input;
  const on = flag('SCHEDULING') === true;
  const secret = text('GRAPH_CLIENT_SECRET');
  if (production && secret) problems.push('GRAPH_CLIENT_SECRET is a development feature and cannot be used in production: use a certificate or a managed identity.');
  if (!on) return () => ({ kind: 'off' });

  const required = (name: keyof typeof settings): string => {
    const v = text(name);
    if (v === null) problems.push(`${name} is required when SCHEDULING is on: ${settings[name]}`);
    return v ?? '';
  };
  const baseUrl = (text('GRAPH_BASE_URL') ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  if (!/^https:\/\/[^/\s]+\/[^\s]+$/.test(baseUrl)) problems.push('GRAPH_BASE_URL must be an https URL with the version, such as https://graph.microsoft.com/v1.0.');
  const tenantId = required('GRAPH_TENANT_ID');
  if (tenantId && !guid.test(tenantId)) problems.push('GRAPH_TENANT_ID must be the tenant id, a GUID.');
  const clientIdOf = (): string => {
    const id = required('GRAPH_CLIENT_ID');
    if (id && !guid.test(id)) problems.push('GRAPH_CLIENT_ID must be the app registration client id, a GUID.');
    return id;
  };

  const kind = text('GRAPH_CREDENTIAL') ?? 'certificate';
  let credential: GraphCredential | null = null;
  switch (kind) {
    case 'certificate': {
      const clientId = clientIdOf();
      const certificatePath = required('GRAPH_CERTIFICATE_PATH');
      const thumbprint = required('GRAPH_CERTIFICATE_THUMBPRINT').replace(/[:\s]/g, '').toLowerCase();
      if (thumbprint && !/^[0-9a-f]{64}$/.test(thumbprint)) problems.push('GRAPH_CERTIFICATE_THUMBPRINT must be the SHA-256 thumbprint, 64 hex digits (a 40-digit SHA-1 thumbprint is not accepted).');
      credential = { kind: 'certificate', clientId, certificatePath, thumbprintSha256: thumbprint };
      break;
    }
    case 'managed-identity': {
      const clientId = text('GRAPH_MANAGED_IDENTITY_CLIENT_ID');
      if (clientId && !guid.test(clientId)) problems.push('GRAPH_MANAGED_IDENTITY_CLIENT_ID must be the managed identity client id, a GUID.');
      credential = { kind: 'managed-identity', clientId };
      break;
    }
    case 'secret':
      if (production) problems.push('GRAPH_CREDENTIAL secret is a development feature and cannot be used in production: use certificate or managed-identity.');
      credential = { kind: 'secret', clientId: clientIdOf(), secret: required('GRAPH_CLIENT_SECRET') };
      break;
    default:
      problems.push('GRAPH_CREDENTIAL must be certificate, managed-identity or secret.');
  }
  // Called only once every problem is known to be absent, so a credential was chosen.
  return () => ({ kind: 'graph', graph: { baseUrl, tenantId, credential: credential! } });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
