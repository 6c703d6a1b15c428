import type { QboFailure, QboFaultError } from './qbo-fault.js';

const MENTIONS_DUPLICATE_NUMBER = [/duplicate\s+document\s+number/i, /num[ée]ro\s+de\s+document\s+en\s+double/i];

const codeOf = (error: QboFaultError): string => (typeof error.code === 'string' ? error.code : '').trim().replace(/^0+(?=\d)/, '');

/**
 * Whether one QBO error says "a transaction already has this number": 6140, or 6210 worded so (an
 * Intuit table files "Duplicate Document Number Error" under 6210, which the code list calls
 * "Account Period Closed": the wording is trusted there).
 */
export const isDuplicateNumberError = (error: QboFaultError): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const code = codeOf(error);
  const wording = `${typeof error.message === 'string' ? error.message : ''} ${typeof error.detail === 'string' ? error.detail : ''}`;
  return code === '6140' || (code === '6210' && MENTIONS_DUPLICATE_NUMBER.some((p) => p.test(wording)));
};

/**
 * The one classifier of the duplicate-number fault, used by the write protocol and by the causes.
 * What it means is settled by a look-up, never by the fault: the transaction may be ours (an
 * earlier post whose answer was lost) or not (typed in QBO, another tool). So a post that meets it
 * has an unknown outcome (`postFailureEffect`), the look-up adopts only with proof
 * (`proveOwnership`), and what is not proven ours is the visible `cause.duplicate-document-number`.
 * @returns whether the failure says the `DocNumber` is already used
 */
export const isDuplicateDocumentNumber = (failure: QboFailure): boolean =>
  typeof failure === 'object' &&
  failure !== null &&
  failure.kind === 'qbo.fault' &&
  Array.isArray(failure.errors) &&
  failure.errors.some(isDuplicateNumberError);
