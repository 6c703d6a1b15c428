import type { ServiceRef } from '../documents/document.js';
import type { CompanyProfile, QboAccount, QboId } from '../qbo/company-profile.js';
import { serviceItemName } from './item-name.js';
import { compareQboIds } from './tax-code-for-rate.js';
import { cutToLength } from './text-limits.js';

/** An Item of type Service to create in QBO, in plain domain types. */
export interface QboServiceItemPayload {
  /** `Name` (≤ 100, unique). */
  readonly name: string;
  readonly type: 'Service';
  readonly incomeAccountRef: QboId;
  /** `Description` (≤ 4000): the service's name as Ogustine prints it. */
  readonly description?: string;
  /** `ItemCategoryType`: required by a French company on create, unknown elsewhere (QBO-API.md §5 Item). */
  readonly itemCategoryType?: 'Service';
}

/** Income sub-types in order of preference for a service sold by a home-services company. */
const PREFERRED_SUB_TYPES = ['ServiceFeeIncome', 'SalesOfProductIncome'];

const rank = (account: QboAccount): number => {
  const i = PREFERRED_SUB_TYPES.indexOf(account.accountSubType ?? '');
  return i === -1 ? PREFERRED_SUB_TYPES.length : i;
};

/**
 * The income account new service items are booked to: an active `Income` account, preferring the
 * sub-type `ServiceFeeIncome`, then `SalesOfProductIncome`, then any other except `DiscountsRefundsGiven`
 * (a contra-income account for discounts); among equals, the lowest id, so the choice is stable.
 * @returns the account, or undefined if the company has no usable income account
 */
export const incomeAccountFor = (profile: CompanyProfile): QboAccount | undefined =>
  profile.accounts
    .filter((a) => a.active && a.accountType === 'Income' && a.accountSubType !== 'DiscountsRefundsGiven')
    .reduce<QboAccount | undefined>((best, a) => {
      if (best === undefined) return a;
      const byRank = rank(a) - rank(best);
      return byRank < 0 || (byRank === 0 && compareQboIds(a.id, best.id) < 0) ? a : best;
    }, undefined);

const DESCRIPTION_MAX = 4000;

/**
 * The QBO Item for an Ogustine service: its unique name (`serviceItemName`), type Service, booked to
 * `incomeAccount` (from `incomeAccountFor`, which the prerequisites check exists); in a French
 * company (`country` FR), category Service, which QBO requires there.
 * @returns the payload
 */
export const serviceItemPayload = (service: ServiceRef, incomeAccount: QboAccount, country?: string): QboServiceItemPayload => {
  const description = cutToLength(service.name.trim(), DESCRIPTION_MAX);
  return {
    name: serviceItemName(service),
    type: 'Service',
    incomeAccountRef: incomeAccount.id,
    ...(description === '' ? {} : { description }),
    ...(country === 'FR' ? { itemCategoryType: 'Service' as const } : {}),
  };
};
