import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { aCreditNote, aDocument, aLine } from '../testing/builders/document.js';
import { WIRE_FIELD_REMOVED, withWireField, type WirePath } from '../testing/arbitraries/document-wire.js';
import { decimal } from '../shared/decimal.js';
import { toDocumentWire } from './document-wire.js';
import { describeParseIssues, parseDocument, type ParseIssue, type ParseIssueCode } from './parse-document.js';

const wire = toDocumentWire(aDocument());

const issuesOf = (input: unknown): readonly ParseIssue[] => parseDocument(input)._unsafeUnwrapErr();

const expectIssue = (input: unknown, path: string, code: ParseIssueCode): void => {
  expect(issuesOf(input).map((i) => `${i.path} ${i.code}`)).toContain(`${path} ${code}`);
};

const changed = (path: WirePath, value: unknown): unknown => withWireField(wire, path, value);

describe('parseDocument: valid documents', () => {
  test('reads back a document written by toDocumentWire', () => {
    expect(parseDocument(wire)._unsafeUnwrap()).toEqual(aDocument());
    expect(parseDocument(toDocumentWire(aCreditNote()))._unsafeUnwrap()).toEqual(aCreditNote());
  });

  test('parses the example of docs/document-message.md', () => {
    const markdown = readFileSync(new URL('../../../../docs/document-message.md', import.meta.url), 'utf8');
    const json = /```json\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
    const doc = parseDocument(JSON.parse(json))._unsafeUnwrap();
    expect(doc.lines.map((l) => l.total)).toEqual([9000, 3000, 6225]);
    expect(doc.lines[0]?.discount).toEqual({ kind: 'percent', percent: decimal(10) });
    expect(doc.lines[1]?.discount).toEqual({ kind: 'amount', amount: 300 });
    expect(doc.totals.gross).toBe(20967);
    expect(doc.createdAt).toBe(Date.UTC(2024, 0, 15, 9, 30));
  });

  test('reads decimals exactly, from JSON numbers and from decimal texts', () => {
    const line = { ...wire.lines[0], quantity: 0.1, unitPrice: '12.3456', vatRate: ' 20 ' };
    const doc = parseDocument({ ...wire, lines: [line] })._unsafeUnwrap();
    expect(doc.lines[0]?.quantity).toEqual(decimal(1, 1));
    expect(doc.lines[0]?.unitPrice).toEqual(decimal(123456, 4));
    expect(doc.lines[0]?.vatRate).toEqual(decimal(20));
  });

  test('trims texts and treats blank or null optional texts as absent', () => {
    const input = {
      ...wire,
      id: '  D1 ',
      number: ' 2024-01-15\n',
      memo: '   ',
      correctsInvoiceId: null,
      customer: { ...wire.customer, email: ' ', phone: null },
    };
    const doc = parseDocument(input)._unsafeUnwrap();
    expect(doc.id).toBe('D1');
    expect(doc.number).toBe('2024-01-15');
    expect(doc).not.toHaveProperty('memo');
    expect(doc).not.toHaveProperty('correctsInvoiceId');
    expect(doc.customer).not.toHaveProperty('email');
    expect(doc.customer).not.toHaveProperty('phone');
  });

  test('reads date-times with an offset or Z, with or without seconds and fractions', () => {
    const at = (createdAt: string) => parseDocument({ ...wire, createdAt, validatedAt: '2024-01-16T00:00:00Z' })._unsafeUnwrap().createdAt;
    expect(at('2024-01-15T10:30:00+01:00')).toBe(Date.UTC(2024, 0, 15, 9, 30));
    expect(at('2024-01-15T09:30Z')).toBe(Date.UTC(2024, 0, 15, 9, 30));
    expect(at('2024-01-15T09:30:00.123456Z')).toBe(Date.UTC(2024, 0, 15, 9, 30, 0, 123));
    expect(at('2024-01-15T04:30:00-05:00')).toBe(Date.UTC(2024, 0, 15, 9, 30));
  });

  test('accepts a rate just below 100, a zero unit price, a zero line and no due date', () => {
    const doc = aDocument({ lines: [aLine({ vatRate: decimal(9999, 2) }), aLine({ unitPrice: decimal(0) })], dueOn: '2024-01-15' });
    expect(parseDocument(toDocumentWire(doc))._unsafeUnwrap()).toEqual(doc);
    const { dueOn: _dueOn, ...withoutDueDate } = wire;
    expect(parseDocument(withoutDueDate).isOk()).toBe(true);
  });

  test('ignores unknown fields', () => {
    expect(parseDocument({ ...wire, pdfUrl: 'https://example.fr/d1.pdf' })._unsafeUnwrap()).toEqual(aDocument());
  });
});

describe('parseDocument: issues', () => {
  test('a value that is not an object is a type issue of the document itself', () => {
    for (const input of [null, undefined, 42, 'doc', [wire]]) {
      const issues = issuesOf(input);
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toBe('');
    }
    expect(issuesOf([])[0]?.code).toBe('type');
    expect(issuesOf(null)[0]?.code).toBe('required');
  });

  test('every missing required field is reported, all at once', () => {
    const required = [
      'id',
      'accountId',
      'kind',
      'number',
      'customer',
      'lines',
      'totals',
      'currency',
      'pricesIncludeTax',
      'createdAt',
      'validatedAt',
      'issuedOn',
    ];
    const issues = issuesOf({});
    expect(issues.map((i) => i.path)).toEqual(required);
    expect(issues.every((i) => i.code === 'required')).toBe(true);
  });

  test('missing fields of the customer, a line and the totals are named by their paths', () => {
    expectIssue(changed(['customer', 'name'], WIRE_FIELD_REMOVED), 'customer.name', 'required');
    expectIssue(changed(['customer', 'kind'], 'robot'), 'customer.kind', 'format');
    expectIssue(changed(['lines', 0, 'service', 'id'], ''), 'lines[0].service.id', 'required');
    expectIssue(changed(['lines', 0, 'totalCents'], WIRE_FIELD_REMOVED), 'lines[0].totalCents', 'required');
    expectIssue(changed(['totals', 'vat', 0, 'amountCents'], null), 'totals.vat[0].amountCents', 'required');
  });

  test('empty required texts are required issues', () => {
    expectIssue(changed(['id'], '   '), 'id', 'required');
    expectIssue(changed(['customer', 'id'], ''), 'customer.id', 'required');
  });

  test('wrong JSON types are type issues', () => {
    expectIssue(changed(['id'], 1), 'id', 'type');
    expectIssue(changed(['pricesIncludeTax'], 'false'), 'pricesIncludeTax', 'type');
    expectIssue(changed(['lines'], {}), 'lines', 'type');
    expectIssue(changed(['lines', 0, 'quantity'], true), 'lines[0].quantity', 'type');
    expectIssue(changed(['memo'], 12), 'memo', 'type');
    expectIssue(changed(['createdAt'], 1705312800000), 'createdAt', 'type');
  });

  test('a document needs at least one line', () => {
    expect(issuesOf(changed(['lines'], []))).toContainEqual({
      path: 'lines',
      code: 'required',
      message: 'a document needs at least one line',
    });
  });

  test('a quantity must be above 0', () => {
    expectIssue(changed(['lines', 0, 'quantity'], 0), 'lines[0].quantity', 'range');
    expectIssue(changed(['lines', 0, 'quantity'], '-1.5'), 'lines[0].quantity', 'range');
  });

  test('a unit price must not be negative', () => {
    expect(issuesOf(changed(['lines', 0, 'unitPrice'], '-0.01'))).toContainEqual({
      path: 'lines[0].unitPrice',
      code: 'range',
      message: 'unitPrice must be at least 0, got -0.01',
    });
  });

  test('decimals must be plain decimal texts or finite numbers', () => {
    for (const bad of ['1e3', '1,5', '.5', 'abc', '12 h'])
      expectIssue(changed(['lines', 0, 'unitPrice'], bad), 'lines[0].unitPrice', 'format');
    expectIssue(changed(['lines', 0, 'unitPrice'], Number.POSITIVE_INFINITY), 'lines[0].unitPrice', 'format');
  });

  test('a line total must not be negative', () => {
    expectIssue(changed(['lines', 0, 'totalCents'], -1), 'lines[0].totalCents', 'range');
  });

  test('amounts must be integers of cents', () => {
    expectIssue(changed(['lines', 0, 'totalCents'], 50.5), 'lines[0].totalCents', 'type');
    expectIssue(changed(['totals', 'netCents'], '5000'), 'totals.netCents', 'type');
    expectIssue(changed(['totals', 'vat', 0, 'baseCents'], 5000.01), 'totals.vat[0].baseCents', 'type');
    expectIssue(changed(['totals', 'grossCents'], 2 ** 60), 'totals.grossCents', 'range');
  });

  test('VAT rates must be at least 0 and below 100', () => {
    expect(issuesOf(changed(['lines', 0, 'vatRate'], 100))).toContainEqual({
      path: 'lines[0].vatRate',
      code: 'range',
      message: 'vatRate must be at least 0 and below 100, got 100',
    });
    expectIssue(changed(['lines', 0, 'vatRate'], '-1'), 'lines[0].vatRate', 'range');
    expectIssue(changed(['totals', 'vat', 0, 'rate'], '150'), 'totals.vat[0].rate', 'range');
  });

  test('a discount has exactly one of percent (0 to 100) or amountCents (≥ 0)', () => {
    expectIssue(changed(['lines', 0, 'discount'], { percent: 10, amountCents: 100 }), 'lines[0].discount', 'format');
    expectIssue(changed(['lines', 0, 'discount'], {}), 'lines[0].discount', 'required');
    expectIssue(changed(['lines', 0, 'discount'], { percent: '100.5' }), 'lines[0].discount.percent', 'range');
    expectIssue(changed(['lines', 0, 'discount'], { amountCents: -100 }), 'lines[0].discount.amountCents', 'range');
  });

  test('a rate may appear only once in totals.vat', () => {
    const vat = wire.totals.vat[0];
    const input = { ...wire, totals: { ...wire.totals, vat: [vat, { ...vat, rate: '20.00', baseCents: 0, amountCents: 0 }] } };
    expectIssue(input, 'totals.vat[1].rate', 'inconsistent');
  });

  test("every line's rate has a subtotal, and every subtotal's rate is used by a line", () => {
    const twoRates = toDocumentWire(aDocument({ lines: [aLine(), aLine({ vatRate: decimal(55, 1) })] }));
    // totals.vat is sorted by rate: [5.5, 20]
    expectIssue(withWireField(twoRates, ['totals', 'vat', 0], WIRE_FIELD_REMOVED), 'lines[1].vatRate', 'inconsistent');
    expectIssue(withWireField(twoRates, ['lines', 1], WIRE_FIELD_REMOVED), 'totals.vat[0].rate', 'inconsistent');
  });

  test('the net is the sum of the bases and the gross is the net plus the VAT', () => {
    expect(issuesOf(changed(['totals', 'netCents'], wire.totals.netCents + 1))).toEqual([
      { path: 'totals.netCents', code: 'inconsistent', message: 'netCents (5001) differs from the sum of totals.vat baseCents (5000)' },
      {
        path: 'totals.grossCents',
        code: 'inconsistent',
        message: 'grossCents (6000) differs from netCents + the sum of totals.vat amountCents (5001 + 1000 = 6001)',
      },
    ]);
    expect(issuesOf(changed(['totals', 'grossCents'], 5999)).map((i) => i.path)).toEqual(['totals.grossCents']);
  });

  test('prices excluding tax: the lines of a rate add up to its base', () => {
    expectIssue(changed(['lines', 0, 'totalCents'], 4999), 'totals.vat[0].baseCents', 'inconsistent');
  });

  test('prices including tax: the lines of a rate add up to its base plus its VAT', () => {
    const inclusive = toDocumentWire(aDocument({ pricesIncludeTax: true }));
    // 2 × 25.00 incl. 20 % VAT: 5000 = 4167 + 833
    expect(inclusive.totals.vat[0]).toEqual({ rate: '20', baseCents: 4167, amountCents: 833 });
    expect(parseDocument(inclusive).isOk()).toBe(true);
    const broken = withWireField(withWireField(inclusive, ['totals', 'vat', 0, 'baseCents'], 5000), ['totals', 'netCents'], 5000);
    const issues = issuesOf(withWireField(broken, ['totals', 'grossCents'], 5833));
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual(['totals.vat[0].baseCents inconsistent']);
  });

  test('a document cannot be validated before it is created', () => {
    expectIssue(changed(['validatedAt'], '2024-01-15T09:29:59Z'), 'validatedAt', 'inconsistent');
    expect(parseDocument(changed(['validatedAt'], '2024-01-15T09:30:00Z')).isOk()).toBe(true);
  });

  test('a document cannot be due before it is issued', () => {
    expectIssue(changed(['dueOn'], '2024-01-14'), 'dueOn', 'inconsistent');
  });

  test('date-times need an offset or Z and real values; days need YYYY-MM-DD', () => {
    for (const bad of [
      '2024-01-15T10:30:00',
      '2024-01-15',
      '2024-02-30T10:30:00Z',
      '2024-01-15T24:00:00Z',
      '2024-01-15 10:30:00Z',
      '15/01/2024 10:30',
    ]) {
      expectIssue(changed(['createdAt'], bad), 'createdAt', 'format');
    }
    for (const bad of ['2024-02-30', '2024-1-5', '15/01/2024', '2024-01-15T00:00:00Z'])
      expectIssue(changed(['issuedOn'], bad), 'issuedOn', 'format');
  });

  test('the currency is three capital letters', () => {
    expectIssue(changed(['currency'], 'eur'), 'currency', 'format');
    expectIssue(changed(['currency'], '€'), 'currency', 'format');
  });

  test('an unrepresentable number is accepted here and refused visibly by the policy, not dead-lettered', () => {
    const parsed = parseDocument(changed(['number'], '2024-01-15-001'));
    expect(parsed._unsafeUnwrap().number).toBe('2024-01-15-001');
    expectIssue(changed(['number'], 'x'.repeat(101)), 'number', 'range');
    expectIssue(changed(['number'], 'F\t2024'), 'number', 'format');
  });

  test('only a credit note may name the invoice it corrects', () => {
    expectIssue(changed(['correctsInvoiceId'], 'D0'), 'correctsInvoiceId', 'inconsistent');
    expect(parseDocument(toDocumentWire(aCreditNote())).isOk()).toBe(true);
  });

  test('the address country is an ISO alpha-2 code and address lines are texts', () => {
    expectIssue(changed(['customer', 'address', 'country'], 'France'), 'customer.address.country', 'format');
    expectIssue(changed(['customer', 'address', 'lines', 0], 12), 'customer.address.lines[0]', 'type');
  });

  test('issues read as one line for a dead-letter reason', () => {
    expect(describeParseIssues(issuesOf(changed(['currency'], 'eur')))).toBe(
      'currency (format): currency must be an ISO 4217 code of three capital letters such as "EUR", got "eur"',
    );
    expect(describeParseIssues(issuesOf(7))).toBe('(document) (type): the document must be a JSON object, got a number');
  });
});
