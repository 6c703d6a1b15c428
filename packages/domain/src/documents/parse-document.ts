import { err, ok, type Result } from 'neverthrow';
import { compare, decimal, decimalFromNumber, parseDecimal, toText, type Decimal } from '../shared/decimal.js';
import type { Cents } from '../shared/money.js';
import { compareDates, parseCalendarDate, parseDateTime, type CalendarDate, type Instant } from '../shared/time.js';
import type {
  CustomerSnapshot,
  DocumentKind,
  DocumentLine,
  LineDiscount,
  OgustineDocument,
  PostalAddress,
  ServiceRef,
  VatSubtotal,
} from './document.js';
import { vatRateKey, type VatRate } from './vat-rate.js';

/**
 * What a problem in an incoming document is:
 * - `required`: missing, null, empty text, or an empty list that needs an item;
 * - `type`: the wrong JSON type (including a non-integer amount of cents);
 * - `format`: the right type, unreadable content (date, decimal text, code, number characters);
 * - `range`: readable, outside the allowed values;
 * - `inconsistent`: each field is fine, but they contradict each other (totals, rates, dates).
 */
export type ParseIssueCode = 'required' | 'type' | 'format' | 'range' | 'inconsistent';

export interface ParseIssue {
  /** Where, from the document's root: `lines[2].vatRate`, `totals.netCents`; `''` is the document itself. */
  readonly path: string;
  readonly code: ParseIssueCode;
  /** English, precise, for logs and the dead-letter reason. */
  readonly message: string;
}

type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const field = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);
const item = (path: string, index: number): string => `${path}[${index}]`;

/** Own properties only, so nothing is read from a prototype. */
const read = (o: JsonObject, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

const typeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/** The received value, short and safe to print (never serialises objects, which may be huge or cyclic). */
const shown = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeName(value);
};

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

const ZERO = decimal(0);
const HUNDRED = decimal(100);

const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;

/** A generous bound on an Ogustine number; the QBO limit (12 after the prefix) is checked by the policy. */
const NUMBER_MAX_LENGTH = 100;

interface LineFacts {
  readonly line: DocumentLine | undefined;
  readonly rate: VatRate | undefined;
  readonly total: Cents | undefined;
}

interface VatFacts {
  readonly rate: VatRate | undefined;
  readonly base: Cents | undefined;
  readonly amount: Cents | undefined;
}

/** Reads one untrusted document, collecting every issue instead of stopping at the first. */
class DocumentReader {
  readonly issues: ParseIssue[] = [];

  private issue(path: string, code: ParseIssueCode, message: string): undefined {
    this.issues.push({ path, code, message });
    return undefined;
  }

  object(value: unknown, path: string, what: string): JsonObject | undefined {
    if (isAbsent(value)) return this.issue(path, 'required', `${what} is missing`);
    if (!isObject(value)) return this.issue(path, 'type', `${what} must be a JSON object, got ${typeName(value)}`);
    return value;
  }

  requiredString(o: JsonObject, key: string, path: string): string | undefined {
    const p = field(path, key);
    const value = read(o, key);
    if (isAbsent(value)) return this.issue(p, 'required', `${key} is missing`);
    if (typeof value !== 'string') return this.issue(p, 'type', `${key} must be a string, got ${typeName(value)}`);
    const text = value.trim();
    if (text === '') return this.issue(p, 'required', `${key} is empty`);
    return text;
  }

  /** Absent, null and blank all mean "not given". */
  optionalString(o: JsonObject, key: string, path: string): string | undefined {
    const value = read(o, key);
    if (isAbsent(value)) return undefined;
    if (typeof value !== 'string')
      return this.issue(field(path, key), 'type', `${key} must be a string when present, got ${typeName(value)}`);
    const text = value.trim();
    return text === '' ? undefined : text;
  }

  oneOf<T extends string>(o: JsonObject, key: string, path: string, allowed: readonly T[]): T | undefined {
    const text = this.requiredString(o, key, path);
    if (text === undefined) return undefined;
    const found = allowed.find((a) => a === text);
    return (
      found ??
      this.issue(field(path, key), 'format', `${key} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${shown(text)}`)
    );
  }

