import type { AccountId } from '../../documents/document.js';
import type { CompanyProfile } from '../../qbo/company-profile.js';
import { CheckPrerequisites } from '../../use-cases/check-prerequisites.js';
import type { Result } from 'neverthrow';
import { ConnectQuickBooks, type ConnectError, type ConnectedCompany } from '../../use-cases/connect-quickbooks.js';
import { ChooseTaxCodes } from '../../use-cases/choose-tax-codes.js';
import { ChoosePdfAttachment } from '../../use-cases/choose-pdf-attachment.js';
import { DisconnectQuickBooks } from '../../use-cases/disconnect-quickbooks.js';
import { ErrorJournal } from '../../use-cases/error-journal.js';
import { GetDocumentSyncStatus } from '../../use-cases/get-document-sync-status.js';
import { LaunchInitialSync } from '../../use-cases/launch-initial-sync.js';
import { ImportBillingHistory } from '../../use-cases/import-billing-history.js';
import { anEmptyHistoryImport } from '../builders/history-import.js';
import { InMemoryBillingCore } from './in-memory-billing-core.js';
import { InMemoryHistoryImportStore } from './in-memory-history-import-store.js';
import { MarkErrorHandled } from '../../use-cases/mark-error-handled.js';
import { ListErrorHistory } from '../../use-cases/list-error-history.js';
import { PreviewInitialSync } from '../../use-cases/preview-initial-sync.js';
import { ReceiveValidatedDocument } from '../../use-cases/receive-validated-document.js';
import { ReceiveValidatedDocuments } from '../../use-cases/receive-validated-documents.js';
import { ReceiptsInTurn } from '../../use-cases/receipts-in-turn.js';
import { RescheduleSync } from '../../use-cases/reschedule-sync.js';
import { ResumeAutomaticSync } from '../../use-cases/resume-automatic-sync.js';
import { ResyncDocument } from '../../use-cases/resync-document.js';
import { ResyncMany } from '../../use-cases/resync-many.js';
import { SyncDocument } from '../../use-cases/sync-document.js';
import { SyncBatch } from '../../use-cases/sync-batch.js';
import type { SyncDocumentOutcome } from '../../sync/sync-outcome.js';
import { jobDisposition } from '../../policy/job-disposition.js';
import { ManualClock } from './clocks.js';
import { FakeAccountingAuthorization } from './fake-accounting-authorization.js';
import { InMemoryAccounting } from './in-memory-accounting.js';
import { InMemoryAccountingGateway } from './in-memory-accounting-gateway.js';
import { InMemoryAuthorizationStates } from './in-memory-authorization-states.js';
import { InMemoryConnectionStore } from './in-memory-connection-store.js';
import { InMemoryCompanyProfileCache } from './in-memory-company-profile-cache.js';
import { InMemoryDocumentFiles } from './in-memory-document-files.js';
import { InMemoryDocumentStore } from './in-memory-document-store.js';
import { InMemoryErrorHistoryStore } from './in-memory-error-history-store.js';
import { InMemoryMappingStore } from './in-memory-mapping-store.js';
import { InMemoryProcessedMessages } from './in-memory-processed-messages.js';
import { InMemoryProgressFeed } from './in-memory-progress-feed.js';
import { InMemorySettingsStore } from './in-memory-settings-store.js';
import { InMemoryRunStore } from './in-memory-run-store.js';
import { RowMeter } from './row-meter.js';
import { InMemorySyncQueue } from './in-memory-sync-queue.js';
import { InMemorySyncRecordStore } from './in-memory-sync-record-store.js';
import { SequentialIds } from './sequential-ids.js';
import { InMemoryStalledWork } from './in-memory-stalled-work.js';
import { SweepStalledWork } from '../../use-cases/sweep-stalled-work.js';

/** The fake worker's lease holder id. */
const WORKER = 'in-memory-worker';

