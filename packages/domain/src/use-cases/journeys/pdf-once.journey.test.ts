import { describe, expect, it } from 'vitest';
import { SyncDocument } from '../sync-document.js';
import { invoice, launchedModule as launched, receive } from '../../testing/builders/journey-fixtures.js';

describe('never the same PDF twice', () => {
  it('a first upload costs no look-up among the attachables', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1));
    await m.drain();
    const [sent] = qbo.allTransactions();
    expect(qbo.attachmentsOf(sent?.qboId ?? '')).toHaveLength(1);
    expect(qbo.attachmentLookUps).toBe(0);
  });

  it('an upload whose answer was lost is found among the attachables by the next attempt, in another process, and not sent again', async () => {
    const { m, qbo } = await launched();
    qbo.loseNextUploadAnswer();
    await receive(m, invoice(1));
    const [job] = m.queue.jobs();
    if (job === undefined) throw new Error('one job queued');
    const first = (await m.syncDocument.run(job))._unsafeUnwrap();
    expect(first.kind).not.toBe('synced');
    const [sent] = qbo.allTransactions();
    expect(qbo.attachmentsOf(sent?.qboId ?? '')).toHaveLength(1);

    // Another worker (nothing kept in memory but the stores) runs the job again.
    const otherProcess = new SyncDocument(m);
    const second = (await otherProcess.run(job, 1))._unsafeUnwrap();

    expect(second.kind).toBe('synced');
    expect(qbo.attachmentsOf(sent?.qboId ?? '')).toHaveLength(1);
    expect(qbo.attachmentLookUps).toBe(1);
  });
});
