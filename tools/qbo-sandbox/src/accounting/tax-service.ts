// POST /taxservice/taxcode: creating a tax code and its rates, the only way the API writes tax set-up
// (QBO-API.md §5 TaxCode: `{"TaxCode":"Name","TaxRateDetails":[{"TaxRateName"|"TaxRateId","RateValue","TaxAgencyId","TaxApplicableOn":"Sales"}]}`).
import type { Company, QboObject } from '../company/company.js';
import { entitiesOf, findEntity, updateSettings } from '../company/company.js';
import type { TaxRateSpec } from '../company/company-settings.js';
import { parseDec, toNumber } from '../company/exact-decimal.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faults, success } from './qbo-faults.js';
import { isObject, nameKey, stringAt } from './qbo-fields.js';

/** A request detail, understood: an existing rate by id, or a new one by name. */
const readDetail = (company: Company, detail: QboObject, index: number, errors: QboError[]): TaxRateSpec | undefined => {
  const at = (key: string): string => `TaxRateDetails[${index}].${key}`;
  const applicableOn = stringAt(detail, 'TaxApplicableOn') ?? 'Sales';
  if (applicableOn !== 'Sales' && applicableOn !== 'Purchase') {
    errors.push(faults.invalidEnumeration(at('TaxApplicableOn'), applicableOn));
    return undefined;
  }
  const rateId = stringAt(detail, 'TaxRateId');
  if (rateId !== undefined) {
    const rate = findEntity(company, 'TaxRate', rateId);
    if (rate === undefined) errors.push(faults.invalidReference(at('TaxRateId'), 'TaxRate', rateId));
    return rate === undefined ? undefined : { name: String(rate['Name']), ratePercent: Number(rate['RateValue']), applicableOn };
  }
  const name = stringAt(detail, 'TaxRateName');
  if (name === undefined || name.trim() === '') {
    errors.push(faults.required(at('TaxRateName')));
    return undefined;
  }
  if ([...name].length > 100) errors.push(faults.tooLong(at('TaxRateName'), 100, [...name].length));
  const rate = detail['RateValue'] === undefined ? undefined : parseDec(detail['RateValue']);
  if (detail['RateValue'] === undefined) errors.push(faults.required(at('RateValue')));
  else if (rate === undefined || rate < 0n) errors.push(faults.invalidNumber(at('RateValue')));
  const agency = stringAt(detail, 'TaxAgencyId');
  if (agency === undefined) errors.push(faults.required(at('TaxAgencyId')));
  else if (findEntity(company, 'TaxAgency', agency) === undefined)
    errors.push(faults.invalidReference(at('TaxAgencyId'), 'TaxAgency', agency));
  return rate === undefined ? undefined : { name, ratePercent: toNumber(rate), applicableOn };
};

/**
 * Creates a tax code with its rates, existing (TaxRateId) or new (TaxRateName, RateValue, TaxAgencyId); it is then a
 * code of the company's settings like any other.
 * @returns ok({TaxCode, TaxCodeId, TaxRateDetails:[{TaxRateName, TaxRateId, RateValue, TaxAgencyId, TaxApplicableOn}]})
 * @returns err 2020 (TaxCode, TaxRateDetails, a detail's TaxRateName / RateValue / TaxAgencyId), 2050 (name > 100),
 *   2090 (RateValue), 2170 (TaxApplicableOn), 2500 (TaxRateId, TaxAgencyId), 6240 (a code of that name exists)
 */
export const createTaxCode = (company: Company, body: QboObject): Outcome<QboObject> => {
  const errors: QboError[] = [];
  const name = stringAt(body, 'TaxCode');
  if (name === undefined || name.trim() === '') errors.push(faults.required('TaxCode'));
  else if ([...name].length > 100) errors.push(faults.tooLong('TaxCode', 100, [...name].length));
  const details = Array.isArray(body['TaxRateDetails']) ? (body['TaxRateDetails'] as unknown[]).filter(isObject) : [];
  if (details.length === 0) errors.push(faults.required('TaxRateDetails'));
  const rates = details.map((d, i) => readDetail(company, d, i, errors));
  if (errors.length > 0 || name === undefined) return failure(...errors);
  if ([...entitiesOf(company, 'TaxCode').values()].some((c) => nameKey(String(c['Name'])) === nameKey(name)))
    return failure(faults.duplicateName('TaxCode'));
  // QBO-API.md §9: VAT must already be set up in the QBO UI; the API cannot enable it (UNCONFIRMED answer: 6000).
  if (company.settings.country !== 'US' && !company.settings.vatEnabled)
    return failure(faults.business('Set up VAT for this company before you create a tax code.', 'TaxCode'));
  const specs = rates.filter((r): r is TaxRateSpec => r !== undefined);
  updateSettings(company, { taxCodes: [...company.settings.taxCodes, { name, rates: specs }] });
  const code = [...entitiesOf(company, 'TaxCode').values()].find((c) => c['Name'] === name);
  const rateOf = (spec: TaxRateSpec): QboObject | undefined =>
    [...entitiesOf(company, 'TaxRate').values()].find((r) => r['Name'] === spec.name && r['RateValue'] === spec.ratePercent);
  return success({
    TaxCode: name,
    TaxCodeId: code?.['Id'],
    TaxRateDetails: specs.map((spec) => {
      const rate = rateOf(spec);
      return {
        TaxRateName: spec.name,
        TaxRateId: rate?.['Id'],
        RateValue: String(spec.ratePercent),
        TaxAgencyId: String((rate?.['AgencyRef'] as QboObject | undefined)?.['value'] ?? '1'),
        TaxApplicableOn: spec.applicableOn ?? 'Sales',
      };
    }),
  });
};
