import { isTransient } from '../policy/retry-policy.js';
import { describe, expect, it } from 'vitest';
import { decimal } from '../shared/decimal.js';
import { explainCause } from './explain-cause.js';
import type { SyncFailureCause } from './sync-failure-cause.js';

describe('explainCause', () => {
  it('discounts disabled: the French message and fix of the help article, QBO detail kept apart', () => {
    const explanation = explainCause({
      kind: 'cause.discounts-disabled',
      qboCode: '6000',
      qboDetail: 'Business Validation Error: discounts are off',
      intuitTid: 'tid-7',
    });
    expect(explanation).toEqual({
      title: { fr: 'prise en charge des rabais non activée dans QuickBooks', en: 'discounts not enabled in QuickBooks' },
      message: { fr: 'La prise en charge des rabais n’est pas activée dans QuickBooks.', en: 'Discounts are not enabled in QuickBooks.' },
      fix: {
        fr: 'Dans QuickBooks, cliquez sur la roue dentée (⚙) > Paramètres du compte > Ventes, activez « Rabais » (prise en charge des rabais), puis cliquez sur « Resynchroniser cet élément ».',
        en: 'In QuickBooks, click the gear icon (⚙) > Account and settings > Sales, turn on “Discount”, then click “Resync this item”.',
      },
      retryable: true,
      qboDetail: 'Business Validation Error: discounts are off',
      qboCode: '6000',
      intuitTid: 'tid-7',
    });
  });

  it('a missing tax code names the rate the French way', () => {
    const explanation = explainCause({ kind: 'cause.tax-code-missing', rate: decimal(55, 1) });
    expect(explanation.title).toEqual({ fr: 'taux de TVA 5,5 % sans code de taxe', en: 'VAT rate 5.5% has no tax code' });
    expect(explanation.message.fr).toBe('Le taux de TVA 5,5 % n’a pas de code de taxe dans QuickBooks.');
    expect(explanation.fix.fr).toBe(
      'Dans QuickBooks, ouvrez le menu Taxes et créez (ou réactivez) un code de taxe au taux de 5,5 %, puis cliquez sur « Resynchroniser cet élément ».',
    );
  });

  it('a duplicate number says which number and what holds it', () => {
    const explanation = explainCause({
      kind: 'cause.duplicate-document-number',
      docNumber: 'OGUSTINE_2024-01-15',
      existingTxnType: 'Invoice',
      existingTxnId: '130',
    });
    expect(explanation.message.fr).toBe(
      'Le numéro OGUSTINE_2024-01-15 est déjà utilisé dans QuickBooks par une facture qu’Ogustine n’a pas envoyée.',
    );
    const byCreditNote = explainCause({ kind: 'cause.duplicate-document-number', docNumber: 'OGUSTINE_1', existingTxnType: 'CreditMemo' });
    expect(byCreditNote.message.fr).toBe('Le numéro OGUSTINE_1 est déjà utilisé dans QuickBooks par un avoir qu’Ogustine n’a pas envoyé.');
    expect(explanation.fix.fr).toContain('recherchez le numéro OGUSTINE_2024-01-15');
  });

  it('an uncertain outcome says "Vérification dans QuickBooks…" and asks for nothing', () => {
    const explanation = explainCause({ kind: 'cause.outcome-unknown' });
    expect(explanation.message.fr.startsWith('Vérification dans QuickBooks…')).toBe(true);
    expect(explanation.fix.fr).toContain('Aucune action n’est nécessaire');
    expect(explanation).toMatchObject({ retryable: true });
  });

  it('authorization lost says to reconnect', () => {
    const explanation = explainCause({ kind: 'cause.authorization-lost' });
    expect(explanation.fix.fr).toContain('« Se connecter à QuickBooks »');
  });

  it('a total mismatch shows both amounts in euros, and is not retryable (a bug of ours)', () => {
    const explanation = explainCause({ kind: 'cause.total-mismatch', expected: 12345, actual: 12346, currency: 'EUR' });
    expect(explanation.message.fr).toBe('Le total calculé par QuickBooks (123,46 €) diffère de celui d’Ogustine (123,45 €).');
    expect(explanation.message.en).toBe('The total computed by QuickBooks (€123.46) differs from Ogustine’s (€123.45).');
    expect(explanation).toMatchObject({ retryable: false });
  });

  it('a prerequisite uses the wording of the prerequisite check', () => {
    const cause: SyncFailureCause = {
      kind: 'cause.prerequisite',
      prerequisite: {
        kind: 'prerequisite.custom-transaction-numbers-off',
        message: { fr: 'Les numéros d’opérations personnalisés sont désactivés.', en: 'Custom transaction numbers are off.' },
        fix: { fr: 'Activez-les.', en: 'Turn them on.' },
        documentIds: [],
      },
    };
    expect(explainCause(cause)).toMatchObject({
      title: { fr: 'numéros d’opérations personnalisés désactivés' },
      message: { fr: 'Les numéros d’opérations personnalisés sont désactivés.' },
      fix: { fr: 'Activez-les.' },
    });
  });

  it.each<[SyncFailureCause, boolean, boolean]>([
    [{ kind: 'cause.qbo-unavailable', reason: 'timeout' }, true, true],
    [{ kind: 'cause.stale-object' }, true, true],
    [{ kind: 'cause.pdf-attachment-failed' }, true, true],
    [{ kind: 'cause.invalid-reference' }, false, true],
    [{ kind: 'cause.duplicate-customer-name' }, false, true],
    [{ kind: 'cause.business-validation', qboDetail: 'x' }, false, true],
    [{ kind: 'cause.number-not-representable', detail: { fr: 'Trop long.', en: 'Too long.' } }, false, false],
    [{ kind: 'cause.unknown' }, false, true],
  ])('%o is transient=%s, retryable=%s', (cause, transient, retryable) => {
    expect(isTransient(cause)).toBe(transient);
    expect(explainCause(cause).retryable).toBe(retryable);
  });
});
