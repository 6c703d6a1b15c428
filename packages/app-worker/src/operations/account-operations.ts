import {
  DisconnectQuickBooks,
  ResyncDocument,
  ResyncMany,
  type AccountId,
  type DocumentId,
  type ErrorJournal,
  type Clock,
  type Ids,
} from '@ogustine-qbo/domain';
import type { Infrastructure } from '../composition/infrastructure.js';
import type { OperationsPorts } from './operations-ports.js';

const iso = (at: number): string => new Date(at).toISOString();

/**
 * The operator's commands on one account or document, as lines to print. Each reads by key or a
 * bounded page; each change goes through the use case a user's click would run.
 */
export class AccountOperations {
  private readonly resync: ResyncDocument;
  private readonly disconnect: DisconnectQuickBooks;

  constructor(
    private readonly infra: Pick<Infrastructure, 'stores' | 'queue' | 'gateway'>,
    private readonly ops: OperationsPorts,
    journal: ErrorJournal,
    private readonly clock: Clock,
    ids: Ids,
  ) {
    const { stores, queue, gateway } = infra;
    this.resync = new ResyncDocument(new ResyncMany({ ...stores, errorStore: stores.errorHistory, queue, gateway, journal, clock, ids }));
    this.disconnect = new DisconnectQuickBooks({ ...ops, settings: stores.settings });
  }

  /** A document's whole story: its snapshot, its sync record, its error history, its jobs (dead included). */
  async history(accountId: AccountId, documentId: DocumentId): Promise<readonly string[] | string> {
    const { stores } = this.infra;
    const doc = await stores.documents.get(accountId, documentId);
    if (doc.isErr()) return doc.error.detail;
    if (doc.value === null) return `unknown document ${documentId} of account ${accountId}`;
    const d = doc.value;
    const lines = [
      `document\t${d.kind} ${d.number}\tcreated ${iso(d.createdAt)}\tvalidated ${iso(d.validatedAt)}\tgross ${d.totals.gross} cents`,
    ];
    const record = await stores.records.get(accountId, documentId);
    if (record.isErr()) return record.error.detail;
    const r = record.value;
    lines.push(
      r === null
        ? 'sync record\tnone (never tried)'
        : `sync record\t${r.docNumber}\t${r.state.kind}\tgeneration ${r.generation}\trealm ${r.realmId}`,
    );
    const errors = await stores.errorHistory.forDocument(accountId, documentId);
    if (errors.isErr()) return errors.error.detail;
    for (const e of errors.value)
      lines.push(`error\t#${e.attempt} ${iso(e.occurredAt)}\t${e.state}${e.handled === true ? ' (handled)' : ''}\t${e.cause.kind}`);
    if (errors.value.length === 0) lines.push('errors\tnone');
    const jobs = await this.ops.sql.jobsOf(accountId, documentId, this.clock.now());
    if (jobs.isErr()) return jobs.error.detail;
    for (const j of jobs.value)
      lines.push(
        `job\t${j.jobId}\t${j.reason}\t${j.state}\t${iso(j.at)}\t${j.deliveries} deliveries${j.deadReason === undefined ? '' : `\t${j.deadReason}`}`,
      );
    if (jobs.value.length === 0) lines.push('jobs\tnone');
    return lines;
  }

  async deadJobs(accountId?: AccountId): Promise<readonly string[] | string> {
    const jobs = await this.ops.sql.deadJobs(accountId);
    if (jobs.isErr()) return jobs.error.detail;
    return [
      ...jobs.value.map((j) => `${j.jobId}\t${j.accountId}\t${j.documentId}\t${j.reason}\t${iso(j.at)}\t${j.deadReason ?? ''}`),
      `${jobs.value.length} dead job(s)`,
    ];
  }

  async replayJobs(jobIds: readonly string[]): Promise<readonly string[] | string> {
    const replayed = await this.ops.sql.replayDeadJobs(jobIds);
    if (replayed.isErr()) return replayed.error.detail;
    return [`${replayed.value} dead job(s) queued again`];
  }

  async resyncDocument(accountId: AccountId, documentId: DocumentId): Promise<readonly string[] | string> {
    const done = await this.resync.run(accountId, documentId);
    if (done.isErr())
      return done.error.kind === 'resync.not-connected' ? `account ${accountId} is not connected to QuickBooks` : done.error.kind;
    const { queued, skipped, deletedInQuickBooks } = done.value;
    return [
      queued.length > 0
        ? `queued ${documentId}${deletedInQuickBooks.length > 0 ? ' (deleted in QuickBooks: sent again)' : ''}`
        : `nothing to do for ${documentId}${skipped.length > 0 ? ': already in QuickBooks, or unknown to this account' : ''}`,
    ];
  }

  /** Disconnects (revoke at Intuit, forget the tokens), then erases the personal data the module keeps. */
  async erase(accountId: AccountId): Promise<readonly string[] | string> {
    const disconnected = await this.disconnect.run(accountId);
    let revoked = 'no connection';
    if (disconnected.isOk())
      revoked = disconnected.value.revokedAtIntuit
        ? 'tokens revoked at Intuit and forgotten'
        : 'tokens forgotten (Intuit could not be reached: they expire on their own)';
    else if (disconnected.error.kind !== 'use-case.state-refused') return disconnected.error.detail;
    const erased = await this.ops.sql.eraseAccountData(accountId);
    if (erased.isErr()) return erased.error.detail;
    const e = erased.value;
    return [
      revoked,
      `${e.documentsRedacted} document copies without their customer's personal data (amounts, numbers, dates, lines and VAT kept)`,
      `${e.customerMappings} customer mappings, ${e.unfinishedJobs} unfinished jobs, ${e.authorizationStates} pending authorisations removed`,
    ];
  }
}
