import {
  explainModuleStateError,
  type AccountingGatewayError,
  type AuthorizationError,
  type CheckPrerequisitesError,
  type ChooseTaxCodeError,
  type ConnectError,
  type DisconnectError,
  type DocumentStatusError,
  type ErrorJournalError,
  type LaunchInitialSyncError,
  type Localized,
  type QboFailure,
  type ResyncError,
  type StateRefusal,
  type StoreError,
  type SyncQueueError,
} from '@ogustine-qbo/domain';
import type { ApiProblem } from './problem.js';

/** Every error value a route can get back from a use case. Each kind maps to exactly one problem below. */
export type UseCaseError =
  | StoreError
  | SyncQueueError
  | ErrorJournalError
  | AccountingGatewayError
  | AuthorizationError
  | CheckPrerequisitesError
  | ChooseTaxCodeError
  | ConnectError
  | LaunchInitialSyncError
  | DisconnectError
  | DocumentStatusError
  | ResyncError
  | StateRefusal;

const RETRY_AFTER_SECONDS = 30;

const unavailable = (slug: string, what: Localized): ApiProblem => ({
  slug,
  status: 503,
  title: { fr: 'Service momentanément indisponible', en: 'Service temporarily unavailable' },
  detail: {
    fr: `${what.fr} est momentanément injoignable. Rien n'a été perdu : réessayez dans un instant.`,
    en: `${what.en} cannot be reached right now. Nothing was lost: try again in a moment.`,
  },
  retryAfterSeconds: RETRY_AFTER_SECONDS,
});

const conflict = (slug: string, title: Localized, detail: Localized, extensions?: ApiProblem['extensions']): ApiProblem => ({
  slug,
  status: 409,
  title,
  detail,
  ...(extensions === undefined ? {} : { extensions }),
});

const RECONNECT: Localized = {
  fr: "QuickBooks a refusé l'autorisation d'Ogustine (révoquée ou expirée). Cliquez sur « Se connecter à QuickBooks » pour la renouveler.",
  en: 'QuickBooks refused Ogustine’s authorisation (revoked or expired). Click “Connect to QuickBooks” to renew it.',
};

const qboProblem = (failure: QboFailure): ApiProblem => {
  switch (failure.kind) {
    case 'qbo.unauthorized':
      return conflict('reconnect-required', { fr: 'Reconnexion à QuickBooks nécessaire', en: 'QuickBooks reconnection needed' }, RECONNECT);
    case 'qbo.throttled':
    case 'qbo.unavailable':
    case 'qbo.timeout':
    case 'qbo.network':
      return unavailable('quickbooks-unavailable', { fr: 'QuickBooks', en: 'QuickBooks' });
    case 'qbo.fault':
      // A fault on a read (company, preferences, tax codes) is QuickBooks' side, never the caller's input.
      return {
        slug: 'quickbooks-refused',
        status: 502,
        title: { fr: 'QuickBooks a refusé la demande', en: 'QuickBooks refused the request' },
        detail: {
          fr: `QuickBooks a répondu par une erreur (${failure.errors.map((e) => e.code).join(', ') || failure.status}). Réessayez ; si cela dure, contactez le support Ogustine.`,
          en: `QuickBooks answered with an error (${failure.errors.map((e) => e.code).join(', ') || failure.status}). Try again; if it lasts, contact Ogustine support.`,
        },
        ...(failure.intuitTid === undefined ? {} : { extensions: { intuitTid: failure.intuitTid } }),
      };
  }
};

/**
 * The problem for a use case's error value, exhaustively: a new kind in the domain fails the
 * type-check here until it is given its answer.
 */
