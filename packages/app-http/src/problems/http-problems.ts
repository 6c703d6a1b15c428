import type { Localized } from '@ogustine-qbo/domain';
import type { ApiProblem, FieldProblem } from './problem.js';

/** Problems of the HTTP layer itself: the request, its token, its size. */

export const validationProblem = (fields: readonly FieldProblem[]): ApiProblem => ({
  slug: 'validation',
  status: 400,
  title: { fr: 'Requête invalide', en: 'Invalid request' },
  detail:
    fields.length === 1
      ? { fr: 'Un champ de la requête est invalide.', en: 'One field of the request is invalid.' }
      : { fr: `${fields.length} champs de la requête sont invalides.`, en: `${fields.length} fields of the request are invalid.` },
  fields,
});

export const malformedBodyProblem = (): ApiProblem => ({
  slug: 'malformed-body',
  status: 400,
  title: { fr: 'Corps de requête illisible', en: 'Unreadable request body' },
  detail: { fr: 'Le corps de la requête doit être un document JSON valide.', en: 'The request body must be a valid JSON document.' },
  fields: [{ field: 'body', message: { fr: 'JSON invalide', en: 'invalid JSON' } }],
});

export const unsupportedMediaTypeProblem = (): ApiProblem => ({
  slug: 'unsupported-media-type',
  status: 415,
  title: { fr: 'Type de contenu non pris en charge', en: 'Unsupported content type' },
  detail: {
    fr: 'Envoyez le corps en JSON (Content-Type: application/json).',
    en: 'Send the body as JSON (Content-Type: application/json).',
  },
  fields: [{ field: 'header.content-type', message: { fr: 'doit être application/json', en: 'must be application/json' } }],
});

export const payloadTooLargeProblem = (maxBytes: number): ApiProblem => ({
  slug: 'payload-too-large',
  status: 413,
  title: { fr: 'Requête trop volumineuse', en: 'Request too large' },
  detail: { fr: `Le corps de la requête dépasse ${maxBytes} octets.`, en: `The request body exceeds ${maxBytes} bytes.` },
  fields: [{ field: 'body', message: { fr: `au plus ${maxBytes} octets`, en: `at most ${maxBytes} bytes` } }],
});

export type AuthenticationFailure =
  | { readonly kind: 'authn.missing-token' }
  | { readonly kind: 'authn.invalid-token'; readonly reason: 'expired' | 'malformed' | 'signature' | 'claims' | 'account' }
  /** The token could not be checked because the key server (JWKS) is down: the token may well be fine. */
  | { readonly kind: 'authn.keys-unavailable' };

const INVALID_REASON: Record<Extract<AuthenticationFailure, { kind: 'authn.invalid-token' }>['reason'], Localized> = {
  expired: { fr: 'Le jeton a expiré : reconnectez-vous à Ogustine.', en: 'The token has expired: sign in to Ogustine again.' },
  malformed: { fr: "Le jeton n'est pas un JWT valide.", en: 'The token is not a valid JWT.' },
  signature: { fr: "La signature du jeton n'est pas valide.", en: 'The token signature is not valid.' },
  claims: {
    fr: "Le jeton n'a pas été émis pour ce service (émetteur, audience ou expiration).",
    en: 'The token was not issued for this service (issuer, audience or expiry).',
  },
  account: { fr: 'Le jeton ne nomme aucun compte Ogustine valide.', en: 'The token names no valid Ogustine account.' },
};

export const authenticationProblem = (failure: AuthenticationFailure): ApiProblem => {
  switch (failure.kind) {
    case 'authn.missing-token':
      return {
        slug: 'unauthenticated',
        status: 401,
        title: { fr: 'Authentification requise', en: 'Authentication required' },
        detail: {
          fr: 'Envoyez le jeton Ogustine dans l’en-tête Authorization: Bearer.',
          en: 'Send the Ogustine token in the Authorization: Bearer header.',
        },
        fields: [{ field: 'header.authorization', message: { fr: 'absent', en: 'missing' } }],
      };
    case 'authn.invalid-token':
      return {
        slug: 'invalid-token',
        status: 401,
        title: { fr: 'Jeton refusé', en: 'Token refused' },
        detail: INVALID_REASON[failure.reason],
        fields: [{ field: 'header.authorization', message: INVALID_REASON[failure.reason] }],
      };
    case 'authn.keys-unavailable':
      return {
        slug: 'identity-keys-unavailable',
        status: 503,
        title: { fr: 'Service momentanément indisponible', en: 'Service temporarily unavailable' },
        detail: {
          fr: 'Les clés de vérification des jetons sont injoignables. Réessayez dans un instant.',
          en: 'The token verification keys cannot be reached. Try again in a moment.',
        },
        retryAfterSeconds: 30,
      };
  }
};

export const invalidTicketProblem = (): ApiProblem => ({
  slug: 'invalid-stream-ticket',
  status: 401,
  title: { fr: 'Ticket de suivi refusé', en: 'Stream ticket refused' },
  detail: {
    fr: 'Le ticket de suivi est absent, expiré ou destiné à une autre synchronisation : demandez-en un nouveau.',
    en: 'The stream ticket is missing, expired or for another run: ask for a new one.',
  },
  fields: [{ field: 'query.ticket', message: { fr: 'invalide ou expiré', en: 'invalid or expired' } }],
});

export const routeNotFoundProblem = (): ApiProblem => ({
  slug: 'not-found',
  status: 404,
  title: { fr: 'Ressource introuvable', en: 'Not found' },
  detail: { fr: "Cette adresse n'existe pas.", en: 'This address does not exist.' },
});

export const internalProblem = (): ApiProblem => ({
  slug: 'internal',
  status: 500,
  title: { fr: 'Erreur interne', en: 'Internal error' },
  detail: {
    fr: 'Une erreur inattendue est survenue. Elle a été enregistrée ; réessayez, puis contactez le support Ogustine avec l’identifiant de requête.',
    en: 'An unexpected error occurred. It was logged; try again, then contact Ogustine support with the request id.',
  },
});
