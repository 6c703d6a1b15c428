import { parseDocument, parseValidatedEvent } from '@ogustine-qbo/domain';
import { connect, type ConsumeMessage } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountSpec, amqpPublisher, callbackPublisher, createBillingSandbox, type DocumentEvent } from '../src/index.js';

const NOW = new Date('2026-11-30T09:15:00.000Z');

const sandboxWithEvents = (documents = 20) => {
  const events: DocumentEvent[] = [];
  const sandbox = createBillingSandbox({
    accounts: [accountSpec({ accountId: 'E1', documents })],
    clock: () => NOW,
    publisher: callbackPublisher((e) => void events.push(e)),
  });
  return { sandbox, events };
};

const emitted = async (
  sandbox: ReturnType<typeof createBillingSandbox>,
  kind: 'invoice' | 'credit_note' | 'discounted_invoice' | 'malformed',
) => {
  const outcome = await sandbox.admin.emit('E1', kind);
  if (outcome.kind !== 'emitted') throw new Error(`not emitted: ${outcome.kind}`);
  return outcome.event;
};

describe('documents emitted on demand', () => {
  it('publishes an invoice.validated event with the envelope and a document the module reads, validated now', async () => {
    const { sandbox, events } = sandboxWithEvents();
    const event = await emitted(sandbox, 'invoice');
    expect(events).toEqual([event]);
    expect(event).toMatchObject({ version: 1, occurredAt: '2026-11-30T09:15:00.000Z', accountId: 'E1', type: 'invoice.validated' });
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    // The worker's reader of docs/events.md takes it as it is, once serialised.
    const read = parseValidatedEvent(JSON.parse(JSON.stringify(event)))._unsafeUnwrap();
    expect(read).toMatchObject({ eventId: event.eventId, type: 'invoice.validated', accountId: 'E1', occurredAt: NOW.getTime() });
    const doc = parseDocument(event.document)._unsafeUnwrap();
    expect(doc).toMatchObject({ accountId: 'E1', kind: 'invoice', validatedAt: NOW.getTime(), issuedOn: '2026-11-30' });
    expect(doc.createdAt).toBeLessThan(NOW.getTime());
  });

  it('a credit note corrects the latest invoice, of its customer, and is published as credit_note.validated', async () => {
    const { sandbox } = sandboxWithEvents();
    const invoice = await emitted(sandbox, 'invoice');
    const credit = await emitted(sandbox, 'credit_note');
    expect(credit.type).toBe('credit_note.validated');
    expect(parseValidatedEvent(credit)._unsafeUnwrap().type).toBe('credit_note.validated');
    const doc = parseDocument(credit.document)._unsafeUnwrap();
    const corrected = parseDocument(invoice.document)._unsafeUnwrap();
    expect(doc.correctsInvoiceId).toBe(corrected.id);
    expect(doc.customer).toEqual(corrected.customer);
    expect(doc.totals.gross).toBeLessThanOrEqual(corrected.totals.gross);
  });

  it('a credit note needs an invoice: on an empty account it is refused, nothing published', async () => {
    const { sandbox, events } = sandboxWithEvents(0);
    expect(await sandbox.admin.emit('E1', 'credit_note')).toEqual({ kind: 'no-invoice' });
    expect(await sandbox.admin.emit('E9', 'invoice')).toEqual({ kind: 'unknown-account' });
    expect(events).toEqual([]);
  });

  it('a discounted invoice has exactly one discounted line', async () => {
    const { sandbox } = sandboxWithEvents();
    const doc = parseDocument((await emitted(sandbox, 'discounted_invoice')).document)._unsafeUnwrap();
    expect(doc.lines.filter((l) => l.discount !== undefined)).toHaveLength(1);
  });

  it('a malformed message breaks the format twice, keeps its id, and joins the history as sent', async () => {
    const { sandbox } = sandboxWithEvents();
    const event = await emitted(sandbox, 'malformed');
    expect(parseValidatedEvent(event)._unsafeUnwrapErr().kind).toBe('event.invalid');
    const issues = parseDocument(event.document)._unsafeUnwrapErr();
    expect(issues.map((i) => [i.path, i.code])).toEqual(expect.arrayContaining([['lines[0].vatRate', 'format']]));
    expect(issues.some((i) => i.code === 'inconsistent')).toBe(true);
    const id = (event.document as { id: string }).id;
    const page = await sandbox.app.request(`/v1/accounts/E1/documents?createdFrom=2026-11-30`, {
      headers: { Authorization: 'Bearer billing-sandbox-token' },
    });
    expect(((await page.json()) as { documents: unknown[] }).documents).toEqual([event.document]);
    expect(id).toBe('E1-E1');
  });
});

describe('the RabbitMQ publisher', () => {
  it('publishes each event, confirmed, to a topic exchange with the type as routing key', async () => {
    const url = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
    const exchange = `billing-sandbox.test.${randomUUID()}`;
    const publisher = await amqpPublisher({ url, exchange });
    const connection = await connect(url);
    try {
      const channel = await connection.createChannel();
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      await channel.bindQueue(queue, exchange, 'credit_note.*');
      const sandbox = createBillingSandbox({ accounts: [accountSpec({ accountId: 'E1', documents: 5 })], clock: () => NOW, publisher });
      await emitted(sandbox, 'invoice');
      const credit = await emitted(sandbox, 'credit_note');
      const message = await new Promise<ConsumeMessage>((resolve) => {
        void channel.consume(queue, (m) => m !== null && resolve(m), { noAck: true });
      });
      expect(JSON.parse(message.content.toString('utf8'))).toEqual(credit);
      expect(message.fields.routingKey).toBe('credit_note.validated');
      expect(message.properties).toMatchObject({ messageId: credit.eventId, contentType: 'application/json', deliveryMode: 2 });
      expect((await channel.checkQueue(queue)).messageCount).toBe(0);
      await channel.deleteExchange(exchange);
      await channel.close();
    } finally {
      await publisher.close();
      await connection.close();
    }
  });
});
