import type { Connection } from '@ogustine-qbo/domain';
import { describe, expect, it } from 'vitest';
import { TestCipher } from '../testing/test-cipher.js';
import { engines, useMigratedDatabase } from '../testing/test-databases.js';
import { SqlConnectionStore } from './sql-connection-store.js';

const connection: Connection = {
  accountId: 'A1',
  realmId: 'R1',
  tokens: { accessToken: 'access-secret', refreshToken: 'refresh-secret', accessTokenExpiresAt: 3, refreshTokenExpiresAt: 4 },
  connectedAt: 1,
  status: 'connected',
};

describe.each(engines)('SqlConnectionStore on %s', (engine) => {
  const database = useMigratedDatabase(engine);

  it('stores the tokens encrypted, with the id of their key', async () => {
    (await new SqlConnectionStore(database.current(), new TestCipher('k1')).save(connection))._unsafeUnwrap();
    const row = await database.current().db.selectFrom('connection').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ access_token_key_id: 'k1', refresh_token_key_id: 'k1' });
    expect(JSON.stringify(row)).not.toContain('secret');
  });

  it('answers store.unavailable, not a wrong connection, when a token cannot be decrypted', async () => {
    (await new SqlConnectionStore(database.current(), new TestCipher('retired')).save(connection))._unsafeUnwrap();
    const error = (await new SqlConnectionStore(database.current(), new TestCipher('k2')).get('A1'))._unsafeUnwrapErr();
    expect(error).toEqual({ kind: 'store.unavailable', detail: 'stored token unreadable: cipher.unknown-key' });
  });

  it('refuses to rotate the tokens of an account that has no connection', async () => {
    const error = (
      await new SqlConnectionStore(database.current(), new TestCipher()).replaceTokens('A9', 'r', connection.tokens)
    )._unsafeUnwrapErr();
    expect(error.kind).toBe('store.unavailable');
  });

  it('refuses to give one realm to two accounts', async () => {
    const store = new SqlConnectionStore(database.current(), new TestCipher());
    (await store.save(connection))._unsafeUnwrap();
    expect((await store.save({ ...connection, accountId: 'A2' }))._unsafeUnwrapErr().kind).toBe('store.conflict');
  });
});
