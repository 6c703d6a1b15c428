import {
  CheckPrerequisites,
  ChoosePdfAttachment,
  ChooseTaxCodes,
  ConnectQuickBooks,
  DisconnectQuickBooks,
  ErrorJournal,
  GetDocumentSyncStatus,
  LaunchInitialSync,
  ListErrorHistory,
  MarkErrorHandled,
  PreviewInitialSync,
  RescheduleSync,
  ResyncDocument,
  ResyncMany,
} from '@ogustine-qbo/domain';
import type { ModulePorts } from './module-ports.js';

/** The domain's use cases the routes call, and the ports their read-only queries use. */
export interface Journeys {
  readonly ports: ModulePorts;
  readonly connectQuickBooks: ConnectQuickBooks;
  readonly disconnectQuickBooks: DisconnectQuickBooks;
  readonly checkPrerequisites: CheckPrerequisites;
  readonly chooseTaxCodes: ChooseTaxCodes;
  readonly choosePdfAttachment: ChoosePdfAttachment;
  readonly previewInitialSync: PreviewInitialSync;
  readonly launchInitialSync: LaunchInitialSync;
  readonly rescheduleSync: RescheduleSync;
  readonly listErrorHistory: ListErrorHistory;
  readonly markErrorHandled: MarkErrorHandled;
  readonly resyncMany: ResyncMany;
  readonly resyncDocument: ResyncDocument;
  readonly getDocumentSyncStatus: GetDocumentSyncStatus;
}

/** Wires each use case on the ports, as the domain's constructors ask. */
export const buildJourneys = (ports: ModulePorts): Journeys => {
  const journal = new ErrorJournal(ports.errorStore, ports.ids, ports.clock);
  const checkPrerequisites = new CheckPrerequisites(ports);
  const resyncMany = new ResyncMany({ ...ports, journal });
  return {
    ports,
    connectQuickBooks: new ConnectQuickBooks({ ...ports, checkPrerequisites }),
    disconnectQuickBooks: new DisconnectQuickBooks(ports),
    checkPrerequisites,
    chooseTaxCodes: new ChooseTaxCodes(ports),
    choosePdfAttachment: new ChoosePdfAttachment(ports),
    previewInitialSync: new PreviewInitialSync(ports),
    launchInitialSync: new LaunchInitialSync(ports),
    rescheduleSync: new RescheduleSync(ports),
    listErrorHistory: new ListErrorHistory(ports.errorStore),
    markErrorHandled: new MarkErrorHandled(journal),
    resyncMany,
    resyncDocument: new ResyncDocument(resyncMany),
    getDocumentSyncStatus: new GetDocumentSyncStatus({ ...ports, journal }),
  };
};
