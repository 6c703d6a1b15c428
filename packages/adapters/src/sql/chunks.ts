/** Rows or keys per statement: a group's `IN (…)` or `VALUES (…)` list stays well within both engines' limits. */
export const STATEMENT_CHUNK = 200;

/** `items` cut into runs of at most `size`, in order. */
export const chunksOf = <T>(items: readonly T[], size = STATEMENT_CHUNK): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
