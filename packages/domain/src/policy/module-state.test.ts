import { describe, expect, test } from 'vitest';
import type { Result } from 'neverthrow';
import {
  connect,
  connectingAnotherCompanyNotice,
  describeAutomaticSync,
  disconnect,
  explainModuleStateError,
  initialModuleState,
  initialSyncFinished,
  launchInitialSync,
  prerequisitesChecked,
  recordProgress,
  startsAfresh,
  type ModuleState,
  type ModuleStateError,
} from './module-state.js';
import { scheduleStatus, syncSchedule } from './sync-schedule.js';
import type { UnmetPrerequisite } from './unmet-prerequisite.js';

const unwrap = (r: Result<ModuleState, ModuleStateError>): ModuleState => r._unsafeUnwrap();
const errorKind = (r: Result<ModuleState, ModuleStateError>): string => r._unsafeUnwrapErr().kind;

const customNumbersOff: UnmetPrerequisite = {
  kind: 'prerequisite.custom-transaction-numbers-off',
  documentIds: [],
  message: { fr: 'off', en: 'off' },
  fix: { fr: 'fix', en: 'fix' },
};

const ready = (): ModuleState => unwrap(connect(initialModuleState, 'R1', 'Ménage Services').andThen((s) => prerequisitesChecked(s, [])));

