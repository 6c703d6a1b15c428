import { describe, expect, test } from 'vitest';
import { decimal } from '../shared/decimal.js';
import { aCompanyProfile, taxCodesFor } from '../testing/builders/company-profile.js';
import { aDocument, aLine } from '../testing/builders/document.js';
import { explainCause } from '../errors/explain-cause.js';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import { invoiceNotSent } from '../wording/credit-note.js';
import {
  decideDocument,
  explainDecision,
  explainHoldReason,
  explainRefusal,
  refusalCause,
  type DecisionContext,
} from './decide-document.js';
import { initialModuleState, type ModuleState } from './module-state.js';
import { checkPrerequisites } from './prerequisites.js';
import { syncSchedule } from './sync-schedule.js';
import type { UnmetPrerequisite } from './unmet-prerequisite.js';

const syncing: ModuleState = {
  connection: { kind: 'connected', realmId: 'R1', companyName: 'Ménage Services' },
  prerequisites: { kind: 'met' },
  initialSync: { kind: 'done', realmId: 'R1', progress: { total: 1, done: 1, failed: 0 } },
};

const doc = aDocument({ createdAt: Date.UTC(2027, 2, 10, 9), number: '2027-03-10' });
const context = (over: Partial<DecisionContext> = {}): DecisionContext => ({
  state: syncing,
  schedule: syncSchedule('2027-01-01'),
  now: Date.UTC(2027, 2, 10, 10),
  inQuickBooks: false,
  unmet: [],
  ...over,
});

describe('decide document', () => {
  test('a validated document is sent at once when everything is ready', () => {
    const decision = decideDocument(doc, context());
    expect(decision).toEqual({ kind: 'send-now', docNumber: 'OGUSTINE_2027-03-10' });
    expect(explainDecision(decision).fr).toBe('Envoi vers QuickBooks en cours.');
  });

  test('a document already in QuickBooks is refused, whatever else holds', () => {
    const decision = decideDocument(doc, context({ inQuickBooks: true, state: initialModuleState }));
    expect(decision).toEqual({ kind: 'refuse', reason: { kind: 'refusal.already-in-quickbooks' } });
    expect(explainDecision(decision).fr).toContain('Déjà dans QuickBooks');
  });

  test('a number QuickBooks cannot hold is refused with the numbering explanation', () => {
    const decision = decideDocument(aDocument({ number: '2027-03-10-0001' }), context());
    expect(decision.kind).toBe('refuse');
    expect(explainDecision(decision).fr).toContain('15 caractères');
  });

  test('held while not connected, then until the initial sync is launched', () => {
    expect(decideDocument(doc, context({ state: initialModuleState }))).toEqual({ kind: 'hold', reason: { kind: 'hold.not-connected' } });
    const connected: ModuleState = { ...syncing, initialSync: { kind: 'not-launched' } };
    const decision = decideDocument(doc, context({ state: connected }));
    expect(decision).toEqual({ kind: 'hold', reason: { kind: 'hold.initial-sync-not-launched' } });
    expect(explainDecision(decision).fr).toContain("la synchronisation initiale n'a pas encore été lancée");
  });

  test('documents validated during a running initial sync are sent', () => {
    const running: ModuleState = {
      ...syncing,
      initialSync: { kind: 'running', realmId: 'R1', progress: { total: 5, done: 1, failed: 0 } },
    };
    expect(decideDocument(doc, context({ state: running }))).toEqual({ kind: 'send-now', docNumber: 'OGUSTINE_2027-03-10' });
  });

  test('held while suspended, until the sync-from day', () => {
    const decision = decideDocument(doc, context({ schedule: syncSchedule('2027-03-12') }));
    expect(decision).toEqual({ kind: 'hold', reason: { kind: 'hold.suspended', until: '2027-03-12' } });
    expect(explainDecision(decision).fr).toContain("suspendue jusqu'au 12/03/2027");
  });

  test('held when created before the sync-from day', () => {
    const decision = decideDocument(aDocument({ createdAt: Date.UTC(2026, 11, 31, 22, 59) }), context());
    expect(decision).toEqual({ kind: 'hold', reason: { kind: 'hold.created-before-sync-from', syncFrom: '2027-01-01' } });
    expect(explainDecision(decision).fr).toContain('créé avant le 01/01/2027');
    // 23:00 UTC on 31 December is already 1 January in Paris.
    expect(decideDocument(aDocument({ createdAt: Date.UTC(2026, 11, 31, 23, 0) }), context())).toEqual({
      kind: 'send-now',
      docNumber: 'OGUSTINE_2024-01-15',
    });
  });

  test('held by the prerequisites that block it, and only those', () => {
    const at55 = aDocument({ id: 'D55', lines: [aLine({ vatRate: decimal(55, 1) })], createdAt: doc.createdAt });
    const unmet = checkPrerequisites(aCompanyProfile({ taxCodes: taxCodesFor('FR', [decimal(20)]) }), [at55]);
    const decision = decideDocument(at55, context({ unmet }));
    expect(decision).toEqual({ kind: 'hold', reason: { kind: 'hold.prerequisites', unmet } });
    expect(explainDecision(decision).fr).toContain('5,5 %');
    expect(decideDocument(doc, context({ unmet }))).toEqual({ kind: 'send-now', docNumber: 'OGUSTINE_2027-03-10' });
  });
});

