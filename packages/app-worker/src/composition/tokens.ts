/** The worker's injection tokens (factories only: no decorator metadata, see the composition root). */
export const TOKENS = {
  Config: Symbol('Config'),
  Log: Symbol('Log'),
  Metrics: Symbol('Metrics'),
  Clock: Symbol('Clock'),
  Ids: Symbol('Ids'),
  Infrastructure: Symbol('Infrastructure'),
  Journal: Symbol('ErrorJournal'),
  ReceiveValidatedDocument: Symbol('ReceiveValidatedDocument'),
  SyncDocument: Symbol('SyncDocument'),
  SyncBatch: Symbol('SyncBatch'),
  JobLoop: Symbol('JobLoop'),
  KeepAlive: Symbol('KeepAliveSchedule'),
  MessageHandler: Symbol('MessageHandler'),
  Worker: Symbol('Worker'),
} as const;
