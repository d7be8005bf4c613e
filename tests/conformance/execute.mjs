#!/usr/bin/env node
// Runs every operation of execution/operations.json through graphql-js (parse, validate with the specified rules,
// execute) against execution/fixture.json, and prints a JSON array of { id, result } to stdout, where result is the
// response as a GraphQL-over-HTTP server would send it: { data?, errors? }.
// Usage: node execute.mjs [operations.json]   (default: execution/operations.json)
import { execute, parse, validate } from 'graphql';
import { fieldResolver, createStore } from './execution/resolvers.mjs';
import { loadSchema, readJson } from './lib/schemas.mjs';
import { plainError, plainResult } from './lib/results.mjs';
import { readFileSync } from 'node:fs';

const schema = loadSchema('test-schema');
const fixture = readJson('execution/fixture.json');
const operations = process.argv[2]
  ? JSON.parse(readFileSync(process.argv[2], 'utf8'))
  : readJson('execution/operations.json');

/** The whole request pipeline, as our RequestExecutor runs it. */
export async function runOperation(operation) {
  let document;
  try {
    document = parse(operation.query);
  } catch (syntaxError) {
    return { errors: [plainError(syntaxError)] };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) {
    return { errors: validationErrors.map(plainError) };
  }
  const result = await execute({
    schema,
    document,
    variableValues: operation.variables ?? undefined,
    operationName: operation.operationName ?? undefined,
    contextValue: createStore(fixture),
    fieldResolver,
  });
  return plainResult(result);
}

const output = [];
for (const operation of operations) {
  output.push({ id: operation.id, result: await runOperation(operation) });
}
process.stdout.write(JSON.stringify(output, null, 1) + '\n');
