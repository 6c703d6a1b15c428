import { MysqlAdapter, sql, type ColumnDataType, type CreateTableBuilder, type Expression, type Kysely } from 'kysely';

// DDL helpers shared by the migrations. Every step is idempotent (IF NOT EXISTS): kysely runs no DDL
// in a transaction on either engine, so a step that failed half-way is simply run again.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time, not today's
export type AnyDb = Kysely<any>;

export const isMysql = (db: AnyDb): boolean => db.getExecutor().adapter instanceof MysqlAdapter;

/**
 * A new table; on MariaDB in utf8mb4 with a binary collation, so text compares case-sensitively as on
 * SQLite (ids `a1` and `A1` are two ids on both engines).
 */
export const createTable = (db: AnyDb, name: string): CreateTableBuilder<string, never> => {
  const builder = db.schema.createTable(name).ifNotExists();
  return isMysql(db) ? builder.modifyEnd(sql`default character set utf8mb4 collate utf8mb4_bin`) : builder;
};

/** An ordering column filled by the engine: SQLite wants exactly `integer primary key autoincrement`. */
export const seqType = (db: AnyDb): ColumnDataType => (isMysql(db) ? 'bigint' : 'integer');

/** JSON documents: MariaDB's `text` stops at 64 KB; SQLite takes any type name with TEXT affinity. */
export const jsonText: Expression<unknown> = sql`mediumtext`;

/** Ids and keys: `varchar`, because MariaDB cannot index bare text. */
export const id = 'varchar(64)';
export const shortText = 'varchar(32)';

export const createIndex = (db: AnyDb, name: string, table: string, columns: readonly string[], unique = false): Promise<void> => {
  const builder = db.schema
    .createIndex(name)
    .ifNotExists()
    .on(table)
    .columns([...columns]);
  return (unique ? builder.unique() : builder).execute();
};
