import { z } from '@hono/zod-openapi';

/** RFC 9457 problem details, as every error of this API is answered. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:ogustine-qbo:problem:validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string().openapi({ example: 'body.syncFrom' }), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({ content: { 'application/problem+json': { schema: ProblemSchema } }, description });

/** The error answers every authenticated route can give, documented once. */
export const commonProblems = {
  400: problem('Invalid request: `errors` names each field at fault.'),
  401: problem('Missing, invalid or expired token.'),
  413: problem('Request body over the size limit.'),
  503: problem('A dependency (database, queue, QuickBooks, Intuit) is down; `Retry-After` says when to try again.'),
} as const;

export const conflictProblem = problem('Not possible in the current state (see `type`).');
export const notFoundProblem = problem('Unknown to this account.');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** The body of a write, required and JSON: another content type is a 415, not an empty object. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export const bearer = [{ bearer: [] }];

/** Cursor paging as the stores page: at most 50 rows a page, the answer's `next` asks for the following one. */
export const CursorQuery = z.object({
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'The `next` of the previous page.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

/** Ogustine ids in paths and bodies: short and printable. */
export const OgustineId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/)
  .openapi({ example: 'doc-2024-0042' });

export const Instant = z.iso.datetime().openapi({ example: '2024-06-01T08:00:00.000Z' });
export const iso = (ms: number): string => new Date(ms).toISOString();
