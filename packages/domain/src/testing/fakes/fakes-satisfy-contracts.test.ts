import { describe, it } from 'vitest';
import type { ContractCase } from '../contracts/contract-case.js';
import { errorHistoryStoreContract } from '../contracts/error-history-store-contract.js';
import { settingsStoreContract } from '../contracts/settings-store-contract.js';
import { historyImportStoreContract } from '../contracts/history-import-store-contract.js';
import { InMemoryHistoryImportStore } from './in-memory-history-import-store.js';
import { InMemoryErrorHistoryStore } from './in-memory-error-history-store.js';
import { InMemorySettingsStore } from './in-memory-settings-store.js';
import { InMemoryRunStore } from './in-memory-run-store.js';
import { runStoreContract } from '../contracts/run-store-contract.js';
import { stalledWorkSourceContract } from '../contracts/stalled-work-source-contract.js';
import { InMemoryStalledWork } from './in-memory-stalled-work.js';
import { documentFilesContract } from '../contracts/document-files-contract.js';
import { progressFeedContract } from '../contracts/progress-feed-contract.js';
import { InMemoryDocumentFiles } from './in-memory-document-files.js';
import { InMemoryProgressFeed } from './in-memory-progress-feed.js';
import { accountingContract } from '../contracts/accounting-contract.js';
import { aCompanyProfile } from '../builders/company-profile.js';
import { InMemoryAccounting } from './in-memory-accounting.js';
import { authorizationStatesContract } from '../contracts/authorization-states-contract.js';
import { clockContract, idsContract } from '../contracts/clock-and-ids-contract.js';
import { connectionStoreContract } from '../contracts/connection-store-contract.js';
import { documentStoreContract } from '../contracts/document-store-contract.js';
import { mappingStoreContract } from '../contracts/mapping-store-contract.js';
import { processedMessagesContract } from '../contracts/processed-messages-contract.js';
import { syncQueueContract } from '../contracts/sync-queue-contract.js';
import { syncQueueTakeMoreContract } from '../contracts/sync-queue-take-more-contract.js';
import { syncRecordStoreContract } from '../contracts/sync-record-store-contract.js';
import { FixedClock, ManualClock } from './clocks.js';
import { InMemoryAuthorizationStates } from './in-memory-authorization-states.js';
import { InMemoryConnectionStore } from './in-memory-connection-store.js';
import { InMemoryDocumentStore } from './in-memory-document-store.js';
import { InMemoryMappingStore } from './in-memory-mapping-store.js';
import { InMemoryProcessedMessages } from './in-memory-processed-messages.js';
import { InMemorySyncQueue } from './in-memory-sync-queue.js';
import { InMemorySyncRecordStore } from './in-memory-sync-record-store.js';
import { SequentialIds } from './sequential-ids.js';
import { companyProfileCacheContract } from '../contracts/company-profile-cache-contract.js';
import { InMemoryCompanyProfileCache } from './in-memory-company-profile-cache.js';
import { qboShareClaimsContract } from '../contracts/qbo-share-claims-contract.js';
import { InMemoryQboShareClaims } from './in-memory-qbo-share-claims.js';
import { billingCoreContract } from '../contracts/billing-core-contract.js';
import { InMemoryBillingCore } from './in-memory-billing-core.js';
import { documentReceiptsContract } from '../contracts/document-receipts-contract.js';
import { ReceiptsInTurn } from '../../use-cases/receipts-in-turn.js';

const satisfies = <S>(name: string, cases: readonly ContractCase<S>[], make: () => S): void => {
  describe(`${name} satisfies its port contract`, () => {
    for (const c of cases) it(c.name, () => c.run(make()));
  });
};

satisfies('InMemoryDocumentStore', documentStoreContract, () => new InMemoryDocumentStore());
satisfies('InMemoryProcessedMessages', processedMessagesContract, () => new InMemoryProcessedMessages());
satisfies('InMemoryMappingStore', mappingStoreContract, () => new InMemoryMappingStore());
satisfies('InMemorySyncRecordStore', syncRecordStoreContract, () => new InMemorySyncRecordStore());
satisfies('InMemoryConnectionStore', connectionStoreContract, () => new InMemoryConnectionStore());
satisfies('InMemoryAuthorizationStates', authorizationStatesContract, () => new InMemoryAuthorizationStates());
satisfies('InMemorySyncQueue', [...syncQueueContract, ...syncQueueTakeMoreContract], () => new InMemorySyncQueue());
satisfies('FixedClock', clockContract, () => new FixedClock(1_700_000_000_000));
satisfies('ManualClock', clockContract, () => new ManualClock());
satisfies('SequentialIds', idsContract, () => new SequentialIds('req'));
satisfies('InMemoryAccounting', accountingContract, () => ({ accounting: new InMemoryAccounting(aCompanyProfile()), prefix: 'T' }));
satisfies('InMemoryErrorHistoryStore', errorHistoryStoreContract, () => new InMemoryErrorHistoryStore());
satisfies('InMemorySettingsStore', settingsStoreContract, () => new InMemorySettingsStore());
satisfies('InMemoryHistoryImportStore', historyImportStoreContract, () => new InMemoryHistoryImportStore());
satisfies('InMemoryRunStore', runStoreContract, () => new InMemoryRunStore());
satisfies('InMemoryCompanyProfileCache', companyProfileCacheContract, () => {
  const cache = new InMemoryCompanyProfileCache();
  return { cache, other: cache };
});
satisfies('InMemoryQboShareClaims', qboShareClaimsContract, () => {
  const claims = new InMemoryQboShareClaims();
  return { claims, other: claims };
});
satisfies('InMemoryDocumentFiles', documentFilesContract, () => {
  const files = new InMemoryDocumentFiles();
  return {
    files,
    given: (accountId, documentId, pdf) => {
      if (pdf === null) files.remove(accountId, documentId);
      else files.put(accountId, documentId, { fileName: `${documentId}.pdf`, contentType: 'application/pdf', bytes: pdf });
      return Promise.resolve();
    },
  };
});
satisfies('InMemoryProgressFeed', progressFeedContract, () => {
  const feed = new InMemoryProgressFeed();
  return { publisher: feed, subscriber: feed, listening: () => Promise.resolve() };
});
satisfies('InMemoryBillingCore', billingCoreContract, () => {
  const core = new InMemoryBillingCore();
  return {
    core,
    given: ({ account, documents, withoutPdf = [] }) => {
      core.addAccount(account);
      for (const wire of documents) core.addDocument(account.accountId, wire);
      for (const id of withoutPdf) core.removePdf(account.accountId, id);
      return Promise.resolve();
    },
  };
});
satisfies('InMemoryStalledWork', stalledWorkSourceContract, () => {
  const documents = new InMemoryDocumentStore();
  const queue = new InMemorySyncQueue();
  const runs = new InMemoryRunStore();
  const records = new InMemorySyncRecordStore();
  return { stalled: new InMemoryStalledWork(documents, queue, runs, records), documents, queue, runs, records };
});
satisfies('ReceiptsInTurn over the fakes', documentReceiptsContract, () => {
  const documents = new InMemoryDocumentStore();
  const queue = new InMemorySyncQueue();
  const processed = new InMemoryProcessedMessages();
  return { receipts: new ReceiptsInTurn(documents, queue, processed), documents, queue, processed };
});
