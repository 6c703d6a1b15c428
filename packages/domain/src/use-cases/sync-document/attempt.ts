import type { OgustineDocument } from '../../documents/document.js';
import type { CorrectedInvoice } from '../../policy/corrected-invoice.js';
import type { SyncJob } from '../../ports/sync-queue.js';

/** One run of a sync job: the job, its document, and how many times the queue handed the job out before. */
export interface Attempt {
  readonly job: SyncJob;
  readonly doc: OgustineDocument;
  /** Quiet retries are counted on it (`failureHandling`). */
  readonly deliveries: number;
  /** For a credit note, where the invoice it corrects stands (named in its memo, applied to when in QBO). */
  readonly correctedInvoice: CorrectedInvoice;
  /** The account's « Joindre le PDF Ogustine » as the attempt began (`attachesPdf`). */
  readonly attachPdf: boolean;
}
