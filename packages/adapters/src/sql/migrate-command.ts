// `npm run migrate`: brings the database named by DATABASE_URL to the latest schema, then exits.
// Without DATABASE_URL, the embedded default: a SQLite file under ./data/.
import { mkdirSync } from 'node:fs';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

const DEFAULT_URL = 'sqlite:./data/ogustine-qbo.sqlite';

const url = process.env['DATABASE_URL'] ?? DEFAULT_URL;
if (url === DEFAULT_URL) mkdirSync('./data', { recursive: true });

const opened = await openDatabase(url);
if (opened.isErr()) {
  console.error(`Cannot open the database: ${opened.error.detail}`);
  process.exit(1);
}
const database = opened.value;
const migrated = await migrateToLatest(database);
await database.close();
if (migrated.isErr()) {
  console.error(`Migration ${migrated.error.migration} failed: ${migrated.error.detail}`);
  process.exit(1);
}
console.log(migrated.value.length === 0 ? 'The schema is up to date.' : `Applied: ${migrated.value.join(', ')}`);
