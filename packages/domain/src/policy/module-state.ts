import { err, ok, type Result } from 'neverthrow';
import type { RealmId } from '../qbo/company-profile.js';
import type { Localized } from '../shared/localized.js';
import { formatCalendarDate, type ScheduleStatus } from './sync-schedule.js';
import type { UnmetPrerequisite } from './unmet-prerequisite.js';

/** A QBO company as the settings screen names it. */
export interface KnownCompany {
  readonly realmId: RealmId;
  readonly companyName: string;
}

export type ConnectionState =
  /** `previous`: the company last connected, kept after *Se déconnecter* (reconnecting it resumes; another one starts afresh). */
  | { readonly kind: 'not-connected'; readonly previous?: KnownCompany }
  | { readonly kind: 'connected'; readonly realmId: RealmId; readonly companyName: string };

export type PrerequisitesState =
  { readonly kind: 'unknown' } | { readonly kind: 'failing'; readonly unmet: readonly UnmetPrerequisite[] } | { readonly kind: 'met' };

export interface SyncProgress {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
}

/**
 * The first synchronisation. It belongs to the QuickBooks company it was launched for, so that a
 * later connection to another company cannot silently reuse it.
 */
export type InitialSyncState =
  | { readonly kind: 'not-launched' }
  | { readonly kind: 'running'; readonly realmId: RealmId; readonly progress: SyncProgress }
  | { readonly kind: 'done'; readonly realmId: RealmId; readonly progress: SyncProgress };

/** The module's state for one Ogustine account, as the settings screen shows it. */
export interface ModuleState {
  readonly connection: ConnectionState;
  readonly prerequisites: PrerequisitesState;
  readonly initialSync: InitialSyncState;
}

export type ModuleStateError =
  | { readonly kind: 'state.not-connected' }
  | { readonly kind: 'state.already-connected'; readonly realmId: RealmId; readonly companyName: string }
  | { readonly kind: 'state.prerequisites-not-met'; readonly prerequisites: PrerequisitesState }
  | { readonly kind: 'state.initial-sync-already-launched' }
  | { readonly kind: 'state.initial-sync-not-running' }
  /** The history is still being read from Ogustine: the preview is not complete yet, so nothing can be launched. */
  | { readonly kind: 'state.history-import-in-progress'; readonly imported: number }
  | { readonly kind: 'state.progress-invalid'; readonly current: SyncProgress; readonly proposed: SyncProgress };

/**
 * A new account: nothing connected, nothing checked, nothing launched. Whether automatic sending is
 * suspended is not stored: it is read from the schedule at *now* (`scheduleStatus`), so it ends by
 * itself when the day comes and no stored wording goes stale.
 */
export const initialModuleState: ModuleState = {
  connection: { kind: 'not-connected' },
  prerequisites: { kind: 'unknown' },
  initialSync: { kind: 'not-launched' },
};

const launchedRealm = (state: ModuleState): RealmId | undefined =>
  state.initialSync.kind === 'not-launched' ? undefined : state.initialSync.realmId;

/** The company this account's sync belongs to: the one connected, else the one last connected or synced. */
const companyOfRecord = (state: ModuleState): RealmId | undefined =>
  state.connection.kind === 'connected' ? state.connection.realmId : (state.connection.previous?.realmId ?? launchedRealm(state));

/** Whether connecting `realmId` starts afresh: another company than the one this account synced with. */
export const startsAfresh = (state: ModuleState, realmId: RealmId): boolean => {
  const previous = companyOfRecord(state);
  return previous !== undefined && previous !== realmId;
};

/**
 * The user authorised a QuickBooks company. Prerequisites must be checked again afterwards.
 * Reconnecting the same company (after *Se déconnecter*, a revoked or expired authorisation)
 * resumes where it was: a running initial sync goes on. Connecting another company starts afresh
 * (the user was told first, `connectingAnotherCompanyNotice`): its own initial sync, to launch
 * again; the sync-from day is kept.
 * @returns ok(state) connected, prerequisites unknown
 * @returns err('state.already-connected') if another company is connected (one company per account)
 */
