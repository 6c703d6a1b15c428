import fc from 'fast-check';
import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { toDocumentWire } from '../documents/document-wire.js';
import type { OgustineDocument } from '../documents/document.js';
import type { StoreError } from '../ports/store-error.js';
import { aCompanyProfile } from '../testing/builders/company-profile.js';
import { invoice, REALM } from '../testing/builders/journey-fixtures.js';
import { InMemoryModule } from '../testing/fakes/in-memory-module.js';
import type { ValidatedDocumentMessage } from './receive-validated-document.js';
import { ReceiveValidatedDocuments } from './receive-validated-documents.js';
import { ReceiptsInTurn } from './receipts-in-turn.js';

/**
 * The oracle is `ReceiveValidatedDocument` itself, one message after another, on a second module
 * in the same state: the group must give every message the result it would have had alone, and
 * leave the stores as the messages alone would have (the same documents, the same jobs, the same
 * messages remembered, the same errors in the history).
 */

/** What a message carries: document n of account A1 (connected, launched) or A2 (not connected), in one of its forms. */
interface Drawn {
  readonly messageId: number;
  readonly account: 'A1' | 'A2';
  readonly n: number;
  readonly form: 'first' | 'changed' | 'refused' | 'malformed';
  /** Given to the group already read (as the worker, which reads it with the envelope), not as JSON. */
  readonly read: boolean;
}

const documentOf = (d: Drawn): OgustineDocument => {
  const base = invoice(d.n, { accountId: d.account });
  switch (d.form) {
    case 'first':
    case 'malformed':
      return base;
    case 'changed':
      return { ...base, memo: 'corrigée après validation' };
    case 'refused':
      // A number QBO's DocNumber cannot hold: the policy refuses it (a visible error, once).
      return { ...base, number: `2024-${'9'.repeat(30)}` };
  }
};

/** The message as JSON: what the oracle is always given. */
const wireMessageOf = (d: Drawn): ValidatedDocumentMessage => ({
  messageId: `m${d.messageId}`,
  document: d.form === 'malformed' ? { id: `D${d.n}`, lines: 'none' } : toDocumentWire(documentOf(d)),
});

/** The message as the group is given it: as JSON, or already read when it can be. */
const messageOf = (d: Drawn): ValidatedDocumentMessage =>
  d.read && d.form !== 'malformed' ? { messageId: `m${d.messageId}`, parsed: documentOf(d) } : wireMessageOf(d);

const drawn: fc.Arbitrary<Drawn> = fc.record({
  messageId: fc.integer({ min: 0, max: 9 }),
  account: fc.constantFrom<'A1' | 'A2'>('A1', 'A2'),
  n: fc.integer({ min: 1, max: 5 }),
  form: fc.constantFrom<Drawn['form']>('first', 'first', 'changed', 'refused', 'malformed'),
  read: fc.boolean(),
});

const moduleWithA1Launched = async (): Promise<InMemoryModule> => {
  const m = new InMemoryModule();
  m.addCompany(aCompanyProfile({ realmId: REALM }));
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  return m;
};

/** What the stores hold, without the ids the two modules draw in another order (job ids, error record ids). */
const stateOf = async (m: InMemoryModule, messages: readonly ValidatedDocumentMessage[]) => {
  const documents = [];
  for (const account of ['A1', 'A2'])
    for (let n = 1; n <= 5; n += 1) documents.push((await m.documents.get(account, `D${n}`))._unsafeUnwrap());
  const errors = [];
  for (const account of ['A1', 'A2'])
    for (let n = 1; n <= 5; n += 1)
      errors.push(
        ...(await m.errorStore.forDocument(account, `D${n}`))
          ._unsafeUnwrap()
          .map((r) => ({ documentId: r.documentId, cause: r.cause, state: r.state })),
      );
  const jobs = m.queue
    .jobs()
    .map((j) => JSON.stringify([j.accountId, j.documentId, j.reason, j.after ?? null]))
    .sort();
  const remembered = [...(await m.processed.knownAmong(messages.map((x) => x.messageId)))._unsafeUnwrap()].sort();
  return { documents, errors, jobs, remembered };
};

