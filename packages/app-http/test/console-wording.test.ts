import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORBIDDEN_SYNONYMS } from '@ogustine-qbo/domain';
import { describe, expect, it } from 'vitest';

/** The console's own files (its texts live in `i18n.js`, a few in the HTML). */
const CONSOLE_DIR = fileURLToPath(new URL('../console/', import.meta.url));
const consoleFiles = readdirSync(CONSOLE_DIR).filter((name) => ['.js', '.html'].includes(extname(name)));

describe('the console speaks the catalogue’s words', () => {
  it('has texts to check', () => {
    expect(consoleFiles).toContain('i18n.js');
  });

  it.each(consoleFiles)('%s uses none of the words the catalogue replaces (« code de taxe », « compte de revenus »…)', (name) => {
    const text = readFileSync(join(CONSOLE_DIR, name), 'utf8');
    for (const { text: forbidden, use } of FORBIDDEN_SYNONYMS) expect(text, `say « ${use} »`).not.toMatch(forbidden);
  });
});
