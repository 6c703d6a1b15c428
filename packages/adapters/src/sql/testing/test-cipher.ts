import { err, ok, type Result } from 'neverthrow';
import type { EncryptedToken, TokenCipher, TokenCipherError } from '../stores/token-cipher.js';

/**
 * A reversible stand-in for the real cipher (the crypto adapter has its own tests): the stored text
 * is not the token, an unknown key id and an altered ciphertext are refused, as the real one does.
 */
export class TestCipher implements TokenCipher {
  constructor(private readonly keyId = 'test-key') {}

  encrypt(plain: string): EncryptedToken {
    return { keyId: this.keyId, ciphertext: `sealed:${Buffer.from(plain, 'utf8').toString('base64')}` };
  }

  decrypt(token: EncryptedToken): Result<string, TokenCipherError> {
    if (token.keyId !== this.keyId) return err({ kind: 'cipher.unknown-key' });
    if (!token.ciphertext.startsWith('sealed:')) return err({ kind: 'cipher.tampered' });
    return ok(Buffer.from(token.ciphertext.slice('sealed:'.length), 'base64').toString('utf8'));
  }
}