  boolean(o: JsonObject, key: string, path: string): boolean | undefined {
    const value = read(o, key);
    if (isAbsent(value)) return this.issue(field(path, key), 'required', `${key} is missing`);
    if (typeof value !== 'boolean') return this.issue(field(path, key), 'type', `${key} must be true or false, got ${shown(value)}`);
    return value;
  }

  /** A JSON number or a decimal text, read exactly. */
  decimal(o: JsonObject, key: string, path: string): Decimal | undefined {
    const p = field(path, key);
    const value = read(o, key);
    if (isAbsent(value)) return this.issue(p, 'required', `${key} is missing`);
    if (typeof value === 'number') {
      return decimalFromNumber(value).match(
        (d) => d,
        () => this.issue(p, 'format', `${key} must be a finite number that can be written without an exponent, got ${shown(value)}`),
      );
    }
    if (typeof value !== 'string') return this.issue(p, 'type', `${key} must be a number or a decimal text, got ${typeName(value)}`);
    const text = value.trim();
    if (text === '') return this.issue(p, 'required', `${key} is empty`);
    return parseDecimal(text).match(
      (d) => d,
      () =>
        this.issue(
          p,
          'format',
          `${key} must be a decimal text such as "12.3456" (no exponent, comma or sign other than "-"), got ${shown(value)}`,
        ),
    );
  }

  /** A decimal between bounds, each included unless marked excluded. */
  decimalIn(
    o: JsonObject,
    key: string,
    path: string,
    bounds: { min: Decimal; minExcluded?: boolean; max?: Decimal; maxExcluded?: boolean },
  ): Decimal | undefined {
    const d = this.decimal(o, key, path);
    if (d === undefined) return undefined;
    const low = compare(d, bounds.min);
    const high = bounds.max === undefined ? -1 : compare(d, bounds.max);
    const tooLow = bounds.minExcluded === true ? low <= 0 : low < 0;
    const tooHigh = bounds.maxExcluded === true ? high >= 0 : high > 0;
    if (!tooLow && !tooHigh) return d;
    const lower = `${bounds.minExcluded === true ? 'greater than' : 'at least'} ${toText(bounds.min)}`;
    const upper = bounds.max === undefined ? '' : ` and ${bounds.maxExcluded === true ? 'below' : 'at most'} ${toText(bounds.max)}`;
    return this.issue(field(path, key), 'range', `${key} must be ${lower}${upper}, got ${toText(d)}`);
  }

