// Loads the SDL files under schema/ into graphql-js schemas. Shared by every script of the harness.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, validateSchema } from 'graphql';

export const harnessRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const cache = new Map();

/**
 * The schema named `name` (a file schema/<name>.graphql, or several joined by "+", e.g.
 * "test-schema+defer-stream"), built once and checked for validity.
 */
export function loadSchema(name = 'test-schema') {
  if (!cache.has(name)) {
    const sdl = name
      .split('+')
      .map((part) => readFileSync(join(harnessRoot, 'schema', `${part}.graphql`), 'utf8'))
      .join('\n');
    const schema = buildSchema(sdl);
    const errors = validateSchema(schema);
    if (errors.length > 0) {
      throw new Error(`schema/${name}.graphql is invalid:\n${errors.map((e) => e.message).join('\n')}`);
    }
    cache.set(name, schema);
  }
  return cache.get(name);
}

export function readJson(relativePath) {
  return JSON.parse(readFileSync(join(harnessRoot, relativePath), 'utf8'));
}

export { canonicalJson } from './json.mjs';
