import fc from 'fast-check';
import type { CustomerSnapshot, OgustineDocument } from '../../documents/document.js';
import { toDocumentWire, type DocumentWire } from '../../documents/document-wire.js';
import type { ParseIssueCode } from '../../documents/parse-document.js';
import { documentArb, type DocumentArbOptions } from './document.js';

/** A path into a wire document, as keys and indexes: `['lines', 2, 'vatRate']`. */
export type WirePath = readonly (string | number)[];

/** The path as `parseDocument` names it in its issues: `lines[2].vatRate`; `''` for the document itself. */
export const wirePathText = (path: WirePath): string =>
  path.reduce<string>((text, step) => (typeof step === 'number' ? `${text}[${step}]` : text === '' ? step : `${text}.${step}`), '');

/** Marks a corruption that removes the field instead of replacing its value. */
export const WIRE_FIELD_REMOVED: unique symbol = Symbol('removed');

const copy = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * A deep copy of a wire document with one field replaced (or removed with `WIRE_FIELD_REMOVED`); missing
 * parents are created, so an absent optional field can be set too. The input is left untouched.
 */
export const withWireField = (wire: unknown, path: WirePath, value: unknown): unknown => {
  if (path.length === 0) return value === WIRE_FIELD_REMOVED ? undefined : value;
  const root = copy(wire);
  let parent = root as Record<string | number, unknown>;
  for (const [i, step] of path.slice(0, -1).entries()) {
    const next = parent[step];
    if (typeof next !== 'object' || next === null) parent[step] = typeof path[i + 1] === 'number' ? [] : {};
    parent = parent[step] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (value === WIRE_FIELD_REMOVED) {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete parent[last];
  } else {
    parent[last] = value;
  }
  return root;
};

const BLANK_PLACEHOLDER = '(blank)';

const requiredText = (text: string): string => (text.trim() === '' ? BLANK_PLACEHOLDER : text.trim());

const optionalText = <K extends string>(key: K, text: string | undefined): { [P in K]?: string } => {
  const trimmed = text?.trim();
  return (trimmed === undefined || trimmed === '' ? {} : { [key]: trimmed }) as { [P in K]?: string };
};

const parseableCustomer = (c: CustomerSnapshot): CustomerSnapshot => ({
  id: requiredText(c.id),
  kind: c.kind,
  name: requiredText(c.name),
  ...optionalText('firstName', c.firstName),
  ...optionalText('lastName', c.lastName),
  ...optionalText('companyName', c.companyName),
  ...optionalText('email', c.email),
  ...optionalText('phone', c.phone),
  ...(c.address === undefined
    ? {}
    : {
        address: {
          lines: c.address.lines.map((l) => l.trim()).filter((l) => l !== ''),
          ...optionalText('postalCode', c.address.postalCode),
          ...optionalText('city', c.address.city),
          ...optionalText('country', c.address.country),
        },
      }),
});

/**
 * The document as `parseDocument` would return it: texts trimmed, blank optional texts and blank
 * address lines dropped. `documentArb` deliberately makes awkward texts (for the mapping of names);
 * the parser refuses blank ids and names, so those become `(blank)` here.
 */
export const parseableDocument = (doc: OgustineDocument): OgustineDocument => {
  const { correctsInvoiceId, memo, dueOn, ...rest } = doc;
  return {
    ...rest,
    id: requiredText(doc.id),
    accountId: requiredText(doc.accountId),
    number: doc.number.trim(),
    customer: parseableCustomer(doc.customer),
    lines: doc.lines.map((line) => ({
      ...line,
      service: { id: requiredText(line.service.id), name: requiredText(line.service.name) },
      description: line.description.trim(),
    })),
    ...(dueOn === undefined ? {} : { dueOn }),
    ...optionalText('correctsInvoiceId', correctsInvoiceId),
    ...optionalText('memo', memo),
  };
};

/** Documents that `parseDocument` returns unchanged from their wire form. */
export const parseableDocumentArb = (options: DocumentArbOptions = {}): fc.Arbitrary<OgustineDocument> =>
  documentArb(options).map(parseableDocument);

/** Valid wire documents, as the billing core publishes them. */
export const documentWireArb = (options: DocumentArbOptions = {}): fc.Arbitrary<DocumentWire> =>
  parseableDocumentArb(options).map(toDocumentWire);

/** One invalid value put at one path, and the issue `parseDocument` must report at that very path. */
export interface WireCorruption {
  readonly path: WirePath;
  /** The new value, or `WIRE_FIELD_REMOVED`. */
  readonly value: unknown;
  readonly code: ParseIssueCode;
}

const at = (path: WirePath, cases: readonly (readonly [unknown, ParseIssueCode])[]): WireCorruption[] =>
  cases.map(([value, code]) => ({ path, value, code }));

const REQUIRED_TEXT: readonly (readonly [unknown, ParseIssueCode])[] = [
  [WIRE_FIELD_REMOVED, 'required'],
  [null, 'required'],
  ['  ', 'required'],
  [42, 'type'],
];
const OPTIONAL_TEXT: readonly (readonly [unknown, ParseIssueCode])[] = [
  [42, 'type'],
  [{}, 'type'],
];
const CENTS: readonly (readonly [unknown, ParseIssueCode])[] = [
  [WIRE_FIELD_REMOVED, 'required'],
  [12.5, 'type'],
  ['100', 'type'],
  [-1, 'range'],
  [2 ** 60, 'range'],
];
const INSTANT: readonly (readonly [unknown, ParseIssueCode])[] = [
  [WIRE_FIELD_REMOVED, 'required'],
  ['2024-01-15', 'format'],
  ['2024-01-15T10:00:00', 'format'],
  ['2024-02-30T10:00:00Z', 'format'],
  ['2024-01-15T25:00:00+01:00', 'format'],
  [1705312800000, 'type'],
];
const RATE: readonly (readonly [unknown, ParseIssueCode])[] = [
  [WIRE_FIELD_REMOVED, 'required'],
  ['100', 'range'],
  [-5.5, 'range'],
  ['20%', 'format'],
  [{}, 'type'],
];

/** Every corruption this kit knows for a wire document: each field, with values of the wrong type, format or range. */
export const wireCorruptionsOf = (wire: DocumentWire): readonly WireCorruption[] => [
  ...at(
    [],
    [
      [[], 'type'],
      ['a document', 'type'],
      [null, 'required'],
    ],
  ),
  ...at(['id'], REQUIRED_TEXT),
  ...at(['accountId'], REQUIRED_TEXT),
  ...at(
    ['kind'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      ['quote', 'format'],
      [1, 'type'],
    ],
  ),
  ...at(
    ['number'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      ['', 'required'],
      ['x'.repeat(101), 'range'],
      ['2024\n01', 'format'],
      [20240115, 'type'],
    ],
  ),
  ...at(
    ['customer'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      ['Dupont', 'type'],
      [[], 'type'],
    ],
  ),
  ...at(['customer', 'id'], REQUIRED_TEXT),
  ...at(['customer', 'name'], REQUIRED_TEXT),
  ...at(
    ['customer', 'kind'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      ['robot', 'format'],
      [true, 'type'],
    ],
  ),
  ...['firstName', 'lastName', 'companyName', 'email', 'phone'].flatMap((key) => at(['customer', key], OPTIONAL_TEXT)),
  ...at(['customer', 'address'], [['12 rue des Lilas', 'type']]),
  ...at(
    ['customer', 'address', 'country'],
    [
      ['France', 'format'],
      ['fr', 'format'],
      [33, 'type'],
    ],
  ),
  ...at(['customer', 'address', 'lines'], [['12 rue des Lilas', 'type']]),
  ...(wire.customer.address !== undefined && wire.customer.address.lines.length > 0
    ? at(['customer', 'address', 'lines', 0], [[5, 'type']])
    : []),
  ...at(
    ['lines'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      [[], 'required'],
      [{}, 'type'],
    ],
  ),
  ...wire.lines.flatMap((line, i) => [
    ...at(['lines', i], [['a line', 'type']]),
    ...at(
      ['lines', i, 'service'],
      [
        [WIRE_FIELD_REMOVED, 'required'],
        ['Ménage', 'type'],
      ],
    ),
    ...at(['lines', i, 'service', 'id'], REQUIRED_TEXT),
    ...at(['lines', i, 'service', 'name'], REQUIRED_TEXT),
    ...at(['lines', i, 'description'], OPTIONAL_TEXT),
    ...at(
      ['lines', i, 'quantity'],
      [
        [WIRE_FIELD_REMOVED, 'required'],
        ['', 'required'],
        ['0', 'range'],
        [-1, 'range'],
        ['1e3', 'format'],
        ['1,5', 'format'],
        [true, 'type'],
      ],
    ),
    ...at(
      ['lines', i, 'unitPrice'],
      [
        [WIRE_FIELD_REMOVED, 'required'],
        ['-0.01', 'range'],
        ['abc', 'format'],
        [[], 'type'],
      ],
    ),
    ...at(['lines', i, 'vatRate'], RATE),
    ...at(
      ['lines', i, 'discount'],
      [
        [{}, 'required'],
        [{ percent: 10, amountCents: 5 }, 'format'],
        ['10%', 'type'],
      ],
    ),
    ...(line.discount !== undefined && 'percent' in line.discount
      ? at(
          ['lines', i, 'discount', 'percent'],
          [
            ['100.01', 'range'],
            ['-1', 'range'],
            ['ten', 'format'],
            [false, 'type'],
          ],
        )
      : []),
    ...(line.discount !== undefined && 'amountCents' in line.discount
      ? at(
          ['lines', i, 'discount', 'amountCents'],
          [
            [1.5, 'type'],
            [-1, 'range'],
          ],
        )
      : []),
    ...at(['lines', i, 'totalCents'], CENTS),
  ]),
  ...at(
    ['totals'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      [5, 'type'],
    ],
  ),
  ...at(['totals', 'netCents'], CENTS),
  ...at(['totals', 'grossCents'], CENTS),
  ...at(
    ['totals', 'vat'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      ['20', 'type'],
    ],
  ),
  ...wire.totals.vat.flatMap((_, j) => [
    ...at(['totals', 'vat', j], [[20, 'type']]),
    ...at(['totals', 'vat', j, 'rate'], RATE),
    ...at(['totals', 'vat', j, 'baseCents'], CENTS),
    ...at(['totals', 'vat', j, 'amountCents'], CENTS),
  ]),
  ...at(
    ['currency'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      ['', 'required'],
      ['eur', 'format'],
      ['EURO', 'format'],
      ['€', 'format'],
      [978, 'type'],
    ],
  ),
  ...at(
    ['pricesIncludeTax'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      ['true', 'type'],
      [1, 'type'],
    ],
  ),
  ...at(['createdAt'], INSTANT),
  ...at(['validatedAt'], INSTANT),
  ...at(
    ['issuedOn'],
    [
      [WIRE_FIELD_REMOVED, 'required'],
      ['2024-02-30', 'format'],
      ['15/01/2024', 'format'],
      ['2024-01-15T00:00:00Z', 'format'],
      [20240115, 'type'],
    ],
  ),
  ...at(
    ['dueOn'],
    [
      ['2024-13-01', 'format'],
      [5, 'type'],
    ],
  ),
  ...at(['correctsInvoiceId'], OPTIONAL_TEXT),
  ...at(['memo'], OPTIONAL_TEXT),
];

/** The wire document with the corruption applied. */
export const applyWireCorruption = (wire: DocumentWire, corruption: WireCorruption): unknown =>
  withWireField(wire, corruption.path, corruption.value);

/** A valid wire document, one corruption of it, and the corrupted document. */
export const corruptedDocumentWireArb = (
  options: DocumentArbOptions = {},
): fc.Arbitrary<{ readonly wire: DocumentWire; readonly corruption: WireCorruption; readonly corrupted: unknown }> =>
  documentWireArb(options).chain((wire) => {
    const corruptions = wireCorruptionsOf(wire);
    return fc.nat({ max: corruptions.length - 1 }).map((i) => {
      const corruption = corruptions[i] as WireCorruption;
      return { wire, corruption, corrupted: applyWireCorruption(wire, corruption) };
    });
  });
