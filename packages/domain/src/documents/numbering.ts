import { err, ok, type Result } from 'neverthrow';
import { localized, type Localized } from '../shared/localized.js';

/** What every DocNumber written by the module starts with: it tells our transactions from the others in QBO. */
export const DOC_NUMBER_PREFIX = 'OGUSTINE_';

/** QBO refuses a longer `DocNumber` (error 2050, "Min:0 Max:21"). */
export const QBO_DOC_NUMBER_MAX_LENGTH = 21;

/** The longest Ogustine number that fits after the prefix: 12 characters. */
export const OGUSTINE_NUMBER_MAX_LENGTH = QBO_DOC_NUMBER_MAX_LENGTH - DOC_NUMBER_PREFIX.length;

/** Why an Ogustine number cannot become a QBO DocNumber. */
export type NumberingError =
  | { readonly kind: 'numbering.empty' }
  | { readonly kind: 'numbering.too-long'; readonly length: number; readonly max: number }
  | { readonly kind: 'numbering.invalid-character'; readonly character: string };

/*
 * Only ASCII letters, digits and `-_/.` are allowed. The DocNumber is printed by QBO on screens and
 * PDFs, typed by an office manager into QBO's search box, and matched by the module's reconciliation
 * query (`DocNumber = '…'`): a space, a quote, an accent (NFC vs NFD) or an invisible character would
 * make it ambiguous to read, hard to type, or break the query, so it is refused rather than altered.
 * The characters are single UTF-16 units, so the length counted here is the length QBO counts.
 */
const ALLOWED_CHARACTER = /^[A-Za-z0-9\-_/.]$/;

/**
 * The QBO DocNumber of a document: `OGUSTINE_` + its Ogustine number, unchanged (never trimmed,
 * truncated or rewritten, so two numbers never share a DocNumber).
 * @returns ok(docNumber) of at most 21 characters
 * @returns err('numbering.empty') if the number is empty
 * @returns err('numbering.invalid-character') with the first character that is not a letter, digit, `-`, `_`, `/` or `.`
 * @returns err('numbering.too-long') if the number has more than 12 characters
 */
export const docNumberFor = (ogustineNumber: string): Result<string, NumberingError> => {
  if (ogustineNumber.length === 0) return err({ kind: 'numbering.empty' });
  // Iterating by code point reports an emoji as one character, not as half a surrogate pair.
  for (const character of ogustineNumber) {
    if (!ALLOWED_CHARACTER.test(character)) return err({ kind: 'numbering.invalid-character', character });
  }
  if (ogustineNumber.length > OGUSTINE_NUMBER_MAX_LENGTH) {
    return err({ kind: 'numbering.too-long', length: ogustineNumber.length, max: OGUSTINE_NUMBER_MAX_LENGTH });
  }
  return ok(DOC_NUMBER_PREFIX + ogustineNumber);
};

/**
 * The Ogustine number behind a DocNumber read from QBO, for reconciliation: only a DocNumber that
 * `docNumberFor` could have written is ours.
 * @returns the Ogustine number, or undefined when the DocNumber is not one the module writes
 */
export const ogustineNumberFromDocNumber = (docNumber: string): string | undefined => {
  if (!docNumber.startsWith(DOC_NUMBER_PREFIX)) return undefined;
  const number = docNumber.slice(DOC_NUMBER_PREFIX.length);
  return docNumberFor(number).isOk() ? number : undefined;
};

/** A character as a person can read it in a message: visible ones quoted, invisible ones by code point. */
const showCharacter = (character: string): Localized => {
  const codePoint = character.codePointAt(0) ?? 0;
  const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  if (character === ' ') return localized('une espace', 'a space');
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character)) return localized(`« ${character} »`, `“${character}”`);
  return localized(`un caractère invisible (${code})`, `an invisible character (${code})`);
};

/**
 * What is wrong with the number, for the office manager, and that the document cannot be sent as it is.
 * @returns a French and English text
 */
export const explainNumberingError = (e: NumberingError): Localized => {
  const cannotSend = localized(
    'Le document ne peut pas être envoyé à QuickBooks tel quel.',
    'The document cannot be sent to QuickBooks as it is.',
  );
  switch (e.kind) {
    case 'numbering.empty':
      return localized(`Le document n’a pas de numéro. ${cannotSend.fr}`, `The document has no number. ${cannotSend.en}`);
    case 'numbering.too-long':
      return localized(
        `Le numéro du document compte ${e.length} caractères, mais QuickBooks n’en accepte que ${e.max} après « ${DOC_NUMBER_PREFIX} » (${QBO_DOC_NUMBER_MAX_LENGTH} au total). ${cannotSend.fr}`,
        `The document number has ${e.length} characters, but QuickBooks accepts only ${e.max} after “${DOC_NUMBER_PREFIX}” (${QBO_DOC_NUMBER_MAX_LENGTH} in all). ${cannotSend.en}`,
      );
    case 'numbering.invalid-character': {
      const shown = showCharacter(e.character);
      return localized(
        `Le numéro du document contient ${shown.fr}. Seuls les lettres sans accent, les chiffres et les signes - _ / . sont acceptés dans un numéro QuickBooks. ${cannotSend.fr}`,
        `The document number contains ${shown.en}. Only unaccented letters, digits and the signs - _ / . are accepted in a QuickBooks number. ${cannotSend.en}`,
      );
    }
  }
};
