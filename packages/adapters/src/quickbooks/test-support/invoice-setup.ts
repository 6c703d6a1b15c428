// A customer, a service item and a 2 × 25.00 at 20 % invoice payload in a sandbox company (GB).
import { decimal, incomeAccountFor, taxCodeForRate, type Accounting, type PdfFile, type QboTransactionPayload } from '@ogustine-qbo/domain';

export const aPdf = (fileName = 'facture-F1.pdf'): PdfFile => ({
  fileName,
  contentType: 'application/pdf',
  bytes: new TextEncoder().encode('%PDF-1.4 adapter test'),
});

/** @returns an invoice payload numbered `docNumber` for a new customer and item (3 writes, 5 reads) */
export const anInvoice = async (accounting: Accounting, docNumber: string): Promise<QboTransactionPayload> => {
  const profile = (await accounting.readProfile())._unsafeUnwrap();
  const code = taxCodeForRate(profile.taxCodes, decimal(20));
  const income = incomeAccountFor(profile);
  if (code === undefined || income === undefined) throw new Error('the sandbox company has no 20 % code or income account');
  const customerRef = (await accounting.createCustomer({ displayName: `Client ${docNumber}` }, `c-${docNumber}`))._unsafeUnwrap().qboId;
  const itemRef = (
    await accounting.createServiceItem(
      {
        name: `Ménage ${docNumber}`,
        type: 'Service',
        incomeAccountRef: income.id,
        // As the domain's `serviceItemPayload`: QBO France requires the category.
        ...(profile.country === 'FR' ? { itemCategoryType: 'Service' as const } : {}),
      },
      `i-${docNumber}`,
    )
  )._unsafeUnwrap();
  return {
    type: 'Invoice',
    docNumber,
    customerRef,
    txnDate: '2024-01-15',
    currency: profile.homeCurrency,
    globalTaxCalculation: 'TaxExcluded',
    lines: [
      { kind: 'item', itemRef, description: 'Ménage', amount: 5000, qty: decimal(2), unitPrice: decimal(2500, 2), taxCodeRef: code.id },
    ],
    privateNote: 'adapter test',
  };
};