export const problemOf = (error: UseCaseError): ApiProblem => {
  switch (error.kind) {
    case 'store.unavailable':
      return unavailable('store-unavailable', { fr: 'La base de données', en: 'The database' });
    case 'store.conflict':
      return conflict(
        'concurrent-change',
        { fr: 'Modification simultanée', en: 'Concurrent change' },
        {
          fr: 'Une autre opération a modifié ces données au même moment. Rechargez puis réessayez.',
          en: 'Another operation changed this data at the same time. Reload and try again.',
        },
      );
    case 'queue.unavailable':
      return unavailable('queue-unavailable', { fr: "La file d'envoi", en: 'The sending queue' });
    case 'auth.unavailable':
      return unavailable('intuit-unavailable', { fr: "Le service d'autorisation d'Intuit", en: 'Intuit’s authorisation service' });
    case 'auth.invalid-grant':
      return conflict('reconnect-required', { fr: 'Reconnexion à QuickBooks nécessaire', en: 'QuickBooks reconnection needed' }, RECONNECT);
    case 'connection.missing':
      return conflict(
        'not-connected',
        { fr: 'QuickBooks non connecté', en: 'QuickBooks not connected' },
        {
          fr: "Aucune entreprise QuickBooks n'est connectée (ou la connexion doit être renouvelée). Cliquez sur « Se connecter à QuickBooks ».",
          en: 'No QuickBooks company is connected (or the connection must be renewed). Click “Connect to QuickBooks”.',
        },
      );
    case 'qbo.failed':
      return qboProblem(error.failure);
    case 'use-case.state-refused':
      return conflict(
        error.refusal.kind.replace(/^state\./, ''),
        { fr: 'Action impossible dans cet état', en: 'Not possible in this state' },
        explainModuleStateError(error.refusal),
      );
    case 'connect.invalid-state':
      return {
        slug: 'invalid-authorization-state',
        status: 400,
        title: { fr: 'Lien de connexion invalide', en: 'Invalid connection link' },
        detail: {
          fr: 'Ce retour de QuickBooks est expiré ou a déjà servi. Recommencez la connexion depuis Ogustine.',
          en: 'This return from QuickBooks has expired or was already used. Start the connection again from Ogustine.',
        },
        fields: [{ field: 'query.state', message: { fr: 'inconnu, expiré ou déjà utilisé', en: 'unknown, expired or already used' } }],
      };
    case 'connect.us-company-unsupported':
      return conflict('us-company-unsupported', { fr: 'Entreprise américaine', en: 'US company' }, error.message);
    case 'connect.realm-held-by-another-account':
      return conflict(
        'company-held-by-another-account',
        { fr: 'Entreprise déjà connectée à un autre compte', en: 'Company connected to another account' },
        error.message,
      );
    case 'tax-codes.code-does-not-fit':
      return {
        slug: 'tax-code-does-not-fit',
        status: 400,
        title: { fr: 'Code de taxe inadapté', en: 'Tax code does not fit' },
        detail: error.message,
        fields: [{ field: 'body.taxCodeId', message: error.message }],
      };
    case 'status.unknown-document':
      return {
        slug: 'document-not-found',
        status: 404,
        title: { fr: 'Document inconnu', en: 'Unknown document' },
        detail: { fr: "Ce document n'a jamais été reçu pour ce compte.", en: 'This document was never received for this account.' },
        fields: [{ field: 'path.documentId', message: { fr: 'inconnu', en: 'unknown' } }],
      };
    case 'resync.not-connected':
      return conflict(
        'not-connected',
        { fr: 'QuickBooks non connecté', en: 'QuickBooks not connected' },
        {
          fr: "Aucune entreprise QuickBooks n'est connectée : connectez-la avant de resynchroniser.",
          en: 'No QuickBooks company is connected: connect it before resynchronising.',
        },
      );
    case 'error-history.unknown-record':
    case 'error-history.invalid-transition':
      return conflict(
        'error-history-changed',
        { fr: 'Historique modifié entre-temps', en: 'History changed meanwhile' },
        {
          fr: "L'historique des erreurs a changé pendant l'opération. Rechargez-le puis réessayez.",
          en: 'The error history changed during the operation. Reload it and try again.',
        },
      );
    case 'error-history.duplicate-id':
    case 'error-history.account-mismatch':
      // Stored history breaks an invariant: a bug or corrupted data, never the caller's doing.
      return {
        slug: 'internal',
        status: 500,
        title: { fr: 'Erreur interne', en: 'Internal error' },
        detail: {
          fr: "L'historique des erreurs de ce compte est incohérent. Contactez le support Ogustine avec l'identifiant de requête.",
          en: 'This account’s error history is inconsistent. Contact Ogustine support with the request id.',
        },
      };
  }
};
