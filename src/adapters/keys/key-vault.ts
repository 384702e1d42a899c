import { CryptographyClient, KeyClient, parseKeyVaultKeyIdentifier, type CryptographyClientOptions } from '@azure/keyvault-keys';
import { AttuneError } from '../../domain/errors';
import type { KeyWrapper, WrappedDataKey } from '../../ports/key-wrapping';

type Credential = ConstructorParameters<typeof KeyClient>[1];

const algorithm = 'RSA-OAEP-256';

export interface KeyVaultKeyWrapperOptions {
  /** `https://<vault>.vault.azure.net/keys/<name>` (follows the newest version) or `…/<name>/<version>` (pinned). */
  readonly keyId: string;
  readonly credential: Credential;
  /** Passed to the SDK clients (tests point them at a loopback Key Vault). */
  readonly clientOptions?: CryptographyClientOptions;
  /** How long the newest version of a versionless key id is remembered (default 5 minutes). */
  readonly versionCacheMs?: number;
}

/**
 * The production key-encryption key: an RSA key in Azure Key Vault that never leaves it. Data keys are wrapped
 * and unwrapped with RSA-OAEP-256 by Key Vault itself (`wrapKey`/`unwrapKey`), so Attune needs only those two
 * permissions on the key. Every wrapped key records the exact key version that wrapped it, so rotating the key
 * in Key Vault (a new version) leaves old data keys unwrappable until the rotation job rewraps them.
 */
export class KeyVaultKeyWrapper implements KeyWrapper {
  private readonly clients = new Map<string, CryptographyClient>();
  private current: { id: string; until: number } | null = null;
  private readonly keyClient: KeyClient;
  private readonly name: string;
  private readonly version: string | undefined;

  constructor(private readonly options: KeyVaultKeyWrapperOptions) {
    const parsed = parseKeyVaultKeyIdentifier(options.keyId);
    this.name = parsed.name;
    this.version = parsed.version || undefined;
    this.keyClient = new KeyClient(parsed.vaultUrl, options.credential, options.clientOptions);
  }

  async currentKeyId(): Promise<string> {
    if (this.version) return this.options.keyId.replace(/\/+$/, '');
    const now = Date.now();
    if (this.current && now < this.current.until) return this.current.id;
    const key = await call(() => this.keyClient.getKey(this.name));
    if (!key.id) throw new AttuneError('unavailable', 'Key Vault did not say which key version is current.');
    this.current = { id: key.id, until: now + (this.options.versionCacheMs ?? 5 * 60_000) };
    return key.id;
  }

  async wrap(dataKey: Uint8Array): Promise<WrappedDataKey> {
    const kekId = await this.currentKeyId();
    const result = await call(() => this.client(kekId).wrapKey(algorithm, dataKey));
    return { kekId, algorithm, wrapped: result.result };
  }

  async unwrap(key: WrappedDataKey): Promise<Uint8Array> {
    if (key.algorithm !== algorithm) throw unreadable();
    const result = await call(() => this.client(key.kekId).unwrapKey(algorithm, key.wrapped), { badRequest: unreadable });
    return result.result;
  }

  private client(kekId: string): CryptographyClient {
    let client = this.clients.get(kekId);
    if (!client) {
      client = new CryptographyClient(kekId, this.options.credential, this.options.clientOptions);
      this.clients.set(kekId, client);
    }
    return client;
  }
}

const unreadable = (): AttuneError => new AttuneError('invalid_state', 'This clip cannot be played: its key could not be unwrapped. Tell your service lead.', ['Key Vault refused to unwrap the data key']);

/** Key Vault failures become domain errors: a refused unwrap is an integrity failure; the rest is "try again". */
async function call<T>(fn: () => Promise<T>, on: { badRequest?: () => AttuneError } = {}): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const status = (e as { statusCode?: unknown }).statusCode;
    if (status === 400 && on.badRequest) throw on.badRequest();
    if (status === 403 || status === 401) throw new AttuneError('unavailable', 'Attune is not allowed to use its key in Key Vault. Tell your service lead.', ['key vault refused access']);
    if (status === 404) throw new AttuneError('invalid_state', 'The key that protects clips is missing from Key Vault. Tell your service lead.', ['key not found in key vault']);
    throw new AttuneError('unavailable', 'Key Vault is not answering just now. Please try again in a moment.');
  }
}
