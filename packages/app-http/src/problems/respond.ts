import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { renderProblem, type ApiProblem } from './problem.js';

/** Sends a problem as `application/problem+json` in the request's language (RFC 9457). */
export const sendProblem = (c: Context<AppEnv>, problem: ApiProblem): Response => {
  const language = c.get('language') ?? 'fr';
  const body = renderProblem(problem, language, new URL(c.req.url).pathname, c.get('requestId') ?? '');
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8', 'content-language': language };
  if (problem.retryAfterSeconds !== undefined) headers['retry-after'] = String(problem.retryAfterSeconds);
  if (problem.status === 401) headers['www-authenticate'] = 'Bearer realm="ogustine-qbo"';
  return new Response(JSON.stringify(body), { status: problem.status, headers });
};
