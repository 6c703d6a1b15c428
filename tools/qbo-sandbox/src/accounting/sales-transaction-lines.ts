// Reading the lines of an Invoice or CreditMemo request: references, tax codes, discounts, numbers → engine lines.
import type { Company, QboObject } from '../company/company.js';
import { entitiesOf, findEntity } from '../company/company.js';
import type { Dec } from '../company/exact-decimal.js';
import { parseDec } from '../company/exact-decimal.js';
import type { EngineLine, EngineRate } from '../company/tax-engine.js';
import { discountsDisabledText, missingTaxCodeText } from './missing-tax-code-wording.js';
import type { QboError } from './qbo-faults.js';
import { faults } from './qbo-faults.js';
import { checkLength, isObject, objectAt, refValue, stringAt } from './qbo-fields.js';

/** A request line, understood. `detail` is the line's detail object as it will be stored. */
export interface ReadLine {
  readonly source: QboObject;
  readonly detailType: string;
  readonly detail: QboObject;
  readonly engine: EngineLine;
}

const decimalAt = (o: QboObject, key: string, errors: QboError[]): Dec | undefined => {
  if (o[key] === undefined || o[key] === null) return undefined;
  const d = parseDec(o[key]);
  if (d === undefined) errors.push(faults.invalidNumber(key));
  return d;
};

/** QBO-API.md §5 Invoice: "Line.Amount: max 15 digits in 10.5 format" — at most 10 digits before the point, 5 after. */
const maxWhole = 10n ** 10n * 10n ** 7n;
const checkAmountFormat = (line: QboObject, errors: QboError[]): void => {
  const amount = line['Amount'] === undefined || line['Amount'] === null ? undefined : parseDec(line['Amount']);
  if (amount === undefined) return;
  const magnitude = amount < 0n ? -amount : amount;
  const text = typeof line['Amount'] === 'string' ? line['Amount'] : String(line['Amount']);
  const decimals = /\.(\d+)$/.exec(text)?.[1]?.replace(/0+$/, '').length ?? 0;
  if (magnitude >= maxWhole || decimals > 5)
    errors.push(
      faults.invalidNumberRange(
        'Line.Amount',
        `Invalid Number Range : Line.Amount ${text} must have at most 10 digits before the point and 5 after.`,
      ),
    );
};

/** A DiscountAccountRef must name an existing Income account (QBO-API.md §5 Account "Discount account"). */
const checkDiscountAccount = (company: Company, detail: QboObject, errors: QboError[]): void => {
  const id = refValue(detail, 'DiscountAccountRef');
  if (id === undefined) return;
  const account = findEntity(company, 'Account', id);
  if (account === undefined) errors.push(faults.invalidReference('DiscountAccountRef', 'Account', id));
  else if (!['Income', 'Other Income'].includes(String(account['AccountType'])))
    errors.push(faults.invalidAccountType('DiscountAccountRef', 'Income'));
};

const opt = <K extends string>(key: K, v: Dec | undefined): { [P in K]?: Dec } =>
  v === undefined ? {} : ({ [key]: v } as { [P in K]?: Dec });

/** The rates of a sales tax code, as engine rates. */
export const ratesOf = (company: Company, code: QboObject): EngineRate[] => {
  const list = objectAt(code, 'SalesTaxRateList');
  const details = Array.isArray(list?.['TaxRateDetail']) ? (list['TaxRateDetail'] as unknown[]) : [];
  return details.filter(isObject).flatMap((d) => {
    const rateId = refValue(d, 'TaxRateRef');
    const rate = rateId === undefined ? undefined : findEntity(company, 'TaxRate', rateId);
    const percent = rate === undefined ? undefined : parseDec(rate['RateValue']);
    return rateId === undefined || percent === undefined ? [] : [{ rateId, percent }];
  });
};

interface TaxCodeReading {
  readonly rates: EngineRate[];
  readonly ref?: QboObject;
}

/** Rules of the line TaxCodeRef: US TAX/NON (6100), global codes must exist (2500), VAT off: dropped (choice). */
const readTaxCode = (company: Company, detail: QboObject, errors: QboError[], requireCode: boolean): TaxCodeReading => {
  const { country, vatEnabled } = company.settings;
  const id = refValue(detail, 'TaxCodeRef');
  if (country === 'US') {
    if (id !== undefined && id !== 'TAX' && id !== 'NON') errors.push(faults.usLineTaxCode());
    return { rates: [], ref: { value: id ?? 'NON' } };
  }
  if (!vatEnabled) return { rates: [] };
  if (id === undefined) {
    if (requireCode) errors.push(faults.business(missingTaxCodeText(country)));
    return { rates: [] };
  }
  const code = findEntity(company, 'TaxCode', id);
  if (code === undefined || id === 'TAX' || id === 'NON') {
    errors.push(faults.invalidReference('TaxCodeRef', 'TaxCode', id));
    return { rates: [] };
  }
  return { rates: ratesOf(company, code), ref: { value: id } };
};