/**
 * The whole module wired on fakes, as an app's composition root would wire it on adapters: every
 * use case, the stores, one or more fake QBO companies, and `drain()`, the worker loop. For
 * end-to-end tests of the journeys in memory.
 */
export class InMemoryModule {
  readonly clock = new ManualClock(Date.UTC(2024, 5, 1, 8, 0));
  readonly ids = new SequentialIds('id');
  /** Rows handed back by the stores, for tests that bound what a use case reads. */
  readonly rows = new RowMeter();
  readonly documents = new InMemoryDocumentStore(this.rows);
  readonly processed = new InMemoryProcessedMessages();
  readonly mappings = new InMemoryMappingStore();
  readonly records = new InMemorySyncRecordStore(this.rows);
  readonly errorStore = new InMemoryErrorHistoryStore(this.rows);
  readonly connections = new InMemoryConnectionStore();
  readonly states = new InMemoryAuthorizationStates();
  readonly settings = new InMemorySettingsStore(this.rows);
  readonly runs = new InMemoryRunStore(this.rows);
  readonly queue = new InMemorySyncQueue();
  /** A group's receipt written store after store (the SQL adapter writes it in one transaction). */
  readonly receipts = new ReceiptsInTurn(this.documents, this.queue, this.processed);
  readonly files = new InMemoryDocumentFiles((accountId, documentId) => this.documents.has(accountId, documentId));
  readonly progress = new InMemoryProgressFeed();
  readonly profiles = new InMemoryCompanyProfileCache();
  readonly authorization = new FakeAccountingAuthorization(this.connections, this.clock, this.ids);
  readonly gateway = new InMemoryAccountingGateway(this.connections, this.authorization);
  readonly journal = new ErrorJournal(this.errorStore, this.ids, this.clock);
  /** Ogustine's billing core: add the account and its history before importing it. */
  readonly billingCore = new InMemoryBillingCore();
  readonly historyImports = new InMemoryHistoryImportStore();

  readonly checkPrerequisites = new CheckPrerequisites(this);
  readonly connectQuickBooks = new ConnectQuickBooks({ ...this.ports(), checkPrerequisites: this.checkPrerequisites });
  readonly disconnectQuickBooks = new DisconnectQuickBooks(this);
  readonly previewInitialSync = new PreviewInitialSync(this);
  readonly launchInitialSync = new LaunchInitialSync(this);
  readonly importBillingHistory = new ImportBillingHistory(this);
  readonly receiveValidatedDocument = new ReceiveValidatedDocument(this);
  /** What the worker runs on a group of events. */
  readonly receiveValidatedDocuments = new ReceiveValidatedDocuments(this);
  readonly syncDocument = new SyncDocument(this);
  /** What the worker runs on each lease: `drain` uses it too. */
  readonly syncBatch = new SyncBatch(this, this.syncDocument);
  readonly rescheduleSync = new RescheduleSync(this);
  readonly chooseTaxCodes = new ChooseTaxCodes(this);
  readonly choosePdfAttachment = new ChoosePdfAttachment(this);
  readonly resumeAutomaticSync = new ResumeAutomaticSync(this);
  readonly listErrorHistory = new ListErrorHistory(this.errorStore);
  readonly markErrorHandled = new MarkErrorHandled(this.journal);
  readonly resyncMany = new ResyncMany(this);
  readonly resyncDocument = new ResyncDocument(this.resyncMany);
  readonly getDocumentSyncStatus = new GetDocumentSyncStatus(this);
  /** The sweep's reads over the fakes, and the sweep (work left between two steps, carried on). */
  readonly stalled = new InMemoryStalledWork(this.documents, this.queue, this.runs, this.records);
  readonly sweepStalledWork = new SweepStalledWork({ ...this.sweepPorts(), launch: this.launchInitialSync });

  private sweepPorts() {
    const { records, settings, queue, journal, ids, stalled, documents, runs, clock } = this;
    return { records, settings, queue, journal, ids, stalled, documents, runs, clock };
  }

