import type { Result } from 'neverthrow';

/** A token as stored: the ciphertext and the id of the key that made it (keys rotate; old ones still decrypt). */
export interface EncryptedToken {
  readonly keyId: string;
  readonly ciphertext: string;
}

export type TokenCipherError = { readonly kind: 'cipher.unknown-key' } | { readonly kind: 'cipher.tampered' };

/**
 * Encryption at rest of the OAuth tokens, given to the connection store. The store never sees a key;
 * the implementation (authenticated encryption, key rotation) lives with the crypto adapter.
 */
export interface TokenCipher {
  encrypt(plain: string): EncryptedToken;
  /**
   * @returns ok(plain) for a token this cipher made
   * @returns err(cipher.unknown-key) if its key is not known (any more)
   * @returns err(cipher.tampered) if the ciphertext was altered
   */
  decrypt(token: EncryptedToken): Result<string, TokenCipherError>;
}
