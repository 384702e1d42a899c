/**
 * The key-encryption key (KEK) that wraps every clip's data key. Data keys are only ever stored wrapped;
 * unwrapping needs this port (Azure Key Vault in production, a local key file in development).
 * Rotating the KEK means wrapping each data key again under the current version — the video is untouched.
 */
export interface WrappedDataKey {
  /** Which KEK, including its version, wrapped this key (e.g. a Key Vault key id with version). */
  readonly kekId: string;
  readonly algorithm: string;
  readonly wrapped: Uint8Array;
}

export interface KeyWrapper {
  wrap(dataKey: Uint8Array): Promise<WrappedDataKey>;
  /** Fails (never returns other bytes) when the wrapped key was altered or its KEK is gone. */
  unwrap(key: WrappedDataKey): Promise<Uint8Array>;
  /** The KEK id `wrap` uses now; keys wrapped under any other id are due for rewrapping. */
  currentKeyId(): Promise<string>;
}
