import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCipherKeys } from './cipher-keys.js';
import { reencrypt, tokenCipher, type TokenCipher } from './token-cipher.js';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');

const cipherWith = (current: string, keysText: string): TokenCipher => tokenCipher(parseCipherKeys(current, keysText)._unsafeUnwrap());

const TOKEN = 'RT1-secret-refresh-token-value';

describe('tokenCipher (AES-256-GCM)', () => {
  it('gives the plaintext back, sealed under the current key id, never in clear', () => {
    const cipher = cipherWith('k1', `k1:${k1}`);
    const sealed = cipher.encrypt(TOKEN);
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain(TOKEN);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain(TOKEN);
    expect(cipher.decrypt(sealed)._unsafeUnwrap()).toBe(TOKEN);
  });

  it('seals the same token differently each time (fresh iv) and keeps iv + tag + ciphertext in one base64 text', () => {
    const cipher = cipherWith('k1', `k1:${k1}`);
    const [a, b] = [cipher.encrypt(TOKEN), cipher.encrypt(TOKEN)];
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(Buffer.from(a.ciphertext, 'base64').length).toBe(12 + 16 + Buffer.byteLength(TOKEN));
  });

  it('refuses an altered ciphertext, tag or iv as tampered', () => {
    const cipher = cipherWith('k1', `k1:${k1}`);
    const bytes = Buffer.from(cipher.encrypt(TOKEN).ciphertext, 'base64');
    for (const at of [0, 12, 28, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] = (altered[at] ?? 0) ^ 1;
      expect(cipher.decrypt({ keyId: 'k1', ciphertext: altered.toString('base64') })._unsafeUnwrapErr()).toEqual({
        kind: 'cipher.tampered',
      });
    }
    expect(cipher.decrypt({ keyId: 'k1', ciphertext: 'c2hvcnQ=' })._unsafeUnwrapErr()).toEqual({ kind: 'cipher.tampered' });
  });

  it('refuses a ciphertext relabelled with another configured key id (the key id is authenticated)', () => {
    const cipher = cipherWith('k1', `k1:${k1},k2:${k1}`);
    const sealed = cipher.encrypt(TOKEN);
    expect(cipher.decrypt({ ...sealed, keyId: 'k2' })._unsafeUnwrapErr()).toEqual({ kind: 'cipher.tampered' });
  });

  it('answers unknown-key for a key id no longer configured, naming the id only', () => {
    const sealed = cipherWith('k1', `k1:${k1}`).encrypt(TOKEN);
    const error = cipherWith('k2', `k2:${k2}`).decrypt(sealed)._unsafeUnwrapErr();
    expect(error).toEqual({ kind: 'cipher.unknown-key', keyId: 'k1' });
    expect(JSON.stringify(error)).not.toContain(k1);
  });
});

describe('reencrypt (key rotation)', () => {
  it('moves a token sealed under an old key to the current key, and leaves a current one as it is', () => {
    const old = cipherWith('k1', `k1:${k1}`).encrypt(TOKEN);
    const rotated = cipherWith('k2', `k1:${k1},k2:${k2}`);
    const moved = reencrypt(old, rotated)._unsafeUnwrap();
    expect(moved.keyId).toBe('k2');
    expect(cipherWith('k2', `k2:${k2}`).decrypt(moved)._unsafeUnwrap()).toBe(TOKEN);
    expect(reencrypt(moved, rotated)._unsafeUnwrap()).toBe(moved);
  });

  it('reports a token it cannot open instead of sealing garbage', () => {
    const old = cipherWith('k1', `k1:${k1}`).encrypt(TOKEN);
    expect(reencrypt(old, cipherWith('k2', `k2:${k2}`))._unsafeUnwrapErr().kind).toBe('cipher.unknown-key');
  });
});

describe('parseCipherKeys', () => {
  it('reads several keyId:base64 pairs with one current', () => {
    const keys = parseCipherKeys('k2', ` k1:${k1} , k2:${k2} `)._unsafeUnwrap();
    expect([...keys.keys.keys()]).toEqual(['k1', 'k2']);
    expect(keys.currentKeyId).toBe('k2');
  });

  it.each([
    ['a current id that is not listed', 'k9', `k1:${k1}`, 'k9'],
    ['a key of the wrong length', 'k1', `k1:${randomBytes(16).toString('base64')}`, '16'],
    ['a pair without an id', 'k1', k1, '#1'],
    ['an id listed twice', 'k1', `k1:${k1},k1:${k2}`, 'twice'],
  ])('refuses %s with a detail that names no key', (_what, current, text, mention) => {
    const error = parseCipherKeys(current, text)._unsafeUnwrapErr();
    expect(error.kind).toBe('cipher.bad-configuration');
    expect(error.detail).toContain(mention);
    expect(error.detail).not.toContain(k1);
    expect(error.detail).not.toContain(k2);
  });
});
