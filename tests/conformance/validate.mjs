#!/usr/bin/env node
// Runs every document of validation/corpus.json through graphql-js and prints a JSON array, one entry per document:
//   { id, syntaxError?, valid, rules, messages }
// `rules` names the specified rules (without the "Rule" suffix) that report at least one error, found by validating
// with each rule alone; `messages` are the messages of validating with all specified rules, in graphql-js order.
// Usage: node validate.mjs [corpus.json]   (default: validation/corpus.json)
import { readFileSync } from 'node:fs';
import { parse, specifiedRules, validate } from 'graphql';
import { loadSchema, readJson } from './lib/schemas.mjs';

const corpus = process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : readJson('validation/corpus.json');

function check({ id, document, schema: schemaName }) {
  let ast;
  try {
    ast = parse(document);
  } catch (error) {
    return { id, syntaxError: error.message, valid: false, rules: [], messages: [error.message] };
  }
  const schema = loadSchema(schemaName);
  const messages = validate(schema, ast).map((error) => error.message);
  const rules = specifiedRules
    .filter((rule) => validate(schema, ast, [rule]).length > 0)
    .map((rule) => rule.name.replace(/Rule$/, ''))
    .sort();
  return { id, valid: messages.length === 0, rules, messages };
}

process.stdout.write(JSON.stringify(corpus.map(check), null, 1) + '\n');
