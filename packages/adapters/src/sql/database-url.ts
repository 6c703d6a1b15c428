import { err, ok, type Result } from 'neverthrow';

/** Where the module's data lives: a MariaDB/MySQL server, or an embedded SQLite file (or memory). */
export type DatabaseTarget = { readonly engine: 'mysql'; readonly uri: string } | { readonly engine: 'sqlite'; readonly file: string };

export type DatabaseUrlError = { readonly kind: 'database.bad-url'; readonly detail: string };

const SQLITE_PREFIX = 'sqlite:';

/**
 * Reads `mysql://user:password@host:port/database`, `sqlite:<file>` (relative or absolute path) or
 * `sqlite::memory:`.
 * @returns ok(target)
 * @returns err(database.bad-url) for any other text, naming what is accepted
 */
export const parseDatabaseUrl = (url: string): Result<DatabaseTarget, DatabaseUrlError> => {
  if (url.startsWith(SQLITE_PREFIX)) {
    const file = url.slice(SQLITE_PREFIX.length).replace(/^\/\//, '');
    return file === '' ? err(badUrl('the SQLite file is missing after "sqlite:"')) : ok({ engine: 'sqlite', file });
  }
  if (url.startsWith('mysql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return err(badUrl('not a valid mysql:// URL'));
    }
    if (parsed.pathname.length <= 1) return err(badUrl('the database name is missing (mysql://host:port/<database>)'));
    return ok({ engine: 'mysql', uri: url });
  }
  return err(badUrl('expected mysql://…, sqlite:<file> or sqlite::memory:'));
};

const badUrl = (detail: string): DatabaseUrlError => ({ kind: 'database.bad-url', detail });
