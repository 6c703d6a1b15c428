// QBO validation faults: codes, Messages and Details as QBO-API.md §6 records them (UNCONFIRMED wordings are
// listed in the README's "Accounting API choices").

export interface QboError {
  readonly code: string;
  readonly message: string;
  readonly detail: string;
  readonly element: string;
}

/** The result of an operation: a value, or the faults QBO would answer with (HTTP 400 unless `status` says). */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly QboError[]; readonly status?: number };

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failure = <T = never>(...errors: QboError[]): Outcome<T> => ({ ok: false, errors });

const businessMessage = 'A business validation error has occurred while processing your request';

export const faults = {
  required: (element: string): QboError => ({
    code: '2020',
    message: 'Required param missing, need to supply the required value for the API',
    detail: `Required parameter ${element} is missing in the request`,
    element,
  }),
  tooLong: (element: string, max: number, supplied: number): QboError => ({
    code: '2050',
    message: 'String length is either shorter or longer than supported by specification',
    detail: `String length specified does not match the supported length. Min:0 Max:${max} supported. Supplied length:${supplied}`,
    element,
  }),
  invalidString: (element: string, detail: string): QboError => ({ code: '2040', message: 'Invalid String', detail, element }),
  invalidNumber: (element: string): QboError => ({
    code: '2090',
    message: 'Invalid Number',
    detail: `Invalid Number : ${element}`,
    element,
  }),
  invalidDate: (element: string, value: string): QboError => ({
    code: '2060',
    message: 'Invalid Date',
    detail: `Invalid Date : ${element} ${value} is not a date (yyyy-MM-dd).`,
    element,
  }),
  invalidNumberRange: (element: string, detail: string): QboError => ({ code: '2240', message: 'Invalid Number Range', detail, element }),
  invalidEnumeration: (element: string, value: string): QboError => ({
    code: '2170',
    message: 'Invalid Enumeration',
    detail: `Invalid Enumeration : ${value}`,
    element,
  }),
  invalidEmail: (element: string): QboError => ({
    code: '2210',
    message: 'Invalid Email Address format',
    detail: `Invalid Email Address format : ${element}`,
    element,
  }),
  invalidReference: (element: string, entity: string, id: string): QboError => ({
    code: '2500',
    message: 'Invalid Reference Id',
    detail: `Invalid Reference Id : ${entity} ${id} does not exist.`,
    element,
  }),
  objectNotFound: (element = ''): QboError => ({
    code: '610',
    message: 'Object Not Found',
    detail:
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    element,
  }),
  invalidAccountType: (element: string, expected: string): QboError => ({
    code: '6430',
    message: 'Invalid account type',
    detail: `Business Validation Error: ${element} must be an account of type ${expected}.`,
    element,
  }),
  cannotLink: (detail: string): QboError => ({ code: '620', message: 'Txn ID cannot be linked', detail, element: 'LinkedTxn' }),
  linkedTransaction: (type: string, id: string): QboError => ({
    code: '6000',
    message: businessMessage,
    detail: `Business Validation Error: ${type} ${id} is linked to other transactions. Unlink them before you delete it.`,
    element: '',
  }),
  stale: (): QboError => ({
    code: '5010',
    message: 'Stale Object Error',
    detail:
      'Stale Object Error : You and sandbox were working on this at the same time. sandbox finished before you did, so your work was not saved.',
    element: '',
  }),
  business: (text: string, element = ''): QboError => ({
    code: '6000',
    message: businessMessage,
    detail: `Business Validation Error: ${text}`,
    element,
  }),
  amountMismatch: (supplied: string): QboError => ({
    code: '6070',
    message: businessMessage,
    detail: `Business Validation Error: Amount is not equal to UnitPrice * Qty. Supplied value: ${supplied}`,
    element: '',
  }),
  discountMissingInfo: (): QboError => ({
    code: '6090',
    message: 'Discount Line missing required info',
    detail: 'Business Validation Error: A discount line needs a discount amount or a discount percent.',
    element: '',
  }),
  usLineTaxCode: (): QboError => ({
    code: '6100',
    message: 'Invalid line TaxCode',
    detail: 'Business Validation Error: For US, specify TAX or NON in TaxCodeRef.',
    element: 'TaxCodeRef',
  }),
  duplicateDocNumber: (docNumber: string, txnType: string, txnId: string): QboError => ({
    code: '6140',
    message: 'Duplicate Document Number Error',
    detail: `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
    element: '',
  }),
  taxDetailNotApplicable: (): QboError => ({
    code: '6170',
    message: businessMessage,
    detail: 'Business Validation Error: TxnTaxDetail is not allowed when GlobalTaxCalculation is NotApplicable.',
    element: 'TxnTaxDetail',
  }),
  duplicateName: (element = ''): QboError => ({
    code: '6240',
    message: 'Duplicate Name Exists Error',
    detail:
      'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.',
    element,
  }),
  unsupportedOperation: (what: string): QboError => ({
    code: '500',
    message: 'Unsupported Operation',
    detail: `Operation ${what} is not supported.`,
    element: '',
  }),
  unsupportedObject: (name: string): QboError => ({
    code: '2000',
    message: 'Invalid or unsupported object name',
    detail: `Unsupported object name: ${name}`,
    element: '',
  }),
  unrecognizedField: (name: string): QboError => ({
    code: '2010',
    message: 'Request has invalid or unsupported property',
    detail: `Property Name:Unrecognized field "${name}" specified value is not supported`,
    element: name,
  }),
  queryParse: (detail: string): QboError => ({
    code: '4000',
    message: 'Error parsing query',
    detail: `QueryParserError: ${detail}`,
    element: '',
  }),
  queryValidation: (detail: string): QboError => ({
    code: '4001',
    message: 'Invalid query',
    detail: `QueryValidationError: ${detail}`,
    element: '',
  }),
  batchTooLarge: (size: number): QboError => ({
    code: '1040',
    message: 'Batch size exceeds allowed limit',
    detail: `Batch size exceeds allowed limit : ${size} items supplied, at most 30 supported.`,
    element: '',
  }),
  uploadMetadata: (): QboError => ({
    code: '6040',
    message: 'Metadata must be of Attachable type',
    detail: 'Business Validation Error: The file_metadata part must hold an Attachable.',
    element: '',
  }),
  uploadNoLength: (): QboError => ({
    code: '6020',
    message: 'Content-Length missing',
    detail: 'Content-Length missing : the upload request must state its Content-Length.',
    element: '',
  }),
  uploadTooLarge: (size: number, max: number): QboError => ({
    code: '6030',
    message: 'Upload size exceeds limit',
    detail: `Upload size exceeds limit : ${size} bytes sent, at most ${max} supported.`,
    element: '',
  }),
  invalidUpload: (detail: string): QboError => ({ code: '6041', message: 'Invalid Uploaded File', detail, element: '' }),
  attachableRefType: (type: string): QboError => ({
    code: '6050',
    message: 'Entity reference type unsupported for Attachable',
    detail: `Business Validation Error: ${type} cannot take attachments.`,
    element: 'AttachableRef',
  }),
  malformedBody: (detail: string): QboError => ({
    code: '2010',
    message: 'Request has invalid or unsupported property',
    detail,
    element: '',
  }),
};

/** The JSON fault envelope of QBO-API.md §6 (inside a batch item, without `time`). */
export const faultObject = (
  errors: readonly QboError[],
): { Fault: { Error: { Message: string; Detail: string; code: string; element: string }[]; type: string } } => ({
  Fault: {
    Error: errors.map((e) => ({ Message: e.message, Detail: e.detail, code: e.code, element: e.element })),
    type: 'ValidationFault',
  },
});
