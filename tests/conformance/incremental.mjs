#!/usr/bin/env node
// Runs every operation of incremental/operations.json through graphql-js 17's experimentalExecuteIncrementally
// (parse, validate, execute) against test-schema.graphql with defer-stream.graphql appended, on a fresh copy of
// execution/fixture.json, and prints a JSON array of { id, payloads }: the initial payload followed by every
// subsequent one, each as it would be sent ({ data?, errors?, pending?, hasNext? } first, then
// { hasNext, pending?, incremental?, completed? }). A response without deferred work is one payload.
// Usage: node incremental.mjs [operations.json]   (default: incremental/operations.json)
import { experimentalExecuteIncrementally, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { fieldResolver, createStore } from './execution/resolvers.mjs';
import { loadSchema, readJson } from './lib/schemas.mjs';
import { plainError, plainResult } from './lib/results.mjs';

const schema = loadSchema('test-schema+defer-stream');
const fixture = readJson('execution/fixture.json');
const operations = process.argv[2]
  ? JSON.parse(readFileSync(process.argv[2], 'utf8'))
  : readJson('incremental/operations.json');

const plainErrors = (errors) => (errors?.length ? { errors: errors.map(plainError) } : {});

function plainPending(pending) {
  return pending.map(({ id, path, label }) => (label === undefined ? { id, path } : { id, path, label }));
}

function plainSubsequent(payload) {
  const plain = { hasNext: payload.hasNext };
  if (payload.pending?.length) plain.pending = plainPending(payload.pending);
  if (payload.incremental?.length) {
    plain.incremental = payload.incremental.map((entry) => {
      const item = { id: entry.id };
      if ('items' in entry) item.items = JSON.parse(JSON.stringify(entry.items));
      else item.data = JSON.parse(JSON.stringify(entry.data));
      Object.assign(item, plainErrors(entry.errors));
      if (entry.subPath) item.subPath = [...entry.subPath];
      return item;
    });
  }
  if (payload.completed?.length) {
    plain.completed = payload.completed.map(({ id, errors }) => ({ id, ...plainErrors(errors) }));
  }
  return plain;
}

export async function runOperation(operation) {
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
  const result = await experimentalExecuteIncrementally({
    schema,
    document,
    variableValues: operation.variables ?? undefined,
    operationName: operation.operationName ?? undefined,
    contextValue: createStore(fixture),
    fieldResolver,
  });
  if (!('initialResult' in result)) {
    return [plainResult(result)];
  }
  const { initialResult, subsequentResults } = result;
  const payloads = [{ ...plainResult(initialResult), pending: plainPending(initialResult.pending), hasNext: initialResult.hasNext }];
  for await (const payload of subsequentResults) {
    payloads.push(plainSubsequent(payload));
  }
  return payloads;
}

const output = [];
for (const operation of operations) {
  output.push({ id: operation.id, payloads: await runOperation(operation) });
}
process.stdout.write(JSON.stringify(output, null, 1) + '\n');
