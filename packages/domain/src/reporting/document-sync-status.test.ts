import { describe, expect, it } from 'vitest';
import type { ErrorRecord } from '../errors/error-history.js';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import type { UnmetPrerequisite } from '../policy/unmet-prerequisite.js';
import { decimal } from '../shared/decimal.js';
import { documentSyncStatus, type DocumentSyncFacts } from './document-sync-status.js';

const facts = (over: Partial<DocumentSyncFacts> = {}): DocumentSyncFacts => ({
  documentId: 'doc-1',
  number: '2024-01-15',
  kind: 'invoice',
  openErrors: [],
  ...over,
});

const anError = (cause: SyncFailureCause, attempt = 1, occurredAt = 1_000): ErrorRecord => ({
  id: `e${attempt}`,
  accountId: 'acct-A',
  documentId: 'doc-1',
  attempt,
  occurredAt,
  cause,
  state: 'open',
  history: [{ state: 'open', at: occurredAt }],
  version: 1,
});

const VAT_MISSING: UnmetPrerequisite = {
  kind: 'prerequisite.vat-not-set-up',
  message: { fr: 'La TVA n’est pas configurée dans QuickBooks.', en: 'VAT is not set up in QuickBooks.' },
  fix: { fr: 'Configurez la TVA dans QuickBooks, puis cliquez sur « Réessayer ».', en: 'Set up VAT in QuickBooks, then click “Retry”.' },
  documentIds: [],
};

const IN_QBO = { qboId: '130', docNumber: 'OGUSTINE_2024-01-15', pdfAttached: true };

