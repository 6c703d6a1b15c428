import type { Language, Localized } from '@ogustine-qbo/domain';

/** One field at fault in a request: `body.syncFrom`, `query.limit`, `path.documentId`, `header.authorization`. */
export interface FieldProblem {
  readonly field: string;
  readonly message: Localized;
}

/**
 * An error answer before it is rendered in the caller's language: RFC 9457 problem details. `slug`
 * makes the stable `type`; `title` is the same for every occurrence of the slug, `detail` says what
 * happened this time.
 */
export interface ApiProblem {
  readonly slug: string;
  readonly status: number;
  readonly title: Localized;
  readonly detail: Localized;
  readonly fields?: readonly FieldProblem[];
  /** Seconds, for 503 (a dependency is down) and 429. */
  readonly retryAfterSeconds?: number;
  /** Extra members a client can act on (e.g. `refusal`), never internals. */
  readonly extensions?: Readonly<Record<string, string | number | boolean>>;
}

/** Problem types are URNs of this module, stable across versions: clients branch on them, not on titles. */
export const problemType = (slug: string): string => `urn:ogustine-qbo:problem:${slug}`;

export interface RenderedProblem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly requestId: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
  readonly [extension: string]: unknown;
}

/** The JSON body of a problem, in one language. */
export const renderProblem = (problem: ApiProblem, language: Language, instance: string, requestId: string): RenderedProblem => ({
  ...(problem.extensions ?? {}),
  type: problemType(problem.slug),
  title: problem.title[language],
  status: problem.status,
  detail: problem.detail[language],
  instance,
  requestId,
  ...(problem.fields === undefined ? {} : { errors: problem.fields.map((f) => ({ field: f.field, message: f.message[language] })) }),
});
