import { describe, expect, test } from 'vitest';
import { docNumberFor, explainNumberingError, ogustineNumberFromDocNumber, QBO_DOC_NUMBER_MAX_LENGTH } from './numbering.js';

describe('docNumberFor', () => {
  test('prefixes an Ogustine number with OGUSTINE_', () => {
    expect(docNumberFor('2024-01-15')._unsafeUnwrap()).toBe('OGUSTINE_2024-01-15');
  });

  test('accepts letters, digits and - _ / . up to 12 characters (21 in all)', () => {
    const docNumber = docNumberFor('Ab9-_/.Z0123')._unsafeUnwrap();
    expect(docNumber).toBe('OGUSTINE_Ab9-_/.Z0123');
    expect(docNumber).toHaveLength(QBO_DOC_NUMBER_MAX_LENGTH);
  });

  test('refuses an empty number', () => {
    expect(docNumberFor('')._unsafeUnwrapErr()).toEqual({ kind: 'numbering.empty' });
  });

  test('refuses a 13-character number instead of truncating it', () => {
    expect(docNumberFor('2024-01-15-01')._unsafeUnwrapErr()).toEqual({ kind: 'numbering.too-long', length: 13, max: 12 });
  });

  test('refuses spaces, accents, quotes and invisible characters, naming the first one', () => {
    expect(docNumberFor(' 2024')._unsafeUnwrapErr()).toEqual({ kind: 'numbering.invalid-character', character: ' ' });
    expect(docNumberFor('F-é1')._unsafeUnwrapErr()).toEqual({ kind: 'numbering.invalid-character', character: 'é' });
    expect(docNumberFor("A'1")._unsafeUnwrapErr()).toEqual({ kind: 'numbering.invalid-character', character: "'" });
    expect(docNumberFor('A\t1')._unsafeUnwrapErr()).toEqual({ kind: 'numbering.invalid-character', character: '\t' });
    expect(docNumberFor('A🙂')._unsafeUnwrapErr()).toEqual({ kind: 'numbering.invalid-character', character: '🙂' });
  });
});

describe('ogustineNumberFromDocNumber', () => {
  test('reads back the Ogustine number of a DocNumber the module wrote', () => {
    expect(ogustineNumberFromDocNumber('OGUSTINE_2024-01-15')).toBe('2024-01-15');
  });

  test('is undefined for DocNumbers the module does not write', () => {
    for (const docNumber of [
      '1069',
      'F1001',
      'OGUSTINE_',
      'ogustine_2024-01-15',
      'OGUSTINE_2024 01',
      'OGUSTINE_2024-01-15-01',
      'XOGUSTINE_1',
    ]) {
      expect(ogustineNumberFromDocNumber(docNumber)).toBeUndefined();
    }
  });
});

describe('explainNumberingError', () => {
  test('says in French first what is wrong and that the document cannot be sent as it is', () => {
    const tooLong = explainNumberingError({ kind: 'numbering.too-long', length: 14, max: 12 });
    expect(tooLong.fr).toBe(
      'Le numéro du document compte 14 caractères, mais QuickBooks n’en accepte que 12 après « OGUSTINE_ » (21 au total). Le document ne peut pas être envoyé à QuickBooks tel quel.',
    );
    expect(tooLong.en).toContain('cannot be sent to QuickBooks as it is');
    expect(explainNumberingError({ kind: 'numbering.empty' }).fr).toBe(
      'Le document n’a pas de numéro. Le document ne peut pas être envoyé à QuickBooks tel quel.',
    );
  });

  test('shows a visible character quoted and an invisible one by its code', () => {
    expect(explainNumberingError({ kind: 'numbering.invalid-character', character: 'é' }).fr).toContain('contient « é »');
    expect(explainNumberingError({ kind: 'numbering.invalid-character', character: ' ' }).fr).toContain('contient une espace');
    expect(explainNumberingError({ kind: 'numbering.invalid-character', character: '\t' }).en).toContain('an invisible character (U+0009)');
  });
});