const errStore = (detail: string) => errAsync<never, StoreError>({ kind: 'store.unavailable', detail });

describe('ReceiveValidatedDocuments', () => {
  it('a group gives each message the result it has alone, one after another, and leaves the stores in the same state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(drawn, { maxLength: 4 }), fc.array(drawn, { minLength: 2, maxLength: 12 }), async (before, group) => {
        const grouped = await moduleWithA1Launched();
        const oracle = await moduleWithA1Launched();
        for (const m of [grouped, oracle]) for (const d of before) await m.receiveValidatedDocument.run(wireMessageOf(d));
        const messages = group.map(messageOf);

        const results = await new ReceiveValidatedDocuments(grouped).run(messages);
        const alone = [];
        for (const d of group) alone.push(await oracle.receiveValidatedDocument.run(wireMessageOf(d)));

        expect(results).toEqual(alone);
        expect(await stateOf(grouped, messages)).toEqual(await stateOf(oracle, messages));
      }),
    );
  });

  it('shares the reads and writes of a group: one look-up of the message ids, one read of the settings and records, one write', async () => {
    const m = await moduleWithA1Launched();
    const calls: string[] = [];
    const spy = <T extends object>(name: string, port: T): T =>
      new Proxy(port, {
        get: (target, key, receiver) => {
          const value = Reflect.get(target, key, receiver) as unknown;
          return typeof value === 'function'
            ? (...args: unknown[]) => (calls.push(`${name}.${String(key)}`), (value as (...a: unknown[]) => unknown).apply(target, args))
            : value;
        },
      });
    const receive = new ReceiveValidatedDocuments({
      ...m,
      processed: spy('processed', m.processed),
      documents: spy('documents', m.documents),
      records: spy('records', m.records),
      settings: spy('settings', m.settings),
      queue: spy('queue', m.queue),
      receipts: spy('receipts', m.receipts),
      journal: m.journal,
      clock: m.clock,
      ids: m.ids,
    });
    const results = await receive.run(
      Array.from({ length: 20 }, (_, i) => messageOf({ messageId: i, account: 'A1', n: i + 1, form: 'first', read: true })),
    );
    expect(results.map((r) => r._unsafeUnwrap().kind)).toEqual(Array.from({ length: 20 }, () => 'queued'));
    // The documents, their jobs and their messages in one write (the receipts' own calls are theirs).
    expect(calls).toEqual(['processed.knownAmong', 'settings.get', 'records.getMany', 'receipts.recordAll']);
  });

  it('runs each message alone when the group fails as a whole: a store refusing one write fails that message only', async () => {
    const m = await moduleWithA1Launched();
    const refused = new Set(['D3']);
    const documents = Object.assign(Object.create(m.documents) as typeof m.documents, {
      recordAll: (docs: readonly OgustineDocument[], at: number) =>
        docs.some((d) => refused.has(d.id)) ? errStore('row too long') : m.documents.recordAll(docs, at),
      record: (doc: OgustineDocument, at: number) => (refused.has(doc.id) ? errStore('row too long') : m.documents.record(doc, at)),
    });
    const failing = { ...m, documents, receipts: new ReceiptsInTurn(documents, m.queue, m.processed) };
    const results = await new ReceiveValidatedDocuments(failing).run(
      [1, 2, 3, 4].map((n) => messageOf({ messageId: n, account: 'A1', n, form: 'first', read: n % 2 === 0 })),
    );
    expect(results.map((r) => (r.isOk() ? r.value.kind : r.error.kind))).toEqual(['queued', 'queued', 'store.unavailable', 'queued']);
    expect(m.queue.jobs().map((j) => j.documentId)).toEqual(['D1', 'D2', 'D4']);
  });
});
