import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it('reads a MariaDB URL, a SQLite file and SQLite in memory', () => {
    expect(parseDatabaseUrl('mysql://root@127.0.0.1:3306/qbo')._unsafeUnwrap()).toEqual({
      engine: 'mysql',
      uri: 'mysql://root@127.0.0.1:3306/qbo',
    });
    expect(parseDatabaseUrl('sqlite:./data/qbo.sqlite')._unsafeUnwrap()).toEqual({ engine: 'sqlite', file: './data/qbo.sqlite' });
    expect(parseDatabaseUrl('sqlite:///var/lib/qbo.sqlite')._unsafeUnwrap()).toEqual({ engine: 'sqlite', file: '/var/lib/qbo.sqlite' });
    expect(parseDatabaseUrl('sqlite::memory:')._unsafeUnwrap()).toEqual({ engine: 'sqlite', file: ':memory:' });
  });

  it.each([
    ['postgres://localhost/qbo', 'expected mysql://…, sqlite:<file> or sqlite::memory:'],
    ['sqlite:', 'the SQLite file is missing after "sqlite:"'],
    ['mysql://root@127.0.0.1:3306', 'the database name is missing (mysql://host:port/<database>)'],
    ['mysql://root@[bad/qbo', 'not a valid mysql:// URL'],
  ])('refuses %s, saying what is expected', (url, detail) => {
    expect(parseDatabaseUrl(url)._unsafeUnwrapErr()).toEqual({ kind: 'database.bad-url', detail });
  });
});