describe('documentSyncStatus: every status', () => {
  it('sent, with its QBO id and number', () => {
    const status = documentSyncStatus(facts({ inQuickBooks: IN_QBO }));
    expect(status).toMatchObject({
      kind: 'status.sent',
      qboId: '130',
      docNumber: 'OGUSTINE_2024-01-15',
      pdfPending: false,
      documentId: 'doc-1',
    });
    expect(status.label).toEqual({ fr: 'Dans QuickBooks (n° OGUSTINE_2024-01-15)', en: 'In QuickBooks (no. OGUSTINE_2024-01-15)' });
    expect(status.explanation.fr).toBe('Cette facture est dans QuickBooks sous le n° OGUSTINE_2024-01-15, avec son PDF.');
  });

  it('sent with the PDF still to attach says so', () => {
    const status = documentSyncStatus(facts({ inQuickBooks: { ...IN_QBO, pdfAttached: false } }));
    expect(status).toMatchObject({ kind: 'status.sent', pdfPending: true });
    expect(status.label.fr).toBe('Dans QuickBooks (n° OGUSTINE_2024-01-15), PDF en attente');
    expect(status.explanation.fr).toContain('il le sera automatiquement');
  });

  it('sent without its PDF on purpose names the setting, and is not pending', () => {
    const status = documentSyncStatus(facts({ inQuickBooks: { ...IN_QBO, pdfAttached: false, pdfLeftOut: true } }));
    expect(status).toMatchObject({ kind: 'status.sent', pdfPending: false, pdfLeftOut: true });
    expect(status.label).toEqual({
      fr: 'Dans QuickBooks (n° OGUSTINE_2024-01-15), sans PDF',
      en: 'In QuickBooks (no. OGUSTINE_2024-01-15), without PDF',
    });
    expect(status.explanation.fr).toBe(
      'Cette facture est dans QuickBooks sous le n° OGUSTINE_2024-01-15, sans son PDF : le réglage « Joindre le PDF Ogustine » était désactivé quand elle a été envoyée.',
    );
  });

  it('sending', () => {
    const status = documentSyncStatus(facts({ writeInProgress: 'sending' }));
    expect(status.kind).toBe('status.sending');
    expect(status.label).toEqual({ fr: 'Envoi en cours', en: 'Sending' });
  });

  it('checking QuickBooks when the outcome of a write is unknown', () => {
    const status = documentSyncStatus(facts({ writeInProgress: 'uncertain' }));
    expect(status.kind).toBe('status.checking');
    expect(status.label.fr).toBe('Vérification dans QuickBooks…');
    expect(status.explanation.fr).toBe(
      'La réponse de QuickBooks n’est pas arrivée : Ogustine vérifie si cette facture y a déjà été créée avant de la renvoyer, pour ne jamais la créer deux fois. Aucune action n’est nécessaire.',
    );
    const creditNote = documentSyncStatus(facts({ kind: 'credit_note', writeInProgress: 'uncertain' }));
    expect(creditNote.explanation.fr).toContain('si cet avoir y a déjà été créé avant de le renvoyer');
  });

  it.each([
    [undefined, 'queued', 'En attente d’envoi'],
    [{ kind: 'send-now', docNumber: 'OGUSTINE_2024-01-15' } as const, 'queued', 'En attente d’envoi'],
    [{ kind: 'hold', reason: { kind: 'hold.not-connected' } } as const, 'not-connected', 'En attente de connexion à QuickBooks'],
    [
      { kind: 'hold', reason: { kind: 'hold.initial-sync-not-launched' } } as const,
      'initial-sync-not-launched',
      'En attente de la synchronisation initiale',
    ],
  ])('waiting (%o) → %s', (decision, reason, label) => {
    const status = documentSyncStatus(facts(decision === undefined ? {} : { decision }));
    expect(status).toMatchObject({ kind: 'status.waiting', reason });
    expect(status.label.fr).toBe(label);
  });

  it('held: created during a suspension, said plainly as not sent (never « en attente »)', () => {
    const status = documentSyncStatus(facts({ decision: { kind: 'hold', reason: { kind: 'hold.suspended', until: '2026-03-01' } } }));
    expect(status.kind).toBe('status.held');
    expect(status.label).toEqual({
      fr: 'Non envoyée : créée pendant la suspension (jusqu’au 1er mars 2026)',
      en: 'Not sent: created while synchronisation is suspended (until 1 March 2026)',
    });
    expect(status.explanation.fr).toContain('ne sera pas envoyée');
    expect(`${status.label.fr} ${status.explanation.fr}`).not.toMatch(/en attente/i);
    expect(status.explanation.fr).toContain('« Reprogrammer une synchronisation »');
  });

  it('held: created before the sync-from date', () => {
    const status = documentSyncStatus(
      facts({ kind: 'credit_note', decision: { kind: 'hold', reason: { kind: 'hold.created-before-sync-from', syncFrom: '2024-01-15' } } }),
    );
    expect(status.label.fr).toBe('Créé avant le 15 janvier 2024 : non synchronisé');
    expect(status.explanation.fr).toBe(
      'Cet avoir a été créé avant le 15 janvier 2024, date à partir de laquelle les documents sont synchronisés. Pour l’envoyer, cliquez sur « Reprogrammer une synchronisation » et choisissez une date antérieure à sa création.',
    );
  });

  it('blocked by a prerequisite, with its message and fix, and how many more remain', () => {
    const taxCode: UnmetPrerequisite = {
      kind: 'prerequisite.tax-code-missing',
      rate: decimal(55, 1),
      message: { fr: 'M2', en: 'M2' },
      fix: { fr: 'F2', en: 'F2' },
      documentIds: ['doc-1'],
    };
    const status = documentSyncStatus(
      facts({ decision: { kind: 'hold', reason: { kind: 'hold.prerequisites', unmet: [VAT_MISSING, taxCode] } } }),
    );
    expect(status).toMatchObject({ kind: 'status.blocked', unmet: [VAT_MISSING, taxCode] });
    expect(status.label.fr).toBe('Bloqué : réglage QuickBooks à faire');
    expect(status.explanation.fr).toBe(
      'La TVA n’est pas configurée dans QuickBooks. Configurez la TVA dans QuickBooks, puis cliquez sur « Réessayer ». Un autre point est à régler sur l’écran des prérequis.',
    );
  });

  it('refused: already in QuickBooks, or a number QBO cannot take', () => {
    const already = documentSyncStatus(facts({ decision: { kind: 'refuse', reason: { kind: 'refusal.already-in-quickbooks' } } }));
    expect(already.explanation.fr).toBe('Cette facture est déjà dans QuickBooks : elle ne sera pas envoyée une seconde fois.');
    const detail = { fr: 'Le numéro dépasse 21 caractères.', en: 'The number is longer than 21 characters.' };
    const tooLong = documentSyncStatus(
      facts({ decision: { kind: 'refuse', reason: { kind: 'refusal.number-not-representable', detail } } }),
    );
    expect(tooLong).toMatchObject({ kind: 'status.refused', label: { fr: 'Refusé : numéro incompatible avec QuickBooks' } });
    expect(tooLong.explanation.fr).toBe(
      'Cette facture ne sera pas envoyée. Le numéro dépasse 21 caractères. Contactez le support Ogustine pour la reprendre.',
    );
  });

  it('failed: the latest open error’s cause and fix', () => {
    const older = anError({ kind: 'cause.tax-code-missing', rate: decimal(55, 1) }, 1, 1_000);
    const latest = anError({ kind: 'cause.discounts-disabled' }, 2, 2_000);
    const status = documentSyncStatus(facts({ openErrors: [latest, older] }));
    expect(status).toMatchObject({ kind: 'status.failed', error: latest });
    expect(status.label).toEqual({
      fr: 'Erreur : prise en charge des rabais non activée dans QuickBooks',
      en: 'Error: discounts not enabled in QuickBooks',
    });
    expect(status.explanation.fr).toBe(
      'La prise en charge des rabais n’est pas activée dans QuickBooks. Dans QuickBooks, cliquez sur la roue dentée (⚙) > Paramètres du compte > Ventes, activez « Rabais » (prise en charge des rabais), puis cliquez sur « Resynchroniser cet élément ».',
    );
  });
});