export const connect = (state: ModuleState, realmId: RealmId, companyName: string): Result<ModuleState, ModuleStateError> => {
  const { connection } = state;
  if (connection.kind === 'connected' && connection.realmId !== realmId)
    return err({ kind: 'state.already-connected', realmId: connection.realmId, companyName: connection.companyName });
  const base = startsAfresh(state, realmId) ? initialModuleState : state;
  return ok({ ...base, connection: { kind: 'connected', realmId, companyName }, prerequisites: { kind: 'unknown' } });
};

/**
 * What to tell the user before they choose a company at Intuit, when connecting another one than
 * before would start afresh.
 * @returns the notice, or null when nothing was connected before (or a company is connected now)
 */
export const connectingAnotherCompanyNotice = (state: ModuleState): Localized | null => {
  const { connection } = state;
  if (connection.kind === 'connected' || connection.previous === undefined) return null;
  const name = connection.previous.companyName;
  return {
    fr: `Reconnectez « ${name} » pour reprendre là où la synchronisation s'était arrêtée. Si vous choisissez une autre entreprise QuickBooks, la synchronisation repart de zéro avec elle : vous relancerez la synchronisation initiale, et rien de ce qui a été envoyé à « ${name} » n'y est recopié.`,
    en: `Reconnect "${name}" to resume where the synchronisation stopped. If you choose another QuickBooks company, the synchronisation starts afresh with it: you launch the initial synchronisation again, and nothing sent to "${name}" is copied there.`,
  };
};

/**
 * The user disconnected (or Intuit revoked the authorisation). A running initial sync is not
 * cancelled: it stays running and goes on once the same company is connected again.
 * @returns ok(state) not connected, prerequisites unknown
 * @returns err('state.not-connected') if nothing was connected
 */
export const disconnect = (state: ModuleState): Result<ModuleState, ModuleStateError> =>
  state.connection.kind === 'not-connected'
    ? err({ kind: 'state.not-connected' })
    : ok({
        ...state,
        connection: { kind: 'not-connected', previous: { realmId: state.connection.realmId, companyName: state.connection.companyName } },
        prerequisites: { kind: 'unknown' },
      });

/**
 * Records the result of a prerequisite check (`checkPrerequisites`), first or after Retry.
 * @returns ok(state) with prerequisites met when `unmet` is empty, failing otherwise
 * @returns err('state.not-connected') if no company is connected
 */
export const prerequisitesChecked = (state: ModuleState, unmet: readonly UnmetPrerequisite[]): Result<ModuleState, ModuleStateError> =>
  state.connection.kind === 'not-connected'
    ? err({ kind: 'state.not-connected' })
    : ok({ ...state, prerequisites: unmet.length === 0 ? { kind: 'met' } : { kind: 'failing', unmet } });

/**
 * Launches the first synchronisation of `total` documents (the previewed plan). There is no way
 * back: no transition cancels it, and launching it again is refused.
 * @returns ok(state) running with nothing done yet
 * @returns err('state.not-connected') if no company is connected
 * @returns err('state.prerequisites-not-met') if they are unknown or failing
 * @returns err('state.initial-sync-already-launched') if it is running or done
 */
export const launchInitialSync = (state: ModuleState, total: number): Result<ModuleState, ModuleStateError> => {
  const { connection, prerequisites, initialSync } = state;
  if (initialSync.kind !== 'not-launched') return err({ kind: 'state.initial-sync-already-launched' });
  if (connection.kind === 'not-connected') return err({ kind: 'state.not-connected' });
  if (prerequisites.kind !== 'met') return err({ kind: 'state.prerequisites-not-met', prerequisites });
  return ok({ ...state, initialSync: { kind: 'running', realmId: connection.realmId, progress: { total, done: 0, failed: 0 } } });
};

/**
 * Records how far the running initial sync has gone. Counts are absolute, so a replayed progress
 * event changes nothing.
 * @returns ok(state) with the new counts
 * @returns err('state.initial-sync-not-running') if it is not running
 * @returns err('state.progress-invalid') if a count goes down or done + failed exceeds the total
 */
export const recordProgress = (
  state: ModuleState,
  counts: { readonly done: number; readonly failed: number },
): Result<ModuleState, ModuleStateError> => {
  const { initialSync } = state;
  if (initialSync.kind !== 'running') return err({ kind: 'state.initial-sync-not-running' });
  const current = initialSync.progress;
  const proposed: SyncProgress = { total: current.total, done: counts.done, failed: counts.failed };
  const valid =
    Number.isInteger(proposed.done) &&
    Number.isInteger(proposed.failed) &&
    proposed.done >= current.done &&
    proposed.failed >= current.failed &&
    proposed.done + proposed.failed <= proposed.total;
  if (!valid) return err({ kind: 'state.progress-invalid', current, proposed });
  return ok({ ...state, initialSync: { ...initialSync, progress: proposed } });
};

