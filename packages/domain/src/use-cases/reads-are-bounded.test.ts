import type { ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { toDocumentWire } from '../documents/document-wire.js';
import type { OgustineDocument } from '../documents/document.js';
import { PAGE_SIZE } from '../ports/page.js';
import { aCompanyProfile } from '../testing/builders/company-profile.js';
import { aDocument, aLine } from '../testing/builders/document.js';
import { InMemoryModule } from '../testing/fakes/in-memory-module.js';
import { SWEEP_GRACE_MS } from './sweep-stalled-work.js';

const REALM = '9130350000000009';
/** Many more documents than a page, so a whole-account read on a path shows at once. */
const N = 300;
/** Rows a use case may read for each document it handles (the document, its record, its errors, its run, the settings…). */
const PER_DOCUMENT = 12;
/** Rows a use case that handles no particular document may read besides one page. */
const BESIDES_A_PAGE = 10;

const DAY = 86_400_000;
const doc = (n: number): OgustineDocument => {
  const createdAt = Date.UTC(2024, 0, 1, 9) + n * 3_600_000;
  return aDocument({
    id: `D${n}`,
    number: `2024-${String(n).padStart(5, '0')}`,
    customer: { ...aDocument().customer, id: `C${n % 40}`, name: `Client ${n % 40}` },
    // Every 10th has a discount: refused once the company turns discounts off, so the history fills up.
    lines: [n % 10 === 0 ? aLine({ discount: { kind: 'amount', amount: 100 } }) : aLine()],
    createdAt,
    validatedAt: createdAt + DAY,
  });
};

/** Runs `act` (it must succeed) and returns the rows the stores handed back meanwhile, and the most one call returned. */
const reads = async (
  m: InMemoryModule,
  act: () => ResultAsync<unknown, unknown> | Promise<readonly unknown[]>,
): Promise<{ total: number; largest: number }> => {
  m.rows.reset();
  const result = await act();
  if ('isErr' in result && result.isErr()) throw new Error(`the use case failed: ${JSON.stringify(result.error)}`);
  return { total: m.rows.total, largest: m.rows.largest.rows };
};

describe(`reads are bounded: with ${N} documents in an account, no use case reads a whole account`, () => {
  it('each use case reads at most one page, or a constant number of rows per document it handles', async () => {
    const m = new InMemoryModule();
    m.clock.set(Date.UTC(2024, 5, 1, 8));
    const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
    const receipts: number[] = [];
    for (let n = 1; n <= N; n += 1) {
      const r = await reads(m, () => m.receiveValidatedDocument.run({ messageId: `msg-${n}`, document: toDocumentWire(doc(n)) }));
      receipts.push(r.total);
    }
    expect(Math.max(...receipts), 'receiving one document').toBeLessThanOrEqual(PER_DOCUMENT);

    // A worker started before the launch looks back a day: every document is undecided there (no job,
    // no record), read and decided a page at a time, not document by document.
    m.clock.advance(SWEEP_GRACE_MS + 1);
    const early = await reads(m, () => m.sweepStalledWork.run(0));
    expect(early.total, 'the sweep of a day of undecided documents').toBeLessThanOrEqual(N + BESIDES_A_PAGE * Math.ceil(N / PAGE_SIZE));

    await m.connect('A1', REALM);
    const check = await reads(m, () => m.checkPrerequisites.run('A1'));
    expect(check.largest, 'the check reads a page at a time').toBeLessThanOrEqual(PAGE_SIZE);
    expect(check.total, 'the check reads each document once').toBeLessThanOrEqual(PER_DOCUMENT * N);

    const preview = await reads(m, () => m.previewInitialSync.run('A1'));
    expect(preview.total, 'the preview: one page and its figures').toBeLessThanOrEqual(PAGE_SIZE + BESIDES_A_PAGE);

    const launch = await reads(m, () => m.launchInitialSync.run('A1'));
    expect(launch.largest, 'the launch reads a page at a time').toBeLessThanOrEqual(PAGE_SIZE);
    expect(launch.total, 'the launch').toBeLessThanOrEqual(PER_DOCUMENT * N);

    // A worker started now looks back a day: every document there has its job, none is read one by one.
    m.clock.advance(SWEEP_GRACE_MS + 1);
    const sweep = await reads(m, () => m.sweepStalledWork.run(0));
    expect(sweep.total, 'the sweep of a day of documents, all queued').toBeLessThanOrEqual(BESIDES_A_PAGE);

    qbo.updateProfile((p) => ({ ...p, discountsAllowed: false }));
    const sync = await reads(m, () => m.drain(10 * N));
    expect(qbo.allTransactions(), 'the documents without a discount are sent').toHaveLength(N - N / 10);
    expect(sync.largest, 'a sync job').toBeLessThanOrEqual(PAGE_SIZE);
    expect(sync.total, 'the initial sync, document by document').toBeLessThanOrEqual(PER_DOCUMENT * N);
    expect((await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync).toMatchObject({
      kind: 'done',
      progress: { total: N, done: N - N / 10, failed: N / 10 },
    });

    const history = await reads(m, () => m.listErrorHistory.run('A1'));
    expect(history.total, 'the error history: one page and its groups').toBeLessThanOrEqual(PAGE_SIZE + BESIDES_A_PAGE);
    const screen = (await m.listErrorHistory.run('A1'))._unsafeUnwrap();
    expect(screen.entries).toHaveLength(PAGE_SIZE > N / 10 ? N / 10 : PAGE_SIZE);
    expect(screen.openGroups.map((g) => [g.key, g.count])).toEqual([['discounts-disabled', N / 10]]);

    const status = await reads(m, () => m.getDocumentSyncStatus.run('A1', 'D10'));
    expect(status.total, 'the status of one document').toBeLessThanOrEqual(PER_DOCUMENT);

    qbo.updateProfile((p) => ({ ...p, discountsAllowed: true }));
    const resync = await reads(m, () => m.resyncMany.run('A1', { kind: 'all-open' }));
    expect(resync.largest, 'relaunch all reads a page at a time').toBeLessThanOrEqual(PAGE_SIZE);
    expect(resync.total, 'relaunch all').toBeLessThanOrEqual(PER_DOCUMENT * (N / 10));
    await m.drain(10 * N);
    expect(qbo.allTransactions()).toHaveLength(N);

    const reschedule = await reads(m, () => m.rescheduleSync.run('A1', '2024-01-01'));
    expect(reschedule.largest, 'the catch-up reads a page at a time').toBeLessThanOrEqual(PAGE_SIZE);
    expect(reschedule.total, 'the catch-up (nothing left to send)').toBeLessThanOrEqual(BESIDES_A_PAGE);
  });
});