  /** An amount in integer cents, at least 0. */
  cents(o: JsonObject, key: string, path: string): Cents | undefined {
    const p = field(path, key);
    const value = read(o, key);
    if (isAbsent(value)) return this.issue(p, 'required', `${key} is missing`);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return this.issue(p, 'type', `${key} must be an integer number of cents, got ${shown(value)}`);
    }
    if (!Number.isSafeInteger(value)) return this.issue(p, 'range', `${key} is too large to be an amount, got ${shown(value)}`);
    if (value < 0) return this.issue(p, 'range', `${key} must be at least 0, got ${shown(value)}`);
    return value === 0 ? 0 : value; // -0 is 0
  }

  instant(o: JsonObject, key: string, path: string): Instant | undefined {
    const text = this.requiredString(o, key, path);
    if (text === undefined) return undefined;
    return parseDateTime(text).match(
      (instant) => instant,
      () =>
        this.issue(
          field(path, key),
          'format',
          `${key} must be an ISO 8601 date-time with "Z" or an offset, such as "2024-01-15T10:30:00+01:00", got ${shown(text)}`,
        ),
    );
  }

  calendarDate(o: JsonObject, key: string, path: string, required: boolean): CalendarDate | undefined {
    const text = required ? this.requiredString(o, key, path) : this.optionalString(o, key, path);
    if (text === undefined) return undefined;
    return parseCalendarDate(text).match(
      (d) => d,
      () => this.issue(field(path, key), 'format', `${key} must be a real day written YYYY-MM-DD, got ${shown(text)}`),
    );
  }

  /**
   * The number is only required to be a sane text here. Whether it can become a QuickBooks DocNumber
   * is decided later (`decideDocument` refuses it visibly): refusing it here would dead-letter the
   * message and the office manager would never see the document.
   */
  number(o: JsonObject): string | undefined {
    const number = this.requiredString(o, 'number', '');
    if (number === undefined) return undefined;
    if (number.length > NUMBER_MAX_LENGTH) {
      return this.issue('number', 'range', `number must have at most ${NUMBER_MAX_LENGTH} characters, got ${number.length}`);
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(number)) return this.issue('number', 'format', `number ${shown(number)} contains a control character`);
    return number;
  }

  address(value: unknown, path: string): PostalAddress | undefined {
    const o = this.object(value, path, 'address');
    if (o === undefined) return undefined;
    const lines = this.addressLines(read(o, 'lines'), field(path, 'lines'));
    const postalCode = this.optionalString(o, 'postalCode', path);
    const city = this.optionalString(o, 'city', path);
    const country = this.optionalString(o, 'country', path);
    if (country !== undefined && !COUNTRY.test(country)) {
      return this.issue(field(path, 'country'), 'format', `country must be an ISO 3166-1 alpha-2 code such as "FR", got ${shown(country)}`);
    }
    if (lines === undefined) return undefined;
    return {
      lines,
      ...(postalCode === undefined ? {} : { postalCode }),
      ...(city === undefined ? {} : { city }),
      ...(country === undefined ? {} : { country }),
    };
  }

  /** Absent means no street lines; blank lines carry nothing and are dropped. */
  private addressLines(value: unknown, path: string): readonly string[] | undefined {
    if (isAbsent(value)) return [];
    if (!Array.isArray(value)) return this.issue(path, 'type', `lines must be an array of strings, got ${typeName(value)}`);
    const lines: string[] = [];
    let valid = true;
    value.forEach((line: unknown, i) => {
      if (typeof line !== 'string') {
        valid = false;
        this.issue(item(path, i), 'type', `an address line must be a string, got ${typeName(line)}`);
      } else if (line.trim() !== '') {
        lines.push(line.trim());
      }
    });
    return valid ? lines : undefined;
  }

  customer(value: unknown): CustomerSnapshot | undefined {
    const path = 'customer';
    const o = this.object(value, path, 'customer');
    if (o === undefined) return undefined;
    const id = this.requiredString(o, 'id', path);
    const kind = this.oneOf(o, 'kind', path, ['person', 'company'] as const);
    const name = this.requiredString(o, 'name', path);
    const firstName = this.optionalString(o, 'firstName', path);
    const lastName = this.optionalString(o, 'lastName', path);
    const companyName = this.optionalString(o, 'companyName', path);
    const email = this.optionalString(o, 'email', path);
    const phone = this.optionalString(o, 'phone', path);
    const rawAddress = read(o, 'address');
    const address = isAbsent(rawAddress) ? undefined : this.address(rawAddress, field(path, 'address'));
    if (id === undefined || kind === undefined || name === undefined || (!isAbsent(rawAddress) && address === undefined)) return undefined;
    return {
      id,
      kind,
      name,
      ...(firstName === undefined ? {} : { firstName }),
      ...(lastName === undefined ? {} : { lastName }),
      ...(companyName === undefined ? {} : { companyName }),
      ...(email === undefined ? {} : { email }),
      ...(phone === undefined ? {} : { phone }),
      ...(address === undefined ? {} : { address }),
    };
  }

  service(value: unknown, path: string): ServiceRef | undefined {
    const o = this.object(value, path, 'service');
    if (o === undefined) return undefined;
    const id = this.requiredString(o, 'id', path);
    const name = this.requiredString(o, 'name', path);
    return id === undefined || name === undefined ? undefined : { id, name };
  }

  discount(value: unknown, path: string): LineDiscount | undefined {
    const o = this.object(value, path, 'discount');
    if (o === undefined) return undefined;
    const hasPercent = !isAbsent(read(o, 'percent'));
    const hasAmount = !isAbsent(read(o, 'amountCents'));
    if (hasPercent && hasAmount) return this.issue(path, 'format', 'discount must have either percent or amountCents, not both');
    if (!hasPercent && !hasAmount) return this.issue(path, 'required', 'discount must have percent or amountCents');
    if (hasPercent) {
      const percent = this.decimalIn(o, 'percent', path, { min: ZERO, max: HUNDRED });
      return percent === undefined ? undefined : { kind: 'percent', percent };
    }
    const amount = this.cents(o, 'amountCents', path);
    return amount === undefined ? undefined : { kind: 'amount', amount };
  }

  line(value: unknown, path: string): LineFacts {
    const o = this.object(value, path, 'a line');
    if (o === undefined) return { line: undefined, rate: undefined, total: undefined };
    const service = this.service(read(o, 'service'), field(path, 'service'));
    const description = this.optionalString(o, 'description', path) ?? '';
    const quantity = this.decimalIn(o, 'quantity', path, { min: ZERO, minExcluded: true });
    const unitPrice = this.decimalIn(o, 'unitPrice', path, { min: ZERO });
    const rate = this.decimalIn(o, 'vatRate', path, { min: ZERO, max: HUNDRED, maxExcluded: true });
    const rawDiscount = read(o, 'discount');
    const discount = isAbsent(rawDiscount) ? undefined : this.discount(rawDiscount, field(path, 'discount'));
    const total = this.cents(o, 'totalCents', path);
    const complete =
      service !== undefined &&
      quantity !== undefined &&
      unitPrice !== undefined &&
      rate !== undefined &&
      total !== undefined &&
      (isAbsent(rawDiscount) || discount !== undefined);
    const line: DocumentLine | undefined = complete
      ? { service, description, quantity, unitPrice, vatRate: rate, ...(discount === undefined ? {} : { discount }), total }
      : undefined;
    return { line, rate, total };
  }

  vatSubtotal(value: unknown, path: string): VatFacts {
    const o = this.object(value, path, 'a VAT subtotal');
    if (o === undefined) return { rate: undefined, base: undefined, amount: undefined };
    return {
      rate: this.decimalIn(o, 'rate', path, { min: ZERO, max: HUNDRED, maxExcluded: true }),
      base: this.cents(o, 'baseCents', path),
      amount: this.cents(o, 'amountCents', path),
    };
  }

  array(value: unknown, path: string, what: string): readonly unknown[] | undefined {
    if (isAbsent(value)) return this.issue(path, 'required', `${what} is missing`);
    if (!Array.isArray(value)) return this.issue(path, 'type', `${what} must be an array, got ${typeName(value)}`);
    return value;
  }

  /**
   * Rates, per-rate sums and totals agree. Each check runs only on values that were read, so one
   * broken field gives its own issue, not a cascade of doubtful ones.
   */
  checkTotals(
    lines: readonly LineFacts[],
    vat: readonly VatFacts[],
    net: Cents | undefined,
    gross: Cents | undefined,
    pricesIncludeTax: boolean | undefined,
  ): void {
    const firstIndexOfRate = new Map<string, number>();
    vat.forEach((v, j) => {
      if (v.rate === undefined) return;
      const key = vatRateKey(v.rate);
      const first = firstIndexOfRate.get(key);
      if (first === undefined) firstIndexOfRate.set(key, j);
      else
        this.issue(
          item('totals.vat', j) + '.rate',
          'inconsistent',
          `rate ${key}% appears twice in totals.vat (also at totals.vat[${first}])`,
        );
    });
    const allVatRatesRead = vat.every((v) => v.rate !== undefined);
    const lineRateKeys = new Set<string>();
    lines.forEach((l, i) => {
      if (l.rate === undefined) return;
      const key = vatRateKey(l.rate);
      lineRateKeys.add(key);
      if (allVatRatesRead && !firstIndexOfRate.has(key)) {
        this.issue(`${item('lines', i)}.vatRate`, 'inconsistent', `rate ${key}% has no subtotal in totals.vat`);
      }
    });
    const allLineRatesRead = lines.every((l) => l.rate !== undefined);
    const allLinesRead = allLineRatesRead && lines.every((l) => l.total !== undefined);
    vat.forEach((v, j) => {
      if (v.rate === undefined || firstIndexOfRate.get(vatRateKey(v.rate)) !== j) return;
      const key = vatRateKey(v.rate);
      if (allLineRatesRead && !lineRateKeys.has(key)) {
        this.issue(`${item('totals.vat', j)}.rate`, 'inconsistent', `rate ${key}% in totals.vat is used by no line`);
        return;
      }
      if (!allLinesRead || v.base === undefined || v.amount === undefined || pricesIncludeTax === undefined) return;
      const sum = lines.filter((l) => l.rate !== undefined && vatRateKey(l.rate) === key).reduce((s, l) => s + (l.total ?? 0), 0);
      const expected = pricesIncludeTax ? v.base + v.amount : v.base;
      if (sum !== expected) {
        const what = pricesIncludeTax ? `baseCents + amountCents (${v.base} + ${v.amount} = ${expected})` : `baseCents (${v.base})`;
        this.issue(
          `${item('totals.vat', j)}.baseCents`,
          'inconsistent',
          `at rate ${key}% the line totals add up to ${sum}, but ${what} differs (prices ${pricesIncludeTax ? 'include' : 'exclude'} tax)`,
        );
      }
    });
    const bases = vat.map((v) => v.base);
    const amounts = vat.map((v) => v.amount);
    const sumOf = (xs: readonly (Cents | undefined)[]): Cents | undefined =>
      xs.every((x) => x !== undefined) ? xs.reduce<Cents>((s, x) => s + (x ?? 0), 0) : undefined;
    const sumOfBases = sumOf(bases);
    const sumOfAmounts = sumOf(amounts);
    if (net !== undefined && sumOfBases !== undefined && net !== sumOfBases) {
      this.issue('totals.netCents', 'inconsistent', `netCents (${net}) differs from the sum of totals.vat baseCents (${sumOfBases})`);
    }
    if (gross !== undefined && net !== undefined && sumOfAmounts !== undefined && gross !== net + sumOfAmounts) {
      this.issue(
        'totals.grossCents',
        'inconsistent',
        `grossCents (${gross}) differs from netCents + the sum of totals.vat amountCents (${net} + ${sumOfAmounts} = ${net + sumOfAmounts})`,
      );
    }
  }

  document(input: unknown): OgustineDocument | undefined {
    const o = this.object(input, '', 'the document');
    if (o === undefined) return undefined;
    const id = this.requiredString(o, 'id', '');
    const accountId = this.requiredString(o, 'accountId', '');
    const kind = this.oneOf<DocumentKind>(o, 'kind', '', ['invoice', 'credit_note']);
    const number = this.number(o);
    const customer = this.customer(read(o, 'customer'));

    const rawLines = this.array(read(o, 'lines'), 'lines', 'lines');
    if (rawLines !== undefined && rawLines.length === 0) this.issue('lines', 'required', 'a document needs at least one line');
    const lineFacts = (rawLines ?? []).map((l, i) => this.line(l, item('lines', i)));

    const totalsObject = this.object(read(o, 'totals'), 'totals', 'totals');
    const net = totalsObject === undefined ? undefined : this.cents(totalsObject, 'netCents', 'totals');
    const gross = totalsObject === undefined ? undefined : this.cents(totalsObject, 'grossCents', 'totals');
    const rawVat = totalsObject === undefined ? undefined : this.array(read(totalsObject, 'vat'), 'totals.vat', 'vat');
    const vatFacts = (rawVat ?? []).map((v, j) => this.vatSubtotal(v, item('totals.vat', j)));

    const currency = this.requiredString(o, 'currency', '');
    if (currency !== undefined && !CURRENCY.test(currency)) {
      this.issue('currency', 'format', `currency must be an ISO 4217 code of three capital letters such as "EUR", got ${shown(currency)}`);
    }
    const pricesIncludeTax = this.boolean(o, 'pricesIncludeTax', '');
    const createdAt = this.instant(o, 'createdAt', '');
    const validatedAt = this.instant(o, 'validatedAt', '');
    const issuedOn = this.calendarDate(o, 'issuedOn', '', true);
    const dueOn = this.calendarDate(o, 'dueOn', '', false);
    const correctsInvoiceId = this.optionalString(o, 'correctsInvoiceId', '');
    const memo = this.optionalString(o, 'memo', '');

    if (createdAt !== undefined && validatedAt !== undefined && validatedAt < createdAt) {
      this.issue(
        'validatedAt',
        'inconsistent',
        `validatedAt (${shown(read(o, 'validatedAt'))}) is before createdAt (${shown(read(o, 'createdAt'))})`,
      );
    }
    if (issuedOn !== undefined && dueOn !== undefined && compareDates(dueOn, issuedOn) < 0) {
      this.issue('dueOn', 'inconsistent', `dueOn (${dueOn}) is before issuedOn (${issuedOn})`);
    }
    if (kind === 'invoice' && correctsInvoiceId !== undefined) {
      this.issue(
        'correctsInvoiceId',
        'inconsistent',
        'correctsInvoiceId is only allowed on a credit note, and this document is an invoice',
      );
    }
    if (rawVat !== undefined && rawLines !== undefined) this.checkTotals(lineFacts, vatFacts, net, gross, pricesIncludeTax);

    const lines = lineFacts.map((l) => l.line);
    const vat = vatFacts.map((v): VatSubtotal | undefined =>
      v.rate === undefined || v.base === undefined || v.amount === undefined ? undefined : { rate: v.rate, base: v.base, amount: v.amount },
    );
    if (
      this.issues.length > 0 ||
      id === undefined ||
      accountId === undefined ||
      kind === undefined ||
      number === undefined ||
      customer === undefined ||
      net === undefined ||
      gross === undefined ||
      currency === undefined ||
      pricesIncludeTax === undefined ||
      createdAt === undefined ||
      validatedAt === undefined ||
      issuedOn === undefined ||
      !lines.every((l) => l !== undefined) ||
      !vat.every((v) => v !== undefined)
    ) {
      return undefined;
    }
    return {
      id,
      accountId,
      kind,
      number,
      customer,
      lines,
      totals: { net, vat, gross },
      currency,
      pricesIncludeTax,
      createdAt,
      issuedOn,
      ...(dueOn === undefined ? {} : { dueOn }),
      validatedAt,
      ...(correctsInvoiceId === undefined ? {} : { correctsInvoiceId }),
      ...(memo === undefined ? {} : { memo }),
    };
  }
}

/**
 * Reads an untrusted document (a message body, JSON already parsed) into an `OgustineDocument`,
 * checking types, formats, ranges and the consistency of its totals, rates and dates. Texts are
 * trimmed; blank optional texts count as absent. Unknown fields are ignored (the envelope versions
 * the format). Never throws.
 * @returns ok(document) if the document is complete and consistent
 * @returns err(issues) with every issue found otherwise, each naming its path
 */
export const parseDocument = (input: unknown): Result<OgustineDocument, readonly ParseIssue[]> => {
  const reader = new DocumentReader();
  const doc = reader.document(input);
  if (doc === undefined || reader.issues.length > 0) {
    // A document is returned only when every field was read; no issue without a document is a bug.
    if (reader.issues.length === 0) throw new Error('parseDocument: a field was left unread without an issue');
    return err(reader.issues);
  }
  return ok(doc);
};

/** One line for a log or a dead-letter reason: `lines[2].vatRate (range): …; totals.netCents (inconsistent): …`. */
export const describeParseIssues = (issues: readonly ParseIssue[]): string =>
  issues.map((i) => `${i.path === '' ? '(document)' : i.path} (${i.code}): ${i.message}`).join('; ');
