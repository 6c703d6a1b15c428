import { describe, expect, it } from 'vitest';
import { decimal } from '../shared/decimal.js';
import { causeFromQboFailure } from './cause-from-qbo-failure.js';
import type { QboFailure, QboFaultError } from './qbo-fault.js';
import { causeFromPrerequisite, causeKey } from './sync-failure-cause.js';

type RawError = Record<string, string | null | undefined>;

/** Reads a real QBO body the way the adapter does (both envelopes: `Fault.Error` and `fault.error`). */
const faultFromBody = (status: number, body: string, intuitTid?: string): QboFailure => {
  const parsed = JSON.parse(body) as { Fault?: { Error: RawError[]; type: string }; fault?: { error: RawError[]; type: string } };
  const fault = parsed.Fault ?? { Error: parsed.fault?.error ?? [], type: parsed.fault?.type ?? '' };
  const errors: QboFaultError[] = fault.Error.map((e) => ({
    code: e['code'] ?? '',
    message: e['Message'] ?? e['message'] ?? '',
    detail: e['Detail'] ?? e['detail'] ?? '',
    ...(e['element'] ? { element: e['element'] } : {}),
  }));
  return { kind: 'qbo.fault', status, errors, faultType: fault.type, ...(intuitTid === undefined ? {} : { intuitTid }) };
};

const batchItem = (fault: object): string => JSON.stringify(fault);

