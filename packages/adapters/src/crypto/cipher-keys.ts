import { err, ok, type Result } from 'neverthrow';

/** AES-256 takes a 32-byte key. */
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;

/** The keys of the token vault: several ids so keys can rotate, one of them current (used to encrypt). */
export interface CipherKeys {
  readonly currentKeyId: string;
  /** Key id → 32-byte key. */
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** What is wrong with the configured keys. It names key ids and positions, never a key. */
export type CipherKeysError = { readonly kind: 'cipher.bad-configuration'; readonly detail: string };

const badConfiguration = (detail: string): Result<CipherKeys, CipherKeysError> => err({ kind: 'cipher.bad-configuration', detail });

/**
 * Reads the vault's keys from configuration: `keysText` lists `keyId:base64key` pairs separated by
 * commas (each key 32 random bytes, e.g. `openssl rand -base64 32`), `currentKeyId` names the one
 * that encrypts. Older keys stay listed until `reencrypt` has moved every token to the current one.
 * @returns ok(keys)
 * @returns err(cipher.bad-configuration) if a pair is malformed, a key is not 32 bytes, an id repeats, or the current id is not listed
 */
export const parseCipherKeys = (currentKeyId: string, keysText: string): Result<CipherKeys, CipherKeysError> => {
  const keys = new Map<string, Buffer>();
  const pairs = keysText
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const [index, pair] of pairs.entries()) {
    const colon = pair.indexOf(':');
    const keyId = colon === -1 ? '' : pair.slice(0, colon);
    if (!KEY_ID.test(keyId)) return badConfiguration(`key #${index + 1}: expected keyId:base64key, with an id of letters, digits, _ . -`);
    const key = Buffer.from(pair.slice(colon + 1), 'base64');
    if (key.length !== KEY_BYTES) return badConfiguration(`key ${keyId}: expected ${KEY_BYTES} bytes in base64, got ${key.length}`);
    if (keys.has(keyId)) return badConfiguration(`key ${keyId} is listed twice`);
    keys.set(keyId, key);
  }
  if (!keys.has(currentKeyId)) return badConfiguration(`the current key id ${JSON.stringify(currentKeyId)} is not among the keys`);
  return ok({ currentKeyId, keys });
};
