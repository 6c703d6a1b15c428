import { describe, expect, test } from 'vitest';
import { decimal } from '../shared/decimal.js';
import { aCompanyProfile, taxCodesFor } from '../testing/builders/company-profile.js';
import { aDocument, aLine } from '../testing/builders/document.js';
import { decideDocument, explainDecision, type DecisionContext } from './decide-document.js';
import { initialModuleState, type ModuleState } from './module-state.js';
import { checkPrerequisites } from './prerequisites.js';
import { syncSchedule } from './sync-schedule.js';

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
