import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import { formatVatRate, vatRateKey, type VatRate } from '../documents/vat-rate.js';
import { chosenTaxCode, codeFitsRate } from '../mapping/tax-code-for-rate.js';
import type { AccountingGateway } from '../ports/accounting-gateway.js';
import type { Clock } from '../ports/clock.js';
import type { CompanyProfileCache } from '../ports/company-profile-cache.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { CompanyProfile, QboId } from '../qbo/company-profile.js';
import type { Localized } from '../shared/localized.js';
import { freshSettings } from './account-settings.js';
import { CompanyProfiles } from './company-profiles.js';
import type { Steps } from './steps.js';
import type { CompanyAccessError, InfrastructureError } from './use-case-error.js';

/** One rate of the setting: the code in use, and the codes that can carry it. */
export interface TaxCodeChoiceView {
  readonly rate: VatRate;
  readonly label: Localized;
  /** The code lines at this rate go under now (chosen, else today's rule); null when none fits. */
  readonly inUse: { readonly id: QboId; readonly name: string } | null;
  /** Whether the account chose it (else it is pre-filled by today's rule). */
  readonly chosen: boolean;
  readonly options: readonly { readonly id: QboId; readonly name: string }[];
}

export type ChooseTaxCodeError =
  { readonly kind: 'tax-codes.code-does-not-fit'; readonly message: Localized } | CompanyAccessError | InfrastructureError;

export interface ChooseTaxCodesPorts {
  readonly gateway: AccountingGateway;
  readonly settings: SettingsStore;
  readonly profiles: CompanyProfileCache;
  readonly clock: Clock;
}

/**
 * The screen lists the codes as QBO has them now (a code just added there shows, and every process
 * then knows it); a choice is checked against the profile kept since (what the user was shown).
 */
const readProfile = (
  ports: ChooseTaxCodesPorts,
  accountId: AccountId,
  how: 'fresh' | 'kept',
): ResultAsync<CompanyProfile, CompanyAccessError> => {
  const profiles = new CompanyProfiles(ports);
  return ports.gateway.open(accountId).andThen((accounting) =>
    (how === 'fresh' ? profiles.refresh(accounting) : profiles.read(accounting)).mapErr((failure) => ({
      kind: 'qbo.failed' as const,
      failure,
    })),
  );
};

/**
 * The tax code used for each VAT rate, as a setting: pre-filled by today's rule (the active
 * single-rate code with the lowest id), changeable per rate among the company's codes that carry
 * that rate only. So 0 % exempt services à la personne go under the company's exempt code.
 */
export class ChooseTaxCodes {
  constructor(private readonly ports: ChooseTaxCodesPorts) {}

  /**
   * @param rates the VAT rates to show (Ogustine's rates, or those of the account's documents)
   * @returns ok(one view per rate)
   * @returns err(connection.missing | auth.* | qbo.failed | store.*) if the company or the settings cannot be read
   */
  show(accountId: AccountId, rates: readonly VatRate[]): ResultAsync<readonly TaxCodeChoiceView[], ChooseTaxCodeError> {
    const p = this.ports;
    return safeTry<readonly TaxCodeChoiceView[], ChooseTaxCodeError>(async function* (): Steps<
      readonly TaxCodeChoiceView[],
      ChooseTaxCodeError
    > {
      const profile = yield* readProfile(p, accountId, 'fresh');
      const choices = (yield* p.settings.get(accountId))?.taxCodeByRate ?? {};
      return ok(
        rates.map((rate) => {
          const inUse = chosenTaxCode(profile.taxCodes, rate, choices);
          return {
            rate,
            label: formatVatRate(rate),
            inUse: inUse === undefined ? null : { id: inUse.id, name: inUse.name },
            chosen: inUse !== undefined && choices[vatRateKey(rate)] === inUse.id,
            options: profile.taxCodes.filter((c) => codeFitsRate(c, rate)).map((c) => ({ id: c.id, name: c.name })),
          };
        }),
      );
    });
  }

  /**
   * Chooses the code for one rate; applies to documents sent from now on.
   * @returns ok() once stored
   * @returns err(tax-codes.code-does-not-fit) if the code is unknown, inactive, or carries another rate (or several)
   * @returns err(connection.missing | auth.* | qbo.failed | store.*) otherwise
   */
  choose(accountId: AccountId, rate: VatRate, codeId: QboId): ResultAsync<void, ChooseTaxCodeError> {
    const p = this.ports;
    return safeTry<void, ChooseTaxCodeError>(async function* (): Steps<void, ChooseTaxCodeError> {
      const profile = yield* readProfile(p, accountId, 'kept');
      const code = profile.taxCodes.find((c) => c.id === codeId);
      if (code === undefined || !codeFitsRate(code, rate)) {
        const r = formatVatRate(rate);
        return err({
          kind: 'tax-codes.code-does-not-fit',
          message: {
            fr: `Ce code de taxe ne peut pas porter la TVA à ${r.fr} : choisissez un code actif de QuickBooks dont le seul taux est ${r.fr}.`,
            en: `This tax code cannot carry ${r.en} VAT: choose an active QuickBooks code whose only rate is ${r.en}.`,
          },
        });
      }
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      yield* p.settings.save({ ...settings, taxCodeByRate: { ...settings.taxCodeByRate, [vatRateKey(rate)]: codeId } });
      return ok(undefined);
    });
  }
}