describe('module state', () => {
  test('a new account is not connected, unchecked, not launched, active', () => {
    expect(initialModuleState).toEqual({
      connection: { kind: 'not-connected' },
      prerequisites: { kind: 'unknown' },
      initialSync: { kind: 'not-launched' },
    });
  });

  test('connecting resets the prerequisites to unknown; a failing check keeps what is unmet', () => {
    const connected = unwrap(connect(initialModuleState, 'R1', 'Ménage Services'));
    expect(connected.connection).toEqual({ kind: 'connected', realmId: 'R1', companyName: 'Ménage Services' });
    expect(connected.prerequisites).toEqual({ kind: 'unknown' });
    expect(unwrap(prerequisitesChecked(connected, [customNumbersOff])).prerequisites).toEqual({
      kind: 'failing',
      unmet: [customNumbersOff],
    });
    expect(unwrap(prerequisitesChecked(connected, [])).prerequisites).toEqual({ kind: 'met' });
  });

  test('one company per account: connecting another one while connected is refused', () => {
    const connected = unwrap(connect(initialModuleState, 'R1', 'Ménage Services'));
    expect(errorKind(connect(connected, 'R2', 'Autre'))).toBe('state.already-connected');
    expect(connect(connected, 'R1', 'Ménage Services SARL').isOk()).toBe(true);
  });

  test('prerequisites cannot be recorded, nor the sync launched, without a connection', () => {
    expect(errorKind(prerequisitesChecked(initialModuleState, []))).toBe('state.not-connected');
    expect(errorKind(launchInitialSync(initialModuleState, 3))).toBe('state.not-connected');
    expect(errorKind(disconnect(initialModuleState))).toBe('state.not-connected');
  });

  test('launching needs the prerequisites met', () => {
    const connected = unwrap(connect(initialModuleState, 'R1', 'Ménage Services'));
    expect(errorKind(launchInitialSync(connected, 3))).toBe('state.prerequisites-not-met');
    const failing = unwrap(prerequisitesChecked(connected, [customNumbersOff]));
    expect(errorKind(launchInitialSync(failing, 3))).toBe('state.prerequisites-not-met');
  });

  test('launching runs the initial sync; launching again is refused', () => {
    const running = unwrap(launchInitialSync(ready(), 3));
    expect(running.initialSync).toEqual({ kind: 'running', realmId: 'R1', progress: { total: 3, done: 0, failed: 0 } });
    const again = launchInitialSync(running, 3);
    expect(errorKind(again)).toBe('state.initial-sync-already-launched');
    expect(explainModuleStateError(again._unsafeUnwrapErr()).fr).toContain('ne peut être ni annulée ni relancée');
  });

  test('progress moves forward only, within the total; finishing keeps the counts', () => {
    const running = unwrap(launchInitialSync(ready(), 3));
    const one = unwrap(recordProgress(running, { done: 1, failed: 0 }));
    expect(recordProgress(one, { done: 1, failed: 0 }).isOk()).toBe(true);
    expect(errorKind(recordProgress(one, { done: 0, failed: 0 }))).toBe('state.progress-invalid');
    expect(errorKind(recordProgress(one, { done: 3, failed: 1 }))).toBe('state.progress-invalid');
    const finished = unwrap(recordProgress(one, { done: 2, failed: 1 }).andThen(initialSyncFinished));
    expect(finished.initialSync).toEqual({ kind: 'done', realmId: 'R1', progress: { total: 3, done: 2, failed: 1 } });
    expect(errorKind(recordProgress(finished, { done: 3, failed: 0 }))).toBe('state.initial-sync-not-running');
    expect(errorKind(initialSyncFinished(finished))).toBe('state.initial-sync-not-running');
  });

  test('progress counts are whole documents: a fraction of a sent or failed document is refused', () => {
    const running = unwrap(launchInitialSync(ready(), 3));
    expect(errorKind(recordProgress(running, { done: 1.5, failed: 0 }))).toBe('state.progress-invalid');
    expect(errorKind(recordProgress(running, { done: 1, failed: 0.5 }))).toBe('state.progress-invalid');
    expect(errorKind(recordProgress(running, { done: Number.NaN, failed: 0 }))).toBe('state.progress-invalid');
    expect(recordProgress(running, { done: 1, failed: 1 }).isOk()).toBe(true);
  });

  test('disconnecting does not cancel a running initial sync: the same company resumes it, another one starts afresh (said first)', () => {
    const running = unwrap(launchInitialSync(ready(), 3));
    expect(connectingAnotherCompanyNotice(running)).toBeNull();
    const disconnected = unwrap(disconnect(running));
    expect(disconnected.initialSync.kind).toBe('running');
    expect(disconnected.connection).toEqual({ kind: 'not-connected', previous: { realmId: 'R1', companyName: 'Ménage Services' } });
    expect(connectingAnotherCompanyNotice(disconnected)).toEqual({
      fr: "Reconnectez « Ménage Services » pour reprendre là où la synchronisation s'était arrêtée. Si vous choisissez une autre entreprise QuickBooks, la synchronisation repart de zéro avec elle : vous relancerez la synchronisation initiale, et rien de ce qui a été envoyé à « Ménage Services » n'y est recopié.",
      en: 'Reconnect "Ménage Services" to resume where the synchronisation stopped. If you choose another QuickBooks company, the synchronisation starts afresh with it: you launch the initial synchronisation again, and nothing sent to "Ménage Services" is copied there.',
    });
    expect(unwrap(connect(disconnected, 'R1', 'Ménage Services')).initialSync.kind).toBe('running');
    const other = unwrap(connect(disconnected, 'R2', 'Autre'));
    expect(other.initialSync.kind).toBe('not-launched');
    expect(other.connection).toEqual({ kind: 'connected', realmId: 'R2', companyName: 'Autre' });
    expect(connectingAnotherCompanyNotice(initialModuleState)).toBeNull();
  });

  test('automatic sending reads suspended until the day, then active, from the schedule at now', () => {
    const schedule = syncSchedule('2027-03-12');
    expect(describeAutomaticSync(scheduleStatus(schedule, Date.UTC(2027, 2, 1, 10))).fr).toBe(
      "Synchronisation automatique suspendue jusqu'au 12/03/2027",
    );
    expect(describeAutomaticSync(scheduleStatus(schedule, Date.UTC(2027, 2, 11, 23))).en).toBe('Automatic synchronisation on');
    expect(describeAutomaticSync({ kind: 'active' })).toEqual({
      fr: 'Synchronisation automatique active',
      en: 'Automatic synchronisation on',
    });
    expect(describeAutomaticSync({ kind: 'suspended', until: '2027-03-12' })).toEqual({
      fr: "Synchronisation automatique suspendue jusqu'au 12/03/2027",
      en: 'Automatic synchronisation suspended until 12 March 2027',
    });
  });

  test('every refusal is explained in French and English', () => {
    const errors: ModuleStateError[] = [
      { kind: 'state.not-connected' },
      { kind: 'state.already-connected', realmId: 'R1', companyName: 'Ménage Services' },
      { kind: 'state.prerequisites-not-met', prerequisites: { kind: 'unknown' } },
      { kind: 'state.prerequisites-not-met', prerequisites: { kind: 'failing', unmet: [customNumbersOff] } },
      { kind: 'state.initial-sync-already-launched' },
      { kind: 'state.initial-sync-not-running' },
      { kind: 'state.history-import-in-progress', imported: 120 },
      { kind: 'state.progress-invalid', current: { total: 3, done: 1, failed: 0 }, proposed: { total: 3, done: 0, failed: 0 } },
    ];
    const texts = errors.map(explainModuleStateError);
    for (const t of texts) expect(t.fr.length > 10 && t.en.length > 10).toBe(true);
    expect(new Set(texts.map((t) => t.fr)).size).toBe(errors.length);
  });

  test('each refusal word for word, in both languages', () => {
    const cases: readonly [ModuleStateError, string, string][] = [
      [
        { kind: 'state.not-connected' },
        "Aucune entreprise QuickBooks n'est connectée. Cliquez sur « Se connecter à QuickBooks ».",
        'No QuickBooks company is connected. Click "Connect to QuickBooks".',
      ],
      [
        { kind: 'state.already-connected', realmId: 'R1', companyName: 'Ménage Services' },
        "L'entreprise QuickBooks « Ménage Services » est déjà connectée. Un compte Ogustine ne se connecte qu'à une seule entreprise : déconnectez-la d'abord.",
        'The QuickBooks company "Ménage Services" is already connected. An Ogustine account connects to one company only: disconnect it first.',
      ],
      [
        { kind: 'state.prerequisites-not-met', prerequisites: { kind: 'failing', unmet: [customNumbersOff] } },
        "Votre entreprise QuickBooks n'est pas encore prête : corrigez les points indiqués, puis cliquez sur Réessayer avant de lancer la synchronisation.",
        'Your QuickBooks company is not ready yet: fix the points shown, then click Retry before launching the synchronisation.',
      ],
      [
        { kind: 'state.prerequisites-not-met', prerequisites: { kind: 'unknown' } },
        "Les prérequis de votre entreprise QuickBooks n'ont pas encore été vérifiés. Cliquez sur Réessayer, puis lancez la synchronisation.",
        'Your QuickBooks company has not been checked yet. Click Retry, then launch the synchronisation.',
      ],
      [
        { kind: 'state.initial-sync-already-launched' },
        'La synchronisation initiale a déjà été lancée. Une fois lancée, elle ne peut être ni annulée ni relancée : les nouveaux documents sont envoyés automatiquement.',
        'The initial synchronisation has already been launched. Once launched it can be neither cancelled nor launched again: new documents are sent automatically.',
      ],
      [
        { kind: 'state.initial-sync-not-running' },
        "Aucune synchronisation initiale n'est en cours.",
        'No initial synchronisation is running.',
      ],
      [
        { kind: 'state.history-import-in-progress', imported: 120 },
        "L'historique de vos factures est en cours d'import depuis Ogustine (120 documents pour l'instant). Attendez la fin de l'import : l'aperçu sera alors complet et vous pourrez lancer la synchronisation.",
        'Your invoice history is being imported from Ogustine (120 documents so far). Wait for the import to finish: the preview will then be complete and you can launch the synchronisation.',
      ],
      [
        { kind: 'state.progress-invalid', current: { total: 7, done: 3, failed: 1 }, proposed: { total: 7, done: 2, failed: 4 } },
        'Avancement incohérent : 2 envoyés et 4 en erreur sur 7, après 3 envoyés et 1 en erreur.',
        'Inconsistent progress: 2 sent and 4 failed out of 7, after 3 sent and 1 failed.',
      ],
    ];
    for (const [error, fr, en] of cases) expect(explainModuleStateError(error)).toEqual({ fr, en });
  });
});