/**
 * The worker has tried every planned document (failures are in the error history).
 * @returns ok(state) done, keeping the final counts
 * @returns err('state.initial-sync-not-running') if it is not running
 */
export const initialSyncFinished = (state: ModuleState): Result<ModuleState, ModuleStateError> => {
  const { initialSync } = state;
  if (initialSync.kind !== 'running') return err({ kind: 'state.initial-sync-not-running' });
  return ok({ ...state, initialSync: { kind: 'done', realmId: initialSync.realmId, progress: initialSync.progress } });
};

/** Why a transition was refused, in plain words. */
export const explainModuleStateError = (error: ModuleStateError): Localized => {
  switch (error.kind) {
    case 'state.not-connected':
      return {
        fr: "Aucune entreprise QuickBooks n'est connectée. Cliquez sur « Se connecter à QuickBooks ».",
        en: 'No QuickBooks company is connected. Click "Connect to QuickBooks".',
      };
    case 'state.already-connected':
      return {
        fr: `L'entreprise QuickBooks « ${error.companyName} » est déjà connectée. Un compte Ogustine ne se connecte qu'à une seule entreprise : déconnectez-la d'abord.`,
        en: `The QuickBooks company "${error.companyName}" is already connected. An Ogustine account connects to one company only: disconnect it first.`,
      };
    case 'state.prerequisites-not-met':
      return error.prerequisites.kind === 'failing'
        ? {
            fr: "Votre entreprise QuickBooks n'est pas encore prête : corrigez les points indiqués, puis cliquez sur Réessayer avant de lancer la synchronisation.",
            en: 'Your QuickBooks company is not ready yet: fix the points shown, then click Retry before launching the synchronisation.',
          }
        : {
            fr: "Les prérequis de votre entreprise QuickBooks n'ont pas encore été vérifiés. Cliquez sur Réessayer, puis lancez la synchronisation.",
            en: 'Your QuickBooks company has not been checked yet. Click Retry, then launch the synchronisation.',
          };
    case 'state.initial-sync-already-launched':
      return {
        fr: 'La synchronisation initiale a déjà été lancée. Une fois lancée, elle ne peut être ni annulée ni relancée : les nouveaux documents sont envoyés automatiquement.',
        en: 'The initial synchronisation has already been launched. Once launched it can be neither cancelled nor launched again: new documents are sent automatically.',
      };
    case 'state.initial-sync-not-running':
      return {
        fr: "Aucune synchronisation initiale n'est en cours.",
        en: 'No initial synchronisation is running.',
      };
    case 'state.history-import-in-progress':
      return {
        fr: `L'historique de vos factures est en cours d'import depuis Ogustine (${error.imported} documents pour l'instant). Attendez la fin de l'import : l'aperçu sera alors complet et vous pourrez lancer la synchronisation.`,
        en: `Your invoice history is being imported from Ogustine (${error.imported} documents so far). Wait for the import to finish: the preview will then be complete and you can launch the synchronisation.`,
      };
    case 'state.progress-invalid':
      return {
        fr: `Avancement incohérent : ${error.proposed.done} envoyés et ${error.proposed.failed} en erreur sur ${error.current.total}, après ${error.current.done} envoyés et ${error.current.failed} en erreur.`,
        en: `Inconsistent progress: ${error.proposed.done} sent and ${error.proposed.failed} failed out of ${error.current.total}, after ${error.current.done} sent and ${error.current.failed} failed.`,
      };
  }
};

/** One line for the settings screen about the automatic sending, from `scheduleStatus(schedule, now)`. */
export const describeAutomaticSync = (automaticSync: ScheduleStatus): Localized => {
  if (automaticSync.kind === 'active') return { fr: 'Synchronisation automatique active', en: 'Automatic synchronisation on' };
  const until = formatCalendarDate(automaticSync.until);
  return { fr: `Synchronisation automatique suspendue jusqu'au ${until.fr}`, en: `Automatic synchronisation suspended until ${until.en}` };
};