describe('causeFromQboFailure, real bodies from QBO-API.md §6 and §10', () => {
  it('6000 "Make sure all your transactions have a VAT rate" (UK) is a missing tax code, with QBO detail kept', () => {
    const body =
      '{"Fault":{"Error":[{"Message":"A business validation error has occurred while processing your request","Detail":"Business Validation Error: Make sure all your transactions have a VAT rate before you save.","code":"6000","element":""}],"type":"ValidationFault"},"time":"2025-07-26T21:32:59.136-07:00"}';
    expect(causeFromQboFailure(faultFromBody(400, body, 'tid-1'))).toEqual({
      kind: 'cause.tax-code-missing',
      qboCode: '6000',
      qboDetail: 'Business Validation Error: Make sure all your transactions have a VAT rate before you save.',
      intuitTid: 'tid-1',
    });
  });

  it('6000 "…a GST/HST rate…" (Canada, activepieces#8539) is a missing tax code', () => {
    const body =
      '{"Fault":{"Error":[{"Message":"A business validation error has occurred while processing your request","Detail":"Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.","code":"6000","element":""}],"type":"ValidationFault"},"time":"2025-07-26T21:32:59.136-07:00"}';
    expect(causeFromQboFailure(faultFromBody(400, body)).kind).toBe('cause.tax-code-missing');
  });

  it('6000 with the older "do not have a tax code associated" wording is a missing tax code', () => {
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [
        {
          code: '6000',
          message: 'A business validation error has occurred while processing your request',
          detail:
            'Business Validation Error: One or more transaction lines do not have a tax code associated with it. Please assign a tax code for those lines',
        },
      ],
    };
    expect(causeFromQboFailure(failure).kind).toBe('cause.tax-code-missing');
  });

  it.each([
    'Erreur de validation commerciale : Assurez-vous que toutes vos opérations ont un taux de TVA avant de les enregistrer.',
    'Erreur de validation commerciale : une ou plusieurs lignes n’ont pas de code de taxe.',
  ])('6000 in French wording about VAT is a missing tax code: %s', (detail) => {
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6000', message: 'Une erreur de validation commerciale s’est produite', detail }],
    };
    expect(causeFromQboFailure(failure).kind).toBe('cause.tax-code-missing');
  });

  it.each(['6100', '6470'])('code %s (invalid line TaxCode, no tax rate) is a missing tax code', (code) => {
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code, message: 'Invalid tax code', detail: '' }],
    };
    expect(causeFromQboFailure(failure)).toEqual({ kind: 'cause.tax-code-missing', qboCode: code, qboDetail: 'Invalid tax code' });
  });

  it.each([
    'Business Validation Error: Discounts are not enabled for this company. Turn on discounts in your company settings.',
    'Business Validation Error: You must turn on the discount preference to use discount lines.',
    'Erreur de validation commerciale : les remises ne sont pas activées dans les paramètres de votre entreprise.',
    'Erreur de validation commerciale : activez la prise en charge des rabais.',
  ])('6000 whose detail says discounts are off, in English or French, is "discounts disabled": %s', (detail) => {
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6000', message: 'A business validation error has occurred while processing your request', detail }],
    };
    expect(causeFromQboFailure(failure)).toEqual({ kind: 'cause.discounts-disabled', qboCode: '6000', qboDetail: detail });
  });

  it('6000 "The discount amount can\'t be greater than the subtotal" is about our amounts, not the setting: business validation, detail kept', () => {
    const detail = "Business Validation Error: The discount amount can't be greater than the subtotal";
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6000', message: 'A business validation error has occurred while processing your request', detail }],
    };
    expect(causeFromQboFailure(failure)).toEqual({ kind: 'cause.business-validation', qboCode: '6000', qboDetail: detail });
  });

  it('6000 replayed batch ("An unexpected error occurred while accessing or saving your data") is business validation with QBO detail kept', () => {
    const detail =
      'Business Validation Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.';
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6000', message: 'A business validation error has occurred while processing your request', detail }],
    };
    expect(causeFromQboFailure(failure)).toEqual({ kind: 'cause.business-validation', qboCode: '6000', qboDetail: detail });
  });

  it('6140 Duplicate Document Number keeps the number and the QBO transaction that holds it', () => {
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [
        {
          code: '6140',
          message: 'Duplicate Document Number Error',
          detail:
            'Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=OGUSTINE_2024-01-15 is assigned to TxnType=Invoice with TxnId=130.',
          element: '',
        },
      ],
    };
    expect(causeFromQboFailure(failure)).toMatchObject({
      kind: 'cause.duplicate-document-number',
      docNumber: 'OGUSTINE_2024-01-15',
      existingTxnType: 'Invoice',
      existingTxnId: '130',
      qboCode: '6140',
    });
  });

  it('6210 with the duplicate-number wording (Intuit blog table) is a duplicate number; 6210 otherwise is business validation', () => {
    const duplicate: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6210', message: 'Duplicate Document Number Error', detail: 'You must specify a different number.' }],
    };
    const closed: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6210', message: 'Account Period Closed', detail: 'The account period has closed.' }],
    };
    expect(causeFromQboFailure(duplicate).kind).toBe('cause.duplicate-document-number');
    expect(causeFromQboFailure(closed).kind).toBe('cause.business-validation');
  });

  it('batch item faults (§10): 6240 is a duplicate customer name and 5010 a stale object', () => {
    const dupName = batchItem({
      Fault: {
        type: 'ValidationFault',
        Error: [
          {
            Message: 'Duplicate Name Exists Error',
            code: '6240',
            Detail:
              'The name supplied already exists. : Another customer, vendor or employee is already using this \nname. Please use a different name.',
            element: '',
          },
        ],
      },
    });
    const stale = batchItem({
      Fault: {
        type: 'ValidationFault',
        Error: [
          {
            Message: 'Stale Object Error',
            code: '5010',
            Detail:
              'Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.',
            element: '',
          },
        ],
      },
    });
    expect(causeFromQboFailure(faultFromBody(200, dupName))).toMatchObject({ kind: 'cause.duplicate-customer-name', qboCode: '6240' });
    expect(causeFromQboFailure(faultFromBody(200, stale))).toMatchObject({ kind: 'cause.stale-object', qboCode: '5010' });
  });

  it.each([
    [
      '610',
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    ],
    ['2500', 'Invalid Reference Id : Customer assigned to this transaction has been deleted.'],
    ['6250', 'Invalid or inactive customer'],
  ])('code %s (customer or item inactive or deleted in QBO) is an invalid reference', (code, detail) => {
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code, message: 'Object Not Found', detail }],
    };
    expect(causeFromQboFailure(failure)).toMatchObject({ kind: 'cause.invalid-reference', qboCode: code, qboDetail: detail });
  });

  it('the 401 envelope with lowercase keys (python-quickbooks#118) means the authorization is lost, without the token quoted in its detail', () => {
    const body =
      '{"warnings":null,"intuitObject":null,"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401","detail":"Token expired: eyJlbmMiOi","code":"3200","element":null}],"type":"AUTHENTICATION"},"report":null,"queryResponse":null,"batchItemResponse":[],"attachableResponse":[],"syncErrorResponse":null,"requestId":null,"time":1533811101733,"status":null,"cdcresponse":[]}';
    expect(causeFromQboFailure(faultFromBody(401, body))).toEqual({ kind: 'cause.authorization-lost', qboCode: '3200' });
  });

  it('the 403 ApplicationAuthorizationFailed body (3100, detail null) means the authorization is lost', () => {
    const body =
      '{"fault":{"error":[{"message":"message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403","detail":null,"code":"3100"}],"type":"SERVICE"}}';
    expect(causeFromQboFailure(faultFromBody(403, body))).toEqual({ kind: 'cause.authorization-lost', qboCode: '3100' });
  });

  it('401 on the API and invalid_grant on the token endpoint (both qbo.unauthorized) mean reconnect', () => {
    expect(causeFromQboFailure({ kind: 'qbo.unauthorized' })).toEqual({ kind: 'cause.authorization-lost' });
  });

  it('a throttle fault (3001, §4) and a 429 are QBO unavailable, throttled: transient', () => {
    const fault: QboFailure = {
      kind: 'qbo.fault',
      status: 429,
      faultType: 'SERVICE',
      errors: [
        {
          code: '3001',
          message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
          detail: 'The request limit was reached.  Try again later',
        },
      ],
    };
    expect(causeFromQboFailure(fault)).toMatchObject({ kind: 'cause.qbo-unavailable', reason: 'throttled' });
    expect(causeFromQboFailure({ ...fault, status: 403 })).toMatchObject({
      kind: 'cause.qbo-unavailable',
      reason: 'throttled',
      qboCode: '3001',
    });
    expect(causeFromQboFailure({ kind: 'qbo.throttled' })).toEqual({ kind: 'cause.qbo-unavailable', reason: 'throttled' });
  });

  it('5xx, time-outs and network failures are QBO unavailable', () => {
    const systemFault: QboFailure = {
      kind: 'qbo.fault',
      status: 500,
      faultType: 'SystemFault',
      errors: [
        { code: '10000', message: 'An application error has occurred while processing your request', detail: 'System Failure Error' },
      ],
    };
    expect(causeFromQboFailure(systemFault)).toMatchObject({ kind: 'cause.qbo-unavailable', reason: 'server-error' });
    expect(causeFromQboFailure({ kind: 'qbo.fault', status: 503, faultType: '', errors: [] })).toMatchObject({
      kind: 'cause.qbo-unavailable',
      reason: 'server-error',
      status: 503,
    });
    expect(causeFromQboFailure({ kind: 'qbo.unavailable', status: 502 })).toEqual({
      kind: 'cause.qbo-unavailable',
      reason: 'server-error',
      status: 502,
    });
    expect(causeFromQboFailure({ kind: 'qbo.timeout' })).toEqual({ kind: 'cause.qbo-unavailable', reason: 'timeout' });
    expect(causeFromQboFailure({ kind: 'qbo.network' })).toEqual({ kind: 'cause.qbo-unavailable', reason: 'network' });
  });

  it('during a write, a time-out, a broken connection or a 5xx leave the outcome unknown; a throttle or a validation fault do not', () => {
    const write = { duringWrite: true };
    expect(causeFromQboFailure({ kind: 'qbo.timeout' }, write)).toEqual({ kind: 'cause.outcome-unknown' });
    expect(causeFromQboFailure({ kind: 'qbo.network' }, write)).toEqual({ kind: 'cause.outcome-unknown' });
    expect(causeFromQboFailure({ kind: 'qbo.unavailable', status: 500 }, write)).toEqual({ kind: 'cause.outcome-unknown' });
    expect(causeFromQboFailure({ kind: 'qbo.throttled' }, write).kind).toBe('cause.qbo-unavailable');
    const dup: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6240', message: 'Duplicate Name Exists Error', detail: '' }],
    };
    expect(causeFromQboFailure(dup, write).kind).toBe('cause.duplicate-customer-name');
  });

  it('attachment upload codes (6020–6050) are a PDF attachment failure', () => {
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6030', message: 'Upload size exceeds limit', detail: 'The file is too large' }],
    };
    expect(causeFromQboFailure(failure).kind).toBe('cause.pdf-attachment-failed');
  });

  it('when QBO lists several errors, the precise one wins over a generic one', () => {
    const failure: QboFailure = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [
        { code: '2010', message: 'Request has invalid or unsupported property', detail: 'Property Name:Unrecognized field "X"' },
        { code: '6240', message: 'Duplicate Name Exists Error', detail: 'The name supplied already exists.' },
      ],
    };
    expect(causeFromQboFailure(failure).kind).toBe('cause.duplicate-customer-name');
  });

  it('the intuit_tid of a throttled, unauthorized or unavailable answer (no fault body) is kept for support', () => {
    expect(causeFromQboFailure({ kind: 'qbo.throttled', intuitTid: 'tid-t' })).toEqual({
      kind: 'cause.qbo-unavailable',
      reason: 'throttled',
      intuitTid: 'tid-t',
    });
    expect(causeFromQboFailure({ kind: 'qbo.unauthorized', intuitTid: 'tid-u' })).toEqual({
      kind: 'cause.authorization-lost',
      intuitTid: 'tid-u',
    });
    expect(causeFromQboFailure({ kind: 'qbo.unavailable', status: 503, intuitTid: 'tid-5' })).toEqual({
      kind: 'cause.qbo-unavailable',
      reason: 'server-error',
      status: 503,
      intuitTid: 'tid-5',
    });
    expect(causeFromQboFailure({ kind: 'qbo.unavailable', intuitTid: 'tid-6' })).toEqual({
      kind: 'cause.qbo-unavailable',
      reason: 'server-error',
      intuitTid: 'tid-6',
    });
  });

  it('unknown codes and empty faults are "unknown", with what QBO said kept for support', () => {
    const odd: QboFailure = {
      kind: 'qbo.fault',
      status: 404,
      faultType: 'X',
      errors: [{ code: '9999', message: 'Something', detail: 'Odd detail' }],
      intuitTid: 'tid-9',
    };
    expect(causeFromQboFailure(odd)).toEqual({ kind: 'cause.unknown', qboCode: '9999', qboDetail: 'Odd detail', intuitTid: 'tid-9' });
    expect(causeFromQboFailure({ kind: 'qbo.fault', status: 400, faultType: '', errors: [] })).toEqual({
      kind: 'cause.unknown',
      status: 400,
    });
  });
});

