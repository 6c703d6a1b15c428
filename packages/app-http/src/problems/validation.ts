import type { Localized } from '@ogustine-qbo/domain';
import type { FieldProblem } from './problem.js';

/** A zod 4 issue as the validator reports it (only what the wording needs). */
export interface ValidationIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly expected?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly keys?: readonly string[];
  readonly format?: string;
  readonly values?: readonly unknown[];
}

/** Where the validator looked, named as a client names it. */
const PREFIX: Record<string, string> = { json: 'body', param: 'path', query: 'query', header: 'header', cookie: 'cookie', form: 'body' };

const shown = (value: unknown): string => (typeof value === 'bigint' ? value.toString() : (JSON.stringify(value) ?? String(value)));

const messageOf = (issue: ValidationIssue): Localized => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === undefined
        ? { fr: 'type invalide', en: 'invalid type' }
        : { fr: `attendu : ${String(issue.expected)}`, en: `expected ${String(issue.expected)}` };
    case 'too_small':
      return { fr: `trop petit (minimum ${shown(issue.minimum)})`, en: `too small (minimum ${shown(issue.minimum)})` };
    case 'too_big':
      return { fr: `trop grand (maximum ${shown(issue.maximum)})`, en: `too big (maximum ${shown(issue.maximum)})` };
    case 'invalid_format':
      return issue.format === 'regex' || issue.format === undefined
        ? { fr: 'format invalide', en: 'invalid format' }
        : { fr: `format attendu : ${issue.format}`, en: `expected format: ${issue.format}` };
    case 'invalid_value':
      return issue.values === undefined
        ? { fr: 'valeur invalide', en: 'invalid value' }
        : { fr: `valeurs permises : ${issue.values.map(shown).join(', ')}`, en: `allowed values: ${issue.values.map(shown).join(', ')}` };
    case 'unrecognized_keys':
      return { fr: 'champ inconnu', en: 'unknown field' };
    case 'invalid_union':
      return { fr: 'ne correspond à aucune forme permise', en: 'matches no allowed shape' };
    default:
      return { fr: 'valeur invalide', en: 'invalid value' };
  }
};

/** Field problems from validation issues: one per issue, the field named by its full path. */
export const fieldProblems = (target: string, issues: readonly ValidationIssue[]): FieldProblem[] =>
  issues.flatMap((issue) => {
    const base = [PREFIX[target] ?? target, ...issue.path.map(String)];
    // An unknown key is the key's own fault: name each one.
    if (issue.code === 'unrecognized_keys' && issue.keys !== undefined && issue.keys.length > 0) {
      return issue.keys.map((key) => ({ field: [...base, key].join('.'), message: messageOf(issue) }));
    }
    return [{ field: base.join('.'), message: messageOf(issue) }];
  });