  /** Adds a QBO company the tests can connect to. */
  addCompany(profile: CompanyProfile): InMemoryAccounting {
    return this.gateway.add(new InMemoryAccounting(profile));
  }

  /**
   * The user authorises `realmId` at Intuit for `accountId`, and the module handles the callback;
   * then the account's history import is recorded as the worker's first look would find it
   * (`afterConnecting`).
   * @param history `to-import`: the test imports the history itself, from another billing core
   */
  async connect(accountId: AccountId, realmId: string, history?: 'to-import'): Promise<void> {
    (await this.tryConnect(accountId, realmId, history))._unsafeUnwrap();
  }

  /** As `connect`, answering with what the callback answered (a refusal included). */
  async tryConnect(accountId: AccountId, realmId: string, history?: 'to-import'): Promise<Result<ConnectedCompany, ConnectError>> {
    const url = (await this.connectQuickBooks.start(accountId))._unsafeUnwrap();
    // The authorization URL's `state` parameter (no `URL` global in the pure domain).
    const state = decodeURIComponent(/[?&]state=([^&#]*)/.exec(url)?.[1] ?? '');
    const code = `code-${this.ids.next()}`;
    this.authorization.grantCode(code, realmId);
    const connected = await this.connectQuickBooks.run({ code, state, realmId });
    if (connected.isOk() && history !== 'to-import') await this.afterConnecting(accountId);
    return connected;
  }

  /**
   * What the worker's first look at a newly connected account's history finds, for an account with
   * no history in Ogustine: its import done, with nothing in it (the launch waits for the import).
   * Nothing is recorded for an account given to `billingCore` (its test imports the history with
   * `importBillingHistory`) or whose import is already recorded.
   */
  async afterConnecting(accountId: AccountId): Promise<void> {
    if (this.billingCore.knows(accountId) || (await this.historyImports.get(accountId))._unsafeUnwrap() !== null) return;
    (await this.historyImports.save(anEmptyHistoryImport(accountId, this.clock.now())))._unsafeUnwrap();
  }

  /**
   * The worker: leases the next realm's due jobs, runs them together (`SyncBatch`, as the worker) and does what `jobDisposition`
   * says with each, then releases the realm; moves the clock to the next due time when nothing is
   * due. At most `maxJobs` runs. Returns each outcome in order.
   */
  async drain(maxJobs = 500): Promise<readonly SyncDocumentOutcome[]> {
    const outcomes: SyncDocumentOutcome[] = [];
    let runs = 0;
    while (runs < maxJobs) {
      const lease = (await this.queue.take(WORKER, this.clock.now()))._unsafeUnwrap();
      if (lease === null) {
        const next = (await this.queue.nextDueAt())._unsafeUnwrap();
        // Due now and still nothing to take cannot happen with this queue; stopping beats spinning.
        if (next === null || next <= this.clock.now()) return outcomes;
        this.clock.set(next);
        continue;
      }
      const jobs = lease.jobs.slice(0, maxJobs - runs);
      runs += jobs.length;
      const results = await this.syncBatch.run(jobs);
      for (const [i, leased] of jobs.entries()) {
        const result = results[i] as (typeof results)[number];
        if (result.isOk()) outcomes.push(result.value);
        const disposition = jobDisposition(result, this.clock.now());
        switch (disposition.kind) {
          case 'complete':
            await this.queue.complete(lease, leased.job.jobId);
            break;
          case 'retry-at':
            await this.queue.retryLater(lease, leased.job.jobId, disposition.at);
            break;
          case 'dead-letter':
            await this.queue.deadLetter(lease, leased.job.jobId, disposition.reason);
            break;
        }
      }
      await this.queue.release(lease);
    }
    return outcomes;
  }

  private ports(): ConstructorParameters<typeof ConnectQuickBooks>[0] extends infer P ? Omit<P, 'checkPrerequisites'> : never {
    return this;
  }
}