describe('decide document: refusals, the launched initial sync, credit notes', () => {
  // 2 h at 25.00 € and 20 %: 50.00 € net, 10.00 € of VAT; stated 11.00 € instead.
  const wrongVat = aDocument({
    createdAt: doc.createdAt,
    number: '2027-03-11',
    totals: { net: 5000, vat: [{ rate: decimal(20), base: 5000, amount: 1100 }], gross: 6100 },
  });

  test('a VAT that its base and rate do not give is refused, before any hold, naming the first discrepancy', () => {
    const decision = decideDocument(wrongVat, context({ state: initialModuleState, unmet: [] }));
    expect(decision).toMatchObject({
      kind: 'refuse',
      reason: {
        kind: 'refusal.vat-inconsistent',
        currency: 'EUR',
        discrepancies: [{ rate: decimal(20), base: 5000, stated: 1100, computed: 1000 }],
      },
    });
    if (decision.kind !== 'refuse') throw new Error('refused above');
    const cause = refusalCause(decision.reason);
    expect(cause).toMatchObject({
      kind: 'cause.vat-inconsistent',
      rate: decimal(20),
      base: 5000,
      stated: 1100,
      computed: 1000,
      currency: 'EUR',
    });
    expect(explainDecision(decision)).toEqual(explainCause(cause as SyncFailureCause).message);
    // Already in QuickBooks comes first, the number next.
    expect(decideDocument(wrongVat, context({ inQuickBooks: true }))).toEqual({
      kind: 'refuse',
      reason: { kind: 'refusal.already-in-quickbooks' },
    });
    expect(decideDocument({ ...wrongVat, number: '2027-03-10-0001' }, context()).kind).toBe('refuse');
    expect(decideDocument({ ...wrongVat, number: '2027-03-10-0001' }, context())).toMatchObject({
      reason: { kind: 'refusal.number-not-representable' },
    });
  });

  test('the cause a refusal leaves in the error history', () => {
    const detail = { fr: 'Trop long.', en: 'Too long.' };
    expect(refusalCause({ kind: 'refusal.already-in-quickbooks' })).toBeNull();
    expect(refusalCause({ kind: 'refusal.number-not-representable', detail })).toEqual({ kind: 'cause.number-not-representable', detail });
    expect(refusalCause({ kind: 'refusal.vat-inconsistent', discrepancies: [], currency: 'EUR' })).toBeNull();
    const first = { rate: decimal(55, 1), base: 1000, stated: 60, computed: 55, tolerance: 1 };
    const second = { rate: decimal(20), base: 1000, stated: 210, computed: 200, tolerance: 1 };
    expect(refusalCause({ kind: 'refusal.vat-inconsistent', discrepancies: [first, second], currency: 'CHF' })).toEqual({
      kind: 'cause.vat-inconsistent',
      ...first,
      currency: 'CHF',
    });
  });

  test('refusals in plain words', () => {
    const detail = { fr: 'Trop long.', en: 'Too long.' };
    expect(explainRefusal({ kind: 'refusal.already-in-quickbooks' })).toEqual({
      fr: 'Déjà dans QuickBooks : ce document ne sera pas envoyé une seconde fois.',
      en: 'Already in QuickBooks: this document will not be sent a second time.',
    });
    expect(explainRefusal({ kind: 'refusal.number-not-representable', detail })).toBe(detail);
    expect(explainRefusal({ kind: 'refusal.vat-inconsistent', discrepancies: [], currency: 'EUR' })).toEqual({
      fr: 'TVA incohérente.',
      en: 'Inconsistent VAT.',
    });
  });

  test('the launched initial sync sends its documents whatever the state or schedule says now', () => {
    const notLaunched: ModuleState = { ...syncing, initialSync: { kind: 'not-launched' } };
    const send = { kind: 'send-now', docNumber: 'OGUSTINE_2027-03-10' };
    expect(decideDocument(doc, context({ state: notLaunched, launchedInitialSync: true }))).toEqual(send);
    expect(decideDocument(doc, context({ state: notLaunched, launchedInitialSync: false }))).toEqual({
      kind: 'hold',
      reason: { kind: 'hold.initial-sync-not-launched' },
    });
    // A suspension or a later sync-from day chosen after the launch applies to automatic sync only.
    expect(decideDocument(doc, context({ schedule: syncSchedule('2027-03-12'), launchedInitialSync: true }))).toEqual(send);
    expect(decideDocument(doc, context({ schedule: syncSchedule('2027-03-12'), launchedInitialSync: false }))).toMatchObject({
      reason: { kind: 'hold.suspended' },
    });
    expect(decideDocument(doc, context({ schedule: syncSchedule('2027-03-01'), now: Date.UTC(2027, 2, 20) }))).toEqual(send);
    // Not connected still holds it: there is nowhere to send it.
    expect(decideDocument(doc, context({ state: initialModuleState, launchedInitialSync: true }))).toEqual({
      kind: 'hold',
      reason: { kind: 'hold.not-connected' },
    });
  });

  test('a credit note waits for its invoice while that invoice is to be sent, after the prerequisites', () => {
    const note = aDocument({ kind: 'credit_note', correctsInvoiceId: 'D0', createdAt: doc.createdAt, number: '2027-03-10' });
    for (const failed of [false, true]) {
      const decision = decideDocument(note, context({ correctedInvoice: { kind: 'not-sent', number: '2027-03-02', failed } }));
      expect(decision).toEqual({ kind: 'hold', reason: { kind: 'hold.invoice-not-sent', invoiceNumber: '2027-03-02', failed } });
      expect(explainDecision(decision)).toEqual(invoiceNotSent('2027-03-02', failed));
    }
    for (const correctedInvoice of [
      { kind: 'none' },
      { kind: 'unknown' },
      { kind: 'outside-sync', number: '2027-03-02' },
      {
        kind: 'in-quickbooks',
        number: '2027-03-02',
        transaction: { type: 'Invoice', qboId: '7', docNumber: 'OGUSTINE_2027-03-02', totalAmount: 6000 },
      },
    ] as const)
      expect(decideDocument(note, context({ correctedInvoice }))).toEqual({ kind: 'send-now', docNumber: 'OGUSTINE_2027-03-10' });
    const unmet = checkPrerequisites(aCompanyProfile({ customTransactionNumbers: false }), [note]);
    expect(decideDocument(note, context({ unmet, correctedInvoice: { kind: 'not-sent', number: '2027-03-02', failed: false } }))).toEqual({
      kind: 'hold',
      reason: { kind: 'hold.prerequisites', unmet },
    });
  });

  test('holds in plain words, word for word', () => {
    expect(explainHoldReason({ kind: 'hold.not-connected' })).toEqual({
      fr: "En attente : aucune entreprise QuickBooks n'est connectée. Cliquez sur « Se connecter à QuickBooks » dans les paramètres du module.",
      en: 'Waiting: no QuickBooks company is connected. Click "Connect to QuickBooks" in the module settings.',
    });
    expect(explainHoldReason({ kind: 'hold.initial-sync-not-launched' })).toEqual({
      fr: "En attente : la synchronisation initiale n'a pas encore été lancée. Ce document fera partie de la première synchronisation.",
      en: 'Waiting: the initial synchronisation has not been launched yet. This document will be part of the first synchronisation.',
    });
    expect(explainHoldReason({ kind: 'hold.suspended', until: '2027-03-12' })).toEqual({
      fr: "Non envoyé : la synchronisation automatique est suspendue jusqu'au 12/03/2027, et seuls les documents créés à partir de cette date seront envoyés. Ce document a été créé avant : il ne sera pas envoyé. Pour l'envoyer, reprogrammez une synchronisation avec une date antérieure à sa création.",
      en: 'Not sent: automatic synchronisation is suspended until 12 March 2027, and only documents created from that date on will be sent. This document was created before: it will not be sent. To send it, reschedule a synchronisation from a date before it was created.',
    });
    expect(explainHoldReason({ kind: 'hold.created-before-sync-from', syncFrom: '2027-01-01' })).toEqual({
      fr: "Non envoyé : ce document a été créé avant le 01/01/2027, date à partir de laquelle les factures sont synchronisées. Pour l'envoyer, reprogrammez une synchronisation avec une date antérieure.",
      en: 'Not sent: this document was created before 1 January 2027, the date from which invoices are synchronised. To send it, reschedule a synchronisation from an earlier date.',
    });
    const unmet = checkPrerequisites(aCompanyProfile({ customTransactionNumbers: false, discountsAllowed: false }), [
      aDocument({ lines: [aLine({ discount: { kind: 'percent', percent: decimal(10) } })] }),
    ]);
    expect(unmet).toHaveLength(2);
    const [a, b] = unmet as [UnmetPrerequisite, UnmetPrerequisite];
    expect(explainHoldReason({ kind: 'hold.prerequisites', unmet })).toEqual({
      fr: `En attente : votre entreprise QuickBooks doit d'abord être configurée. ${a.message.fr} ${a.fix.fr} ${b.message.fr} ${b.fix.fr}`,
      en: `Waiting: your QuickBooks company must be set up first. ${a.message.en} ${a.fix.en} ${b.message.en} ${b.fix.en}`,
    });
  });

  test('a decision in plain words: being sent, or the hold or refusal', () => {
    expect(explainDecision({ kind: 'send-now', docNumber: 'OGUSTINE_2027-03-10' })).toEqual({
      fr: 'Envoi vers QuickBooks en cours.',
      en: 'Being sent to QuickBooks.',
    });
    expect(explainDecision({ kind: 'hold', reason: { kind: 'hold.not-connected' } })).toEqual(
      explainHoldReason({ kind: 'hold.not-connected' }),
    );
    expect(explainDecision({ kind: 'refuse', reason: { kind: 'refusal.already-in-quickbooks' } })).toEqual(
      explainRefusal({ kind: 'refusal.already-in-quickbooks' }),
    );
  });
});
