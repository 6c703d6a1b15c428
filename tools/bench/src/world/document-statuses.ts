import { randomUUID } from 'node:crypto';
import { SqlDocumentStore, SqlErrorHistoryStore, SqlSettingsStore, SqlSyncRecordStore } from '@ogustine-qbo/adapters/sql';
import { ErrorJournal, GetDocumentSyncStatus, type Clock, type DocumentSyncState } from '@ogustine-qbo/domain';
import type { ModuleSide } from './module-side.js';

/** What the office manager can see of a document that is not in QBO: an outcome they can act on. */
const VISIBLE: ReadonlySet<DocumentSyncState['kind']> = new Set(['status.failed', 'status.refused', 'status.held', 'status.blocked']);

export interface Tally {
  /** Documents whose transaction is in QBO (read from the sandbox, not from the module). */
  readonly inQbo: number;
  /** Not in QBO, and shown as failed, refused, held or blocked (with its reason). */
  readonly visible: number;
  /** Neither: still sending, checking, waiting, or said sent while QBO does not hold it. */
  readonly unsettled: readonly { readonly documentId: string; readonly status: DocumentSyncState['kind'] | 'unknown' }[];
}

/**
 * Each document's answer to "is it in QuickBooks, and if not, why?" as the module gives it to the
 * user (`GetDocumentSyncStatus` on the run's database), against what QBO really holds.
 */
export const documentStatuses = (module: ModuleSide, clock: Clock) => {
  const database = module.database;
  const status = new GetDocumentSyncStatus({
    documents: new SqlDocumentStore(database),
    records: new SqlSyncRecordStore(database),
    settings: new SqlSettingsStore(database),
    journal: new ErrorJournal(new SqlErrorHistoryStore(database), { next: () => randomUUID() }, clock),
    clock,
  });
  return async (accountId: string, documents: readonly { id: string; inQbo: boolean }[]): Promise<Tally> => {
    let inQbo = 0;
    let visible = 0;
    const unsettled: { documentId: string; status: DocumentSyncState['kind'] | 'unknown' }[] = [];
    for (const d of documents) {
      if (d.inQbo) {
        inQbo += 1;
        continue;
      }
      const answer = await status.run(accountId, d.id);
      const kind = answer.isOk() ? answer.value.kind : 'unknown';
      if (kind !== 'unknown' && VISIBLE.has(kind)) visible += 1;
      else unsettled.push({ documentId: d.id, status: kind });
    }
    return { inQbo, visible, unsettled };
  };
};
