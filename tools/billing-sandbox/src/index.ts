// Public entry of the billing sandbox: build one in-process, listen, drive it through `admin`.
export { createBillingSandbox, DEFAULT_SEED, DEFAULT_TOKEN } from './server/create-billing-sandbox.js';
export type { BillingSandbox, BillingSandboxOptions, RunningBillingSandbox } from './server/create-billing-sandbox.js';
export type { PdfRenderer } from './pdf/document-pdf.js';
export type { SandboxAdmin, AccountSummary, EmitOutcome } from './admin/sandbox-admin.js';
export { accountSpec, DEFAULT_ACCOUNTS, MAX_SEEDED_DOCUMENTS, type AccountSpec, type AccountProfile } from './seed/account-spec.js';
export { EMIT_KINDS, type EmitKind } from './emit/new-document.js';
export type { FaultRequest, FailingStatus } from './faults/fault-injector.js';
export { callbackPublisher, type DocumentEvent, type DocumentEventType, type EventPublisher } from './events/document-event.js';
export { amqpPublisher, DEFAULT_EXCHANGE, type AmqpPublisher, type AmqpPublisherOptions } from './events/amqp-publisher.js';
export type { WireDocument } from './documents/wire-document.js';