describe('causeFromPrerequisite and causeKey', () => {
  const unmet = {
    message: { fr: 'm', en: 'm' },
    fix: { fr: 'f', en: 'f' },
    documentIds: [],
  };

  it('a discounts prerequisite and a discounts fault share one group', () => {
    const fromPrerequisite = causeFromPrerequisite({ kind: 'prerequisite.discounts-not-allowed', ...unmet });
    expect(fromPrerequisite).toEqual({ kind: 'cause.discounts-disabled' });
    expect(causeKey(fromPrerequisite)).toBe(
      causeKey({ kind: 'cause.discounts-disabled', qboCode: '6000', qboDetail: 'x', intuitTid: 't' }),
    );
    expect(causeKey({ kind: 'cause.prerequisite', prerequisite: { kind: 'prerequisite.discounts-not-allowed', ...unmet } })).toBe(
      'discounts-disabled',
    );
  });

  it('a rate without tax code groups by rate, whatever its writing (5.5 and 5.50)', () => {
    const fromPrerequisite = causeFromPrerequisite({ kind: 'prerequisite.tax-code-missing', rate: decimal(55, 1), ...unmet });
    expect(causeKey(fromPrerequisite)).toBe('tax-code-missing:5.5');
    expect(causeKey({ kind: 'cause.tax-code-missing', rate: decimal(550, 2) })).toBe('tax-code-missing:5.5');
    expect(
      causeKey({ kind: 'cause.prerequisite', prerequisite: { kind: 'prerequisite.tax-code-missing', rate: decimal(55, 1), ...unmet } }),
    ).toBe('tax-code-missing:5.5');
    expect(causeKey({ kind: 'cause.tax-code-missing', qboCode: '6000' })).toBe('tax-code-missing');
  });

  it('other prerequisites stay prerequisites, keyed by kind', () => {
    const cause = causeFromPrerequisite({ kind: 'prerequisite.vat-not-set-up', ...unmet });
    expect(cause.kind).toBe('cause.prerequisite');
    expect(causeKey(cause)).toBe('prerequisite:vat-not-set-up');
  });

  it('business validation groups by QBO code and detail, ignoring case and spacing', () => {
    expect(causeKey({ kind: 'cause.business-validation', qboCode: '6000', qboDetail: 'The  account period has closed.' })).toBe(
      causeKey({ kind: 'cause.business-validation', qboCode: '6000', qboDetail: 'the account period has closed. ', intuitTid: 'x' }),
    );
  });
});
