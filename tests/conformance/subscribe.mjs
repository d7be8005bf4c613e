#!/usr/bin/env node
// Runs every operation of subscription/operations.json through graphql-js `subscribe` (parse, validate, then
// CreateSourceEventStream and MapSourceToResponseEvent) against execution/fixture.json, and prints a JSON array of
// { id, results }: every response the subscription produced, in order (one, with errors, when it could not start).
// Usage: node subscribe.mjs
import { execute, getOperationAST, parse, subscribe, validate } from 'graphql';
import { fieldResolver, createStore } from './execution/resolvers.mjs';
import { subscribeFieldResolver } from './subscription/sources.mjs';
import { loadSchema, readJson } from './lib/schemas.mjs';
import { plainError, plainResult } from './lib/results.mjs';

const schema = loadSchema('test-schema');
const fixture = readJson('execution/fixture.json');
const operations = readJson('subscription/operations.json');

async function runOperation(operation) {
  let document;
  try {
    document = parse(operation.query);
  } catch (syntaxError) {
    return [{ errors: [plainError(syntaxError)] }];
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) {
    return [{ errors: validationErrors.map(plainError) }];
  }
  // A query or mutation sent to a streaming transport is executed once, as graphql-sse and graphql-ws servers do
  // (graphql-js 17 `subscribe` itself refuses one).
  const run = getOperationAST(document, operation.operationName)?.operation === 'subscription' ? subscribe : execute;
  const result = await run({
    schema,
    document,
    variableValues: operation.variables ?? undefined,
    operationName: operation.operationName ?? undefined,
    contextValue: createStore(fixture),
    fieldResolver,
    subscribeFieldResolver,
  });
  if (!(Symbol.asyncIterator in result)) {
    return [plainResult(result)];
  }
  const results = [];
  for await (const event of result) {
    results.push(plainResult(event));
  }
  return results;
}

const output = [];
for (const operation of operations) {
  output.push({ id: operation.id, results: await runOperation(operation) });
}
process.stdout.write(JSON.stringify(output, null, 1) + '\n');
