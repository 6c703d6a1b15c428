import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import type { CipherKeys } from './cipher-keys.js';

/** A secret encrypted at rest: the id of the key that sealed it, and `base64(iv ‖ tag ‖ ciphertext)`. */
export interface SealedSecret {
  readonly keyId: string;
  readonly ciphertext: string;
}

export type CipherError =
  /** The key that sealed this secret is no longer configured (removed before re-encryption finished). */
  | { readonly kind: 'cipher.unknown-key'; readonly keyId: string }
  /** The ciphertext, its key id or its tag was altered, or it was sealed by another key with the same id. */
  | { readonly kind: 'cipher.tampered' };

/** What a store needs to keep tokens encrypted: handed to it by the app's composition root. */
export interface TokenCipher {
  readonly currentKeyId: string;
  encrypt(plaintext: string): SealedSecret;
  /**
   * @returns ok(plaintext)
   * @returns err(cipher.unknown-key) if its key is not configured
   * @returns err(cipher.tampered) if it does not authenticate
   */
  decrypt(sealed: SealedSecret): Result<string, CipherError>;
}

const ALGORITHM = 'aes-256-gcm';
/** GCM's recommended 96-bit nonce, fresh for every encryption. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM from `node:crypto`. The key id is authenticated data, so a ciphertext cannot be passed
 * off as sealed by another key. Errors name no token and no key.
 * @returns the cipher over `keys`
 */
export const tokenCipher = (keys: CipherKeys): TokenCipher => ({
  currentKeyId: keys.currentKeyId,
  encrypt(plaintext) {
    const key = keys.keys.get(keys.currentKeyId);
    // parseCipherKeys guarantees the current key exists.
    if (key === undefined) throw new Error('tokenCipher: the current key is missing from the keys');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(keys.currentKeyId, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: keys.currentKeyId, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  },
  decrypt({ keyId, ciphertext }) {
    const key = keys.keys.get(keyId);
    if (key === undefined) return err({ kind: 'cipher.unknown-key', keyId });
    const bytes = Buffer.from(ciphertext, 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) return err({ kind: 'cipher.tampered' });
    try {
      const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(keyId, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return ok(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8'));
    } catch {
      // node:crypto reports a failed authentication by throwing "Unsupported state or unable to authenticate data".
      return err({ kind: 'cipher.tampered' });
    }
  },
});

/**
 * Moves one sealed secret to the current key (the re-encryption command runs it over every token).
 * @returns ok(sealed) unchanged if already under the current key, else sealed again under it
 * @returns err(cipher.*) if it cannot be decrypted
 */
export const reencrypt = (sealed: SealedSecret, cipher: TokenCipher): Result<SealedSecret, CipherError> =>
  sealed.keyId === cipher.currentKeyId ? ok(sealed) : cipher.decrypt(sealed).map((plaintext) => cipher.encrypt(plaintext));
