import {
  authorizationStatesContract,
  companyProfileCacheContract,
  connectionStoreContract,
  documentStoreContract,
  errorHistoryStoreContract,
  FixedClock,
  mappingStoreContract,
  processedMessagesContract,
  qboShareClaimsContract,
  runStoreContract,
  settingsStoreContract,
  historyImportStoreContract,
  syncRecordStoreContract,
  type ContractCase,
} from '@ogustine-qbo/domain/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SqlDatabase } from '../database.js';
import { engines, mustOpen, useMigratedDatabase } from '../testing/test-databases.js';
import { TestCipher } from '../testing/test-cipher.js';
import { SqlAuthorizationStates } from './sql-authorization-states.js';
import { SqlCompanyProfileCache } from './sql-company-profile-cache.js';
import { SqlConnectionStore } from './sql-connection-store.js';
import { SqlDocumentStore } from './sql-document-store.js';
import { SqlErrorHistoryStore } from './sql-error-history-store.js';
import { SqlMappingStore } from './sql-mapping-store.js';
import { SqlProcessedMessages } from './sql-processed-messages.js';
import { SqlQboShareClaims } from './sql-qbo-share-claims.js';
import { SqlRunStore } from './sql-run-store.js';
import { SqlSettingsStore } from './sql-settings-store.js';
import { SqlHistoryImportStore } from './sql-history-import-store.js';
import { SqlSyncRecordStore } from './sql-sync-record-store.js';

// The domain's contract suites, run on the real stores, on each engine: what the fakes promise, the
// database keeps (dates, booleans, JSON and ids included).

describe.each(engines)('stores on %s', (engine) => {
  const database = useMigratedDatabase(engine);
  const satisfies = <S>(name: string, cases: readonly ContractCase<S>[], make: (database: SqlDatabase) => S): void => {
    describe(`${name} satisfies its port contract`, () => {
      for (const c of cases) it(c.name, () => c.run(make(database.current())));
    });
  };

  satisfies('SqlConnectionStore', connectionStoreContract, (db) => new SqlConnectionStore(db, new TestCipher()));
  satisfies('SqlAuthorizationStates', authorizationStatesContract, (db) => new SqlAuthorizationStates(db));
  satisfies('SqlProcessedMessages', processedMessagesContract, (db) => new SqlProcessedMessages(db));
  satisfies('SqlMappingStore', mappingStoreContract, (db) => new SqlMappingStore(db, new FixedClock(1)));
  satisfies('SqlDocumentStore', documentStoreContract, (db) => new SqlDocumentStore(db));
  satisfies('SqlSyncRecordStore', syncRecordStoreContract, (db) => new SqlSyncRecordStore(db));
  satisfies('SqlSettingsStore', settingsStoreContract, (db) => new SqlSettingsStore(db));
  satisfies('SqlHistoryImportStore', historyImportStoreContract, (db) => new SqlHistoryImportStore(db));
  // `other` is another process: a connection of its own on the same database.
  let other: SqlDatabase | undefined;
  beforeAll(async () => {
    other = await mustOpen(database.url());
  });
  afterAll(() => other?.close());
  const otherProcess = (): SqlDatabase => {
    if (other === undefined) throw new Error('the second connection is not open yet');
    return other;
  };
  satisfies('SqlCompanyProfileCache', companyProfileCacheContract, (db) => ({
    cache: new SqlCompanyProfileCache(db),
    other: new SqlCompanyProfileCache(otherProcess()),
  }));
  satisfies('SqlQboShareClaims', qboShareClaimsContract, (db) => ({
    claims: new SqlQboShareClaims(db),
    other: new SqlQboShareClaims(otherProcess()),
  }));
  satisfies('SqlRunStore', runStoreContract, (db) => new SqlRunStore(db));
  satisfies('SqlErrorHistoryStore', errorHistoryStoreContract, (db) => new SqlErrorHistoryStore(db));
});
