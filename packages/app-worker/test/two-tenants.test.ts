import { MAX_JOBS_PER_LEASE, toDocumentWire, type OgustineDocument, type SyncProgressEvent } from '@ogustine-qbo/domain';
import { aCompanyProfile, aDocument, InMemoryModule } from '@ogustine-qbo/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { JobLoop } from '../src/jobs/job-loop.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import { eventually } from './buses.js';

const BACKLOG = 2_000;

const doc = (accountId: string, n: number, createdAt: number): OgustineDocument =>
  aDocument({ id: `${accountId}-D${n}`, accountId, number: `${accountId}-${n}`, createdAt, validatedAt: createdAt + 60_000 });

let loop: JobLoop | undefined;
afterEach(async () => {
  await loop?.stop();
  loop = undefined;
});

describe('two tenants on one worker', () => {
  it(`a new invoice of one tenant reaches QuickBooks before another tenant's ${BACKLOG}-document initial sync is done`, async () => {
    const m = new InMemoryModule();
    const big = m.addCompany(aCompanyProfile({ realmId: 'R-BIG' }));
    const small = m.addCompany(aCompanyProfile({ realmId: 'R-SMALL' }));
    // The big tenant's history, then its initial sync launched: BACKLOG jobs queued.
    for (let n = 1; n <= BACKLOG; n += 1) {
      const d = doc('BIG', n, Date.UTC(2024, 4, 1) + n * 60_000);
      (await m.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) }))._unsafeUnwrap();
    }
    await m.connect('BIG', 'R-BIG');
    expect((await m.launchInitialSync.run('BIG'))._unsafeUnwrap().queued).toBe(BACKLOG);
    await m.connect('SMALL', 'R-SMALL');
    (await m.launchInitialSync.run('SMALL'))._unsafeUnwrap();

    const sent: string[] = [];
    const onSent = (e: SyncProgressEvent) => {
      if (e.kind === 'progress.document' && e.status === 'sent') sent.push(e.documentId);
    };
    m.progress.subscribe('BIG', onSent);
    m.progress.subscribe('SMALL', onSent);
    loop = new JobLoop({
      source: m.queue,
      // The fakes answer at once; a real job waits on QBO: each job yields to the event loop as I/O would.
      sync: { run: (jobs) => new Promise<void>((resolve) => setImmediate(resolve)).then(() => m.syncBatch.run(jobs)) },
      clock: m.clock,
      log: createLogger({ level: 'silent' }),
      metrics: createMetrics({ defaultMetrics: false }),
      holder: 'worker',
      lanes: 1,
      idleLookMs: 20,
    });
    loop.start();
    await eventually(() => sent.length > 0, 'the backlog under way');
    const fresh = doc('SMALL', 1, Date.UTC(2024, 5, 1, 7));
    const sentAtReceipt = sent.length;
    const received = (await m.receiveValidatedDocument.run({ messageId: 'msg-small', document: toDocumentWire(fresh) }))._unsafeUnwrap();
    expect(received.kind).toBe('queued');
    loop.wake();
    await eventually(() => sent.includes(fresh.id), "the small tenant's invoice sent", 60_000);
    const backlogSentBefore = sent.indexOf(fresh.id);
    await eventually(() => sent.length === BACKLOG + 1, 'the backlog done', 110_000);
    // One lane, realms served in turn: the small tenant waited for the rest of the big one's current batch at most.
    expect(backlogSentBefore).toBeLessThan(BACKLOG);
    expect(backlogSentBefore - sentAtReceipt).toBeLessThanOrEqual(MAX_JOBS_PER_LEASE);
    expect(small.allTransactions()).toHaveLength(1);
    expect(big.allTransactions()).toHaveLength(BACKLOG);
  }, 120_000);
});