const readItemLine = (company: Company, line: QboObject, errors: QboError[]): ReadLine => {
  const detail = { ...(objectAt(line, 'SalesItemLineDetail') ?? {}) };
  const itemId = refValue(detail, 'ItemRef');
  if (itemId === undefined) {
    // QBO-API.md §5 Invoice: a line without ItemRef is documentation only; its Amount is ignored.
    return { source: line, detailType: 'SalesItemLineDetail', detail, engine: { kind: 'ignored' } };
  }
  const item = findEntity(company, 'Item', itemId);
  if (item === undefined) errors.push(faults.invalidReference('ItemRef', 'Item', itemId));
  else if (item['Active'] === false) errors.push(faults.objectNotFound('ItemRef'));
  else detail['ItemRef'] = { value: itemId, name: item['Name'] };
  const tax = readTaxCode(company, detail, errors, true);
  if (tax.ref === undefined) delete detail['TaxCodeRef'];
  else detail['TaxCodeRef'] = tax.ref;
  const amount = decimalAt(line, 'Amount', errors);
  const qty = decimalAt(detail, 'Qty', errors);
  const unitPrice = decimalAt(detail, 'UnitPrice', errors);
  const taxInclusiveAmt = decimalAt(detail, 'TaxInclusiveAmt', errors);
  const france = company.settings.country === 'FR';
  const discountAmt = france ? decimalAt(detail, 'DiscountAmt', errors) : undefined;
  const discountRate = france ? decimalAt(detail, 'DiscountRate', errors) : undefined;
  if (!france) {
    delete detail['DiscountAmt'];
    delete detail['DiscountRate'];
  }
  const discounted = (discountAmt ?? 0n) !== 0n || (discountRate ?? 0n) !== 0n;
  if (discounted && !company.settings.allowDiscount) errors.push(faults.business(discountsDisabledText));
  if (amount === undefined && (qty === undefined || unitPrice === undefined) && taxInclusiveAmt === undefined)
    errors.push(faults.required('Amount'));
  return {
    source: line,
    detailType: 'SalesItemLineDetail',
    detail,
    engine: {
      kind: 'item',
      rates: tax.rates,
      ...opt('amount', amount),
      ...opt('qty', qty),
      ...opt('unitPrice', unitPrice),
      ...opt('taxInclusiveAmt', taxInclusiveAmt),
      ...opt('discountAmt', discountAmt),
      ...opt('discountRate', discountRate),
    },
  };
};

const readDiscountLine = (company: Company, line: QboObject, errors: QboError[]): ReadLine => {
  const detail = { ...(objectAt(line, 'DiscountLineDetail') ?? {}) };
  if (!company.settings.allowDiscount) errors.push(faults.business(discountsDisabledText));
  checkDiscountAccount(company, detail, errors);
  const discountAccount = [...entitiesOf(company, 'Account').values()].find((a) => a['AccountSubType'] === 'DiscountsRefundsGiven');
  if (refValue(detail, 'DiscountAccountRef') === undefined && discountAccount !== undefined) {
    detail['DiscountAccountRef'] = { value: discountAccount['Id'], name: discountAccount['Name'] };
  }
  if (company.settings.country === 'FR') {
    // QBO-API.md §6 / §9: France keeps a global discount line but saves it with amount 0.
    return {
      source: { ...line, Amount: 0 },
      detailType: 'DiscountLineDetail',
      detail: { ...detail, PercentBased: false, DiscountPercent: 0 },
      engine: { kind: 'ignored' },
    };
  }
  const percentBased = detail['PercentBased'] === true;
  const percent = percentBased ? decimalAt(detail, 'DiscountPercent', errors) : undefined;
  const amount = percentBased ? undefined : decimalAt(line, 'Amount', errors);
  if (percent === undefined && amount === undefined) errors.push(faults.discountMissingInfo());
  const tax = refValue(detail, 'TaxCodeRef') === undefined ? { rates: [] } : readTaxCode(company, detail, errors, false);
  if (tax.ref !== undefined) detail['TaxCodeRef'] = tax.ref;
  return {
    source: line,
    detailType: 'DiscountLineDetail',
    detail,
    engine: { kind: 'discount', rates: tax.rates, ...opt('amount', amount), ...opt('percent', percent) },
  };
};

/**
 * Reads the request lines; SubTotalLineDetail lines sent back by a client are dropped (QBO generates them).
 * Faults found are pushed on `errors`.
 * @returns the lines understood, in request order
 */
export const readLines = (company: Company, lines: readonly unknown[], errors: QboError[]): ReadLine[] =>
  lines.filter(isObject).flatMap((line): ReadLine[] => {
    checkLength(line, 'Description', 4000, errors);
    checkAmountFormat(line, errors);
    const detailType = stringAt(line, 'DetailType') ?? '';
    switch (detailType) {
      case 'SalesItemLineDetail':
        return [readItemLine(company, line, errors)];
      case 'DiscountLineDetail':
        return [readDiscountLine(company, line, errors)];
      case 'SubTotalLineDetail':
        return [];
      case 'DescriptionOnly': {
        const subtotal = stringAt(line, 'Description')?.trim().toLowerCase() === 'subtotal:';
        return [
          {
            source: line,
            detailType,
            detail: { ...(objectAt(line, 'DescriptionLineDetail') ?? {}) },
            engine: subtotal ? { kind: 'subtotal' } : { kind: 'ignored' },
          },
        ];
      }
      case 'GroupLineDetail':
        return [{ source: line, detailType, detail: { ...(objectAt(line, 'GroupLineDetail') ?? {}) }, engine: { kind: 'ignored' } }];
      case '':
        errors.push(faults.required('Line.DetailType'));
        return [];
      default:
        errors.push(faults.invalidEnumeration('Line.DetailType', detailType));
        return [];
    }
  });
