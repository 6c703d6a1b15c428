// The 6000 Detail QBO gives when a line has no tax code, in each locale's words (QBO-API.md §6 "Tax not set on lines").

const byCountry: Readonly<Record<string, string>> = {
  GB: 'Make sure all your transactions have a VAT rate before you save.',
  CA: 'Make sure all your transactions have a GST/HST rate before you save.',
  AU: 'Make sure all your transactions have a GST rate before you save.',
  // UNCONFIRMED: no French capture exists; this is the UK sentence in the French locale's words.
  FR: 'Assurez-vous que toutes vos opérations ont un taux de TVA avant de les enregistrer.',
};

/** The country's wording, the generic "tax rate" one elsewhere. */
export const missingTaxCodeText = (country: string): string =>
  byCountry[country] ?? 'Make sure all your transactions have a tax rate before you save.';

/** UNCONFIRMED wording (QBO-API.md §6: "the exact error when discounts are disabled"). */
export const discountsDisabledText =
  'Discounts are turned off for this company. To add a discount, enable discounts in Account and Settings > Sales > Discount.';
