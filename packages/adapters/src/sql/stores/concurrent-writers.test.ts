import { initialModuleState, newSyncRecord } from '@ogustine-qbo/domain';
import { aDocument } from '@ogustine-qbo/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../database.js';
import { TestCipher } from '../testing/test-cipher.js';
import { engines, mustOpen, useMigratedDatabase } from '../testing/test-databases.js';
import { SqlAuthorizationStates } from './sql-authorization-states.js';
import { SqlConnectionStore } from './sql-connection-store.js';
import { SqlDocumentStore } from './sql-document-store.js';
import { SqlProcessedMessages } from './sql-processed-messages.js';
import { SqlRunStore } from './sql-run-store.js';
import { SqlSettingsStore } from './sql-settings-store.js';
import { SqlSyncRecordStore } from './sql-sync-record-store.js';

// Two processes sharing a database (the HTTP app and the worker, or two workers) are modelled by two
// connections of their own (a second pool, a second SQLite handle), writing at the same time.

const WRITERS = 8;

describe.each(engines)('concurrent writers on %s', (engine) => {
  const first = useMigratedDatabase(engine);
  let second: SqlDatabase;
  beforeEach(async () => {
    second = await mustOpen(first.url());
  });
  afterEach(async () => {
    await second.close();
  });
  /** `WRITERS` attempts, spread over both connections, started together. */
  const race = <T>(attempt: (database: SqlDatabase, i: number) => PromiseLike<T>): Promise<T[]> =>
    Promise.all(Array.from({ length: WRITERS }, (_, i) => attempt(i % 2 === 0 ? first.current() : second, i)));

  it('compare-and-set: of several workers saving from the same version, exactly one wins', async () => {
    const saved = (
      await new SqlSyncRecordStore(first.current()).save(
        newSyncRecord({ accountId: 'A1', documentId: 'D1', realmId: 'R1', type: 'Invoice', docNumber: 'OGUSTINE_1' }),
      )
    )._unsafeUnwrap();
    const outcomes = await race((db, i) => new SqlSyncRecordStore(db).save({ ...saved, generation: i + 1 }));
    const winners = outcomes.filter((o) => o.isOk());
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => o.isErr()).map((o) => o._unsafeUnwrapErr().kind)).toEqual(Array(WRITERS - 1).fill('store.conflict'));
    const stored = (await new SqlSyncRecordStore(second).get('A1', 'D1'))._unsafeUnwrap();
    expect(stored).toEqual(winners[0]?._unsafeUnwrap());
  });

  it('token rotation: of several processes replacing the same refresh token, one wins and the others read its tokens', async () => {
    const cipher = new TestCipher();
    const tokens = (n: number) => ({
      accessToken: `access-${n}`,
      refreshToken: `refresh-${n}`,
      accessTokenExpiresAt: n,
      refreshTokenExpiresAt: n,
    });
    (
      await new SqlConnectionStore(first.current(), cipher).save({
        accountId: 'A1',
        realmId: 'R1',
        tokens: tokens(0),
        connectedAt: 1,
        status: 'connected',
      })
    )._unsafeUnwrap();
    const outcomes = await race((db, i) => new SqlConnectionStore(db, cipher).replaceTokens('A1', 'refresh-0', tokens(i + 1)));
    const winner = outcomes.findIndex((o) => o.isOk());
    expect(outcomes.filter((o) => o.isOk())).toHaveLength(1);
    expect(outcomes.filter((o) => o.isErr()).map((o) => o._unsafeUnwrapErr().kind)).toEqual(Array(WRITERS - 1).fill('store.conflict'));
    expect((await new SqlConnectionStore(second, cipher).get('A1'))._unsafeUnwrap()?.tokens).toEqual(tokens(winner + 1));
  });

  it('settings: of several writers saving from the same version, exactly one wins (no lost update)', async () => {
    const saved = (
      await new SqlSettingsStore(first.current()).save({ accountId: 'A1', moduleState: initialModuleState, version: 0 })
    )._unsafeUnwrap();
    const outcomes = await race((db, i) => new SqlSettingsStore(db).save({ ...saved, initialSyncRunId: `run-${i}` }));
    expect(outcomes.filter((o) => o.isOk())).toHaveLength(1);
    expect(outcomes.filter((o) => o.isErr()).map((o) => o._unsafeUnwrapErr().kind)).toEqual(Array(WRITERS - 1).fill('store.conflict'));
    const winner = outcomes.find((o) => o.isOk())?._unsafeUnwrap();
    expect((await new SqlSettingsStore(second).get('A1'))._unsafeUnwrap()).toEqual(winner);
  });

  // A run's settle is a multi-statement transaction: on SQLite two handles in one process would stall
  // each other (a waiting BEGIN IMMEDIATE blocks the event loop), so there the calls share one handle,
  // as they do in one process; the job table's tests run SQLite writers as separate processes.
  it('runs: workers settling documents of one run at once never lose a count', async () => {
    const runs = new SqlRunStore(first.current());
    (await runs.start({ runId: 'run-1', accountId: 'A1', kind: 'initial-sync', startedAt: 1 }))._unsafeUnwrap();
    const documents = Array.from({ length: 40 }, (_, i) => `D${i}`);
    (await runs.addDocuments('A1', 'run-1', documents))._unsafeUnwrap();
    const outcomes = await Promise.all(
      documents.map((documentId, i) =>
        new SqlRunStore(i % 2 === 0 || engine === 'sqlite' ? first.current() : second).settle(
          'A1',
          'run-1',
          documentId,
          i % 4 === 0 ? 'failed' : 'sent',
        ),
      ),
    );
    expect(outcomes.filter((o) => o.isErr()).map((o) => o._unsafeUnwrapErr())).toEqual([]);
    const run = (await new SqlRunStore(second).get('A1', 'run-1'))._unsafeUnwrap();
    expect([run?.total, run?.sent, run?.failed, run?.held]).toEqual([40, 30, 10, 0]);
  });

  it('a document recorded by several deliveries at once is recorded once', async () => {
    const outcomes = await race((db, i) => new SqlDocumentStore(db).record(aDocument({ id: 'D1', accountId: 'A1', memo: `copy ${i}` }), i));
    expect(outcomes.map((o) => o._unsafeUnwrap()).sort()).toEqual(['recorded', ...Array(WRITERS - 1).fill('already-recorded')].sort());
    expect((await new SqlDocumentStore(second).page('A1', {}))._unsafeUnwrap().items).toHaveLength(1);
  });

  it('groups of documents recorded at once, overlapping, record each document once (recorded for one group, already recorded for the others)', async () => {
    // Writer i records D(i)…D(i+3): each document is in up to four groups.
    const group = (i: number) => Array.from({ length: 4 }, (_, k) => aDocument({ id: `D${i + k}`, accountId: 'A1', number: `N-${i + k}` }));
    // SQLite: one handle, as the processes of one install share it (better-sqlite3 waits for a lock
    // synchronously, so a second handle in this same thread would wait for a transaction that cannot go on).
    const outcomes =
      engine === 'sqlite'
        ? await Promise.all(Array.from({ length: WRITERS }, (_, i) => new SqlDocumentStore(first.current()).recordAll(group(i), i)))
        : await race((db, i) => new SqlDocumentStore(db).recordAll(group(i), i));
    const recordedBy = new Map<string, number>();
    for (const [i, outcome] of outcomes.entries())
      for (const [k, o] of outcome._unsafeUnwrap().entries())
        if (o === 'recorded') recordedBy.set(`D${i + k}`, (recordedBy.get(`D${i + k}`) ?? 0) + 1);
    const ids = [...new Set(Array.from({ length: WRITERS }, (_, i) => group(i).map((d) => d.id)).flat())].sort();
    expect([...recordedBy.keys()].sort()).toEqual(ids);
    expect([...recordedBy.values()].every((n) => n === 1)).toBe(true);
    expect((await new SqlDocumentStore(second).page('A1', {}, { limit: 50 }))._unsafeUnwrap().items).toHaveLength(ids.length);
  });

  it('a message remembered by several deliveries at once is remembered, without error', async () => {
    const outcomes = await race((db, i) => new SqlProcessedMessages(db).remember('m-1', i));
    expect(outcomes.filter((o) => o.isErr()).map((o) => o._unsafeUnwrapErr())).toEqual([]);
    expect((await new SqlProcessedMessages(second).has('m-1'))._unsafeUnwrap()).toBe(true);
  });

  it('an OAuth state taken by several callbacks at once is given to one only', async () => {
    (await new SqlAuthorizationStates(first.current()).save({ state: 's-1', accountId: 'A1', expiresAt: 9 }))._unsafeUnwrap();
    const outcomes = await race((db) => new SqlAuthorizationStates(db).take('s-1'));
    expect(outcomes.map((o) => o._unsafeUnwrap()).filter((p) => p !== null)).toEqual([{ state: 's-1', accountId: 'A1', expiresAt: 9 }]);
  });
});
