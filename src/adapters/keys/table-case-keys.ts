import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { AttuneError } from '../../domain/errors';
import { sealedPrefix, type CaseKeys } from '../../ports/case-keys';
import type { KeyWrapper } from '../../ports/key-wrapping';
import { statusOf, storageError } from '../storage/storage-errors';

/** One row per case (partition: case id; row: `data-key`): the wrapped key, or after shredding a tombstone. */
interface CaseKeyRow {
  partitionKey: string;
  rowKey: string;
  kekId: string;
  algorithm: string;
  /** base64 of the wrapped data key; empty once shredded. */
  wrapped: string;
  createdAt: string;
  shreddedAt?: string;
}

const row = 'data-key';
const ivBytes = 12;
const tagBytes = 16;
const maxCached = 256;

/**
 * Per-case data keys in Table storage, wrapped by the same key-encryption key as the clip vault's (Key Vault in
 * production). Values are AES-256-GCM with a fresh random IV each and the case id as additional data.
 * Shredding replaces the row by a tombstone without the key, so the tombstone also stops a later `seal` from
 * quietly making a new key for an erased case.
 */
export class TableCaseKeys implements CaseKeys {
  private readonly cache = new Map<string, { key: Promise<Buffer>; until: number }>();

  private constructor(private readonly o: { table: TableClient; wrapper: KeyWrapper; cacheMs: number }) {}

  static async open(options: { table: TableClient; wrapper: KeyWrapper; cacheMs?: number }): Promise<TableCaseKeys> {
    await options.table.createTable().catch((e: unknown) => {
      throw storageError(e);
    });
    return new TableCaseKeys({ table: options.table, wrapper: options.wrapper, cacheMs: options.cacheMs ?? 60_000 });
  }

  async seal(caseRef: string, text: string): Promise<string> {
    const key = await this.key(checkRef(caseRef), { create: true });
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(caseRef));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return sealedPrefix + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  async open(caseRef: string, sealed: string): Promise<string> {
    if (!sealed.startsWith(sealedPrefix)) throw tampered();
    const bytes = Buffer.from(sealed.slice(sealedPrefix.length), 'base64url');
    if (bytes.length < ivBytes + tagBytes) throw tampered();
    const key = await this.key(checkRef(caseRef), { create: false });
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes));
    decipher.setAAD(Buffer.from(caseRef));
    decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)), decipher.final()]).toString('utf8');
    } catch {
      throw tampered();
    }
  }

  async shred(caseRef: string): Promise<void> {
    this.cache.delete(checkRef(caseRef));
    const tombstone: CaseKeyRow = { partitionKey: caseRef, rowKey: row, kekId: '', algorithm: '', wrapped: '', createdAt: new Date().toISOString(), shreddedAt: new Date().toISOString() };
    try {
      await this.o.table.upsertEntity(tombstone, 'Replace');
    } catch (e) {
      throw storageError(e);
    }
    this.cache.delete(caseRef);
  }

  async isShredded(caseRef: string): Promise<boolean> {
    const found = await this.read(checkRef(caseRef));
    return Boolean(found?.shreddedAt);
  }

  private async read(caseRef: string): Promise<CaseKeyRow | null> {
    try {
      return await this.o.table.getEntity<CaseKeyRow>(caseRef, row);
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw storageError(e);
    }
  }

  private key(caseRef: string, o: { create: boolean }): Promise<Buffer> {
    const cached = this.cache.get(caseRef);
    if (cached && cached.until > Date.now()) return cached.key;
    const key = this.load(caseRef, o);
    key.catch(() => this.cache.delete(caseRef));
    if (this.cache.size >= maxCached) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(caseRef, { key, until: Date.now() + this.o.cacheMs });
    return key;
  }

  private async load(caseRef: string, o: { create: boolean }): Promise<Buffer> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await this.read(caseRef);
      if (found?.shreddedAt) throw shredded();
      if (found) return Buffer.from(await this.o.wrapper.unwrap({ kekId: found.kekId, algorithm: found.algorithm, wrapped: Buffer.from(found.wrapped, 'base64') }));
      if (!o.create) throw shredded();
      const dataKey = randomBytes(32);
      const wrapped = await this.o.wrapper.wrap(dataKey);
      const next: CaseKeyRow = { partitionKey: caseRef, rowKey: row, kekId: wrapped.kekId, algorithm: wrapped.algorithm, wrapped: Buffer.from(wrapped.wrapped).toString('base64'), createdAt: new Date().toISOString() };
      try {
        await this.o.table.createEntity(next);
        return dataKey;
      } catch (e) {
        // Another instance made the case's key first: use theirs.
        if (statusOf(e) !== 409) throw storageError(e);
      }
    }
    throw new AttuneError('conflict', 'The case key kept changing. Try again.');
  }
}

function checkRef(caseRef: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(caseRef)) throw new AttuneError('invalid_input', 'Not a case reference.');
  return caseRef;
}

const shredded = (): AttuneError => new AttuneError('invalid_state', 'This text was erased with its case.', ['the case key was shredded']);
const tampered = (): AttuneError => new AttuneError('invalid_input', 'This text cannot be read: it was altered or belongs to another case.', ['sealed text did not authenticate']);