describe('which company an account belongs to', () => {
  const running = { kind: 'running', realmId: 'R1', progress: { total: 3, done: 1, failed: 0 } } as const;

  test('connecting starts afresh only for another company than the one connected, last connected or synced', () => {
    expect(startsAfresh(initialModuleState, 'R1')).toBe(false);
    const connected = ready();
    expect(startsAfresh(connected, 'R1')).toBe(false);
    expect(startsAfresh(connected, 'R2')).toBe(true);
    const disconnected = unwrap(disconnect(connected));
    expect(startsAfresh(disconnected, 'R1')).toBe(false);
    expect(startsAfresh(disconnected, 'R2')).toBe(true);
  });

  test('with no company remembered, the company of the launched initial sync is the one of record', () => {
    const synced: ModuleState = { ...initialModuleState, initialSync: running };
    expect(startsAfresh(synced, 'R1')).toBe(false);
    expect(startsAfresh(synced, 'R2')).toBe(true);
    // Connecting that company resumes its initial sync; another one starts afresh.
    expect(unwrap(connect(synced, 'R1', 'Ménage Services')).initialSync).toEqual(running);
    expect(unwrap(connect(synced, 'R2', 'Autre')).initialSync).toEqual({ kind: 'not-launched' });
    // The company remembered at disconnection wins over the launched one.
    const remembered: ModuleState = { ...synced, connection: { kind: 'not-connected', previous: { realmId: 'R3', companyName: 'Trois' } } };
    expect(startsAfresh(remembered, 'R3')).toBe(false);
    expect(startsAfresh(remembered, 'R1')).toBe(true);
  });
});