describe('documentSyncStatus: precedence', () => {
  const failed = [anError({ kind: 'cause.invalid-reference' })];
  const suspended = { kind: 'hold', reason: { kind: 'hold.suspended', until: '2030-01-01' } } as const;

  it('in QuickBooks wins over everything (an uncertain write, errors, a refusal)', () => {
    const status = documentSyncStatus(
      facts({
        inQuickBooks: IN_QBO,
        writeInProgress: 'uncertain',
        openErrors: failed,
        decision: { kind: 'refuse', reason: { kind: 'refusal.already-in-quickbooks' } },
      }),
    );
    expect(status.kind).toBe('status.sent');
  });

  it('an uncertain write beats errors and sending: never "failed", never "sent twice"', () => {
    expect(documentSyncStatus(facts({ writeInProgress: 'uncertain', openErrors: failed })).kind).toBe('status.checking');
    expect(
      documentSyncStatus(
        facts({ openErrors: [anError({ kind: 'cause.invalid-reference' }, 1, 1), anError({ kind: 'cause.outcome-unknown' }, 2, 2)] }),
      ).kind,
    ).toBe('status.checking');
  });

  it('only the latest error decides: an older uncertain attempt followed by a real failure is a failure', () => {
    const status = documentSyncStatus(
      facts({ openErrors: [anError({ kind: 'cause.outcome-unknown' }, 1, 1), anError({ kind: 'cause.invalid-reference' }, 2, 2)] }),
    );
    expect(status.kind).toBe('status.failed');
  });

  it('sending beats errors (the retry is under way) and decisions', () => {
    expect(documentSyncStatus(facts({ writeInProgress: 'sending', openErrors: failed, decision: suspended })).kind).toBe('status.sending');
  });

  it('a refusal beats prerequisites and errors', () => {
    const status = documentSyncStatus(
      facts({ openErrors: failed, decision: { kind: 'refuse', reason: { kind: 'refusal.already-in-quickbooks' } } }),
    );
    expect(status.kind).toBe('status.refused');
  });

  it('prerequisites beat errors; errors beat schedule holds and waits', () => {
    expect(
      documentSyncStatus(
        facts({ openErrors: failed, decision: { kind: 'hold', reason: { kind: 'hold.prerequisites', unmet: [VAT_MISSING] } } }),
      ).kind,
    ).toBe('status.blocked');
    expect(documentSyncStatus(facts({ openErrors: failed, decision: suspended })).kind).toBe('status.failed');
    expect(documentSyncStatus(facts({ openErrors: failed, decision: { kind: 'hold', reason: { kind: 'hold.not-connected' } } })).kind).toBe(
      'status.failed',
    );
  });
});
