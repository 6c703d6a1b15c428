import { describe, expect, test } from 'vitest';
import { decimal } from '../shared/decimal.js';
import { aCompanyProfile, taxCodesFor } from '../testing/builders/company-profile.js';
import { aCreditNote, aCustomer, aDocument, aLine, aService } from '../testing/builders/document.js';
import { explainBlockedReason, planInitialSync, plannedDocuments } from './initial-sync-plan.js';
import { checkPrerequisites } from './prerequisites.js';
import { syncSchedule } from './sync-schedule.js';

const day = (d: number, hour = 10): number => Date.UTC(2027, 0, d, hour);
const schedule = syncSchedule('2027-01-05');

describe('initial sync plan', () => {
  test('customers, then services, then documents by creation; an invoice before the credit note that corrects it', () => {
    const jeanne = aCustomer({ id: 'C1', name: 'Jeanne Dupont' });
    const paul = aCustomer({ id: 'C2', name: 'Paul Martin' });
    const menage = aService({ id: 'S1', name: 'Ménage' });
    const garde = aService({ id: 'S2', name: 'Garde d’enfants' });
    const invoice = aDocument({
      id: 'I1',
      number: '2027-01-10',
      createdAt: day(10),
      customer: jeanne,
      lines: [aLine({ service: menage })],
    });
    const noteBeforeItsInvoice = aCreditNote({
      id: 'N1',
      number: '2027-01-09',
      createdAt: day(9),
      customer: jeanne,
      correctsInvoiceId: 'I1',
      lines: [aLine({ service: menage })],
    });
    const other = aDocument({
      id: 'I2',
      number: '2027-01-08',
      createdAt: day(8),
      customer: paul,
      lines: [aLine({ service: garde }), aLine({ service: menage })],
    });
    const sameInstant = aDocument({
      id: 'I3',
      number: '2027-01-07',
      createdAt: day(8),
      customer: paul,
      lines: [aLine({ service: garde })],
    });
    const plan = planInitialSync([invoice, noteBeforeItsInvoice, other, sameInstant], { schedule, inQuickBooks: new Set(), unmet: [] });
    expect(plan.steps.map((s) => (s.kind === 'customer' ? s.customer.id : s.kind === 'service' ? s.service.id : s.document.id))).toEqual([
      'C2',
      'C1',
      'S2',
      'S1',
      'I3',
      'I2',
      'I1',
      'N1',
    ]);
    expect(plan.counts).toEqual({
      invoices: 3,
      creditNotes: 1,
      customers: 2,
      services: 2,
      blocked: 0,
      alreadyInQuickBooks: 0,
      beforeSyncFrom: 0,
    });
  });

  test('documents in QuickBooks or created before the sync-from day are left out, and counted', () => {
    const inQbo = aDocument({ id: 'I1', number: '2027-01-10', createdAt: day(10) });
    // 4 January 23:30 UTC is 5 January in Paris: in the set.
    const lateEvening = aDocument({ id: 'I2', number: '2027-01-11', createdAt: Date.UTC(2027, 0, 4, 23, 30) });
    const tooOld = aDocument({ id: 'I3', number: '2027-01-12', createdAt: day(4, 12) });
    const noteOfSentInvoice = aCreditNote({ id: 'N1', number: '2027-01-13', createdAt: day(6), correctsInvoiceId: 'I1' });
    const plan = planInitialSync([inQbo, lateEvening, tooOld, noteOfSentInvoice], { schedule, inQuickBooks: new Set(['I1']), unmet: [] });
    expect(plannedDocuments(plan).map((d) => d.id)).toEqual(['I2', 'N1']);
    expect(plan.counts).toMatchObject({ invoices: 1, creditNotes: 1, alreadyInQuickBooks: 1, beforeSyncFrom: 1, blocked: 0 });
  });

  test('blocked documents are listed with their reason; a credit note of a blocked invoice is blocked too', () => {
    const at55 = aDocument({ id: 'I1', number: '2027-01-10', createdAt: day(10), lines: [aLine({ vatRate: decimal(55, 1) })] });
    const itsNote = aCreditNote({ id: 'N1', number: '2027-01-11', createdAt: day(11), correctsInvoiceId: 'I1' });
    const fine = aDocument({ id: 'I2', number: '2027-01-12', createdAt: day(12), customer: aCustomer({ id: 'C9' }) });
    const badNumber = aDocument({ id: 'I3', number: 'FACTURE 2027/01/13', createdAt: day(13) });
    // An invoice that replaces the blocked one is no credit note of it: it goes on its own merits.
    const replacing = aDocument({
      id: 'I4',
      number: '2027-01-14',
      createdAt: day(14),
      customer: aCustomer({ id: 'C9' }),
      correctsInvoiceId: 'I1',
    });
    const documents = [at55, itsNote, fine, badNumber, replacing];
    const unmet = checkPrerequisites(aCompanyProfile({ taxCodes: taxCodesFor('FR', [decimal(20)]) }), documents);
    const plan = planInitialSync(documents, { schedule, inQuickBooks: new Set(), unmet });
    expect(plannedDocuments(plan).map((d) => d.id)).toEqual(['I2', 'I4']);
    expect(plan.steps.filter((s) => s.kind === 'customer')).toHaveLength(1);
    expect(plan.blocked.map((b) => [b.document.id, b.reason.kind])).toEqual([
      ['I1', 'hold.prerequisites'],
      ['N1', 'blocked.corrects-blocked-invoice'],
      ['I3', 'refusal.number-not-representable'],
    ]);
    expect(plan.counts.blocked).toBe(3);
    const [first, second, third] = plan.blocked.map((b) => explainBlockedReason(b.reason));
    expect(first?.fr).toContain('5,5 %');
    expect(second?.fr).toBe(
      "Bloqué : l'avoir corrige une facture bloquée (2027-01-10). Il sera envoyé après elle, une fois le problème de la facture résolu.",
    );
    expect(second?.en).toBe(
      "Blocked: the credit note corrects a blocked invoice (2027-01-10). It will be sent after it, once the invoice's problem is solved.",
    );
    expect(third?.fr).toContain('une espace');
  });

  test('a customer or a service known by several documents is created once, as the first document sent knows it', () => {
    // Customer C1 and service S1 on day `d`, under the names that document gives them.
    const onDay = (d: number, customer: string, service: string) =>
      aDocument({
        id: `I${d}`,
        number: `2027-01-${d}`,
        createdAt: day(d),
        customer: aCustomer({ id: 'C1', name: customer }),
        lines: [aLine({ service: aService({ id: 'S1', name: service }) })],
      });
    const first = onDay(10, 'Jeanne Dupont', 'Ménage');
    const later = onDay(11, 'Jeanne Dupont-Martin', 'Ménage et repassage');
    // Given newest first: the order of sending decides, not the order given.
    const plan = planInitialSync([later, first], { schedule, inQuickBooks: new Set(), unmet: [] });
    expect(plan.steps.flatMap((s) => (s.kind === 'customer' ? [s.customer.name] : s.kind === 'service' ? [s.service.name] : []))).toEqual([
      'Jeanne Dupont',
      'Ménage',
    ]);
  });
});
