import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AttuneError } from '../../domain/errors';
import type { KeyWrapper, WrappedDataKey } from '../../ports/key-wrapping';

const algorithm = 'A256GCM';

interface KeyFile {
  readonly format: 1;
  readonly current: string;
  readonly keys: Record<string, string>;
}

/**
 * The development key-encryption key: versioned 256-bit AES keys in one JSON file (mode 0600, under the data
 * folder), wrapping each data key with AES-256-GCM (a random nonce; the KEK id as additional data). Refused in
 * production by configuration: there, the KEK is in Key Vault and never leaves it.
 * `file: null` keeps the keys in memory only (tests with in-memory storage).
 */
export class LocalKeyFile implements KeyWrapper {
  private constructor(
    private readonly file: string | null,
    private state: KeyFile,
  ) {}

  static open(options: { file: string | null }): LocalKeyFile {
    const { file } = options;
    if (file && existsSync(file)) {
      chmodSync(file, 0o600);
      const state = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
      if (state.format !== 1 || !state.keys[state.current]) throw new Error(`The local key file ${file} is not one Attune wrote.`);
      return new LocalKeyFile(file, state);
    }
    const created = new LocalKeyFile(file, { format: 1, current: 'v1', keys: { v1: randomBytes(32).toString('base64') } });
    created.save();
    return created;
  }

  /** Adds a new KEK version and makes it current; earlier versions stay to unwrap keys until they are rewrapped. */
  rotate(): string {
    const next = `v${Object.keys(this.state.keys).length + 1}`;
    this.state = { ...this.state, current: next, keys: { ...this.state.keys, [next]: randomBytes(32).toString('base64') } };
    this.save();
    return `local:${next}`;
  }

  async currentKeyId(): Promise<string> {
    return `local:${this.state.current}`;
  }

  async wrap(dataKey: Uint8Array): Promise<WrappedDataKey> {
    const kekId = `local:${this.state.current}`;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek(kekId), nonce);
    cipher.setAAD(Buffer.from(kekId));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { kekId, algorithm, wrapped: Buffer.concat([nonce, body, cipher.getAuthTag()]) };
  }

  async unwrap(key: WrappedDataKey): Promise<Uint8Array> {
    if (key.algorithm !== algorithm || key.wrapped.length !== 12 + 32 + 16) throw refused();
    const w = Buffer.from(key.wrapped);
    const decipher = createDecipheriv('aes-256-gcm', this.kek(key.kekId), w.subarray(0, 12));
    decipher.setAAD(Buffer.from(key.kekId));
    decipher.setAuthTag(w.subarray(44));
    try {
      return Buffer.concat([decipher.update(w.subarray(12, 44)), decipher.final()]);
    } catch {
      throw refused();
    }
  }

  private kek(kekId: string): Buffer {
    const version = kekId.startsWith('local:') ? kekId.slice(6) : '';
    const material = Object.hasOwn(this.state.keys, version) ? this.state.keys[version] : undefined;
    if (!material) throw refused();
    return Buffer.from(material, 'base64');
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state), { mode: 0o600 });
    renameSync(temp, this.file);
    chmodSync(this.file, 0o600);
  }
}

const refused = (): AttuneError => new AttuneError('invalid_state', 'This clip cannot be played: its key could not be unwrapped. Tell your service lead.', ['the wrapped data key did not authenticate']);
