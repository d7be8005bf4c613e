#!/usr/bin/env node
// graphql-js side of the engine benchmarks: parse, validate, execute and parse+validate+execute of the small,
// medium and large documents in bench/documents over the conformance test schema and fixture, with the same
// resolvers the conformance tests use (tests/conformance/execution/resolvers.mjs).
// Usage: npm run bench [-- --time 2000 --json results.json]
// Reports ops/s (time-boxed loop after a warm-up), mean µs/op and approximate bytes allocated per op (heap growth
// over a run that triggered no garbage collection; needs --expose-gc and a large semi-space, as `npm run bench` sets; memoryUsage sampling adds a little).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, execute, parse, validate, version } from 'graphql';
import { createStore, fieldResolver } from '../../tests/conformance/execution/resolvers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const minTimeMs = Number(option('--time', '1500'));
const jsonPath = option('--json', null);

const schema = buildSchema(readFileSync(join(repo, 'tests/conformance/schema/test-schema.graphql'), 'utf8'));
const fixture = JSON.parse(readFileSync(join(repo, 'tests/conformance/execution/fixture.json'), 'utf8'));
const store = createStore(fixture);

function opsPerSecond(fn) {
  const warmUpEnd = performance.now() + Math.min(500, minTimeMs / 2);
  while (performance.now() < warmUpEnd) fn();
  let iterations = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minTimeMs) {
    for (let i = 0; i < 16; i++) fn();
    iterations += 16;
    now = performance.now();
  }
  return (iterations * 1000) / (now - start);
}

async function bytesPerOp(fn, iterations) {
  if (typeof globalThis.gc !== 'function') return null;
  // Heap growth over a run is the allocation only if no collection ran in between; a collection shows up as the
  // heap shrinking between two samples, and then the run is retried (at most five times).
  const sampleCost = (() => {
    const a = process.memoryUsage().heapUsed;
    const b = process.memoryUsage().heapUsed;
    return Math.max(0, b - a);
  })();
  for (let attempt = 0; attempt < 5; attempt++) {
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    let previous = before;
    let collected = false;
    for (let i = 0; i < iterations; i++) {
      fn();
      const now = process.memoryUsage().heapUsed;
      if (now < previous) {
        collected = true;
        break;
      }
      previous = now;
    }
    if (!collected) return Math.max(0, Math.round((previous - before) / iterations - sampleCost));
  }
  return null;
}

const results = [];
for (const size of ['small', 'medium', 'large']) {
  const source = readFileSync(join(here, '..', 'documents', `${size}.graphql`), 'utf8');
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`${size}.graphql is invalid: ${errors.map((e) => e.message).join('; ')}`);
  const run = (doc) => execute({ schema, document: doc, contextValue: store, fieldResolver });
  const check = run(document);
  if (check.errors || typeof check.then === 'function') throw new Error(`${size}.graphql must execute synchronously without errors`);

  const cases = {
    Parse: () => parse(source),
    Validate: () => validate(schema, document),
    Execute: () => run(document),
    ParseValidateExecute: () => {
      const parsed = parse(source);
      if (validate(schema, parsed).length === 0) run(parsed);
    },
  };
  for (const [operation, fn] of Object.entries(cases)) {
    const ops = opsPerSecond(fn);
    const bytes = await bytesPerOp(fn, Math.max(20, Math.min(500, Math.round(ops / 20))));
    results.push({ document: size, operation, opsPerSecond: Math.round(ops), meanMicroseconds: 1e6 / ops, bytesPerOp: bytes });
  }
}

const heap = process.memoryUsage();
const header = `graphql-js ${version}, node ${process.version}, ${minTimeMs} ms per case`;
console.log(header);
console.log('| Document | Operation | ops/s | mean µs | ≈ bytes/op |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.document} | ${r.operation} | ${r.opsPerSecond.toLocaleString('en-GB')} | ${r.meanMicroseconds.toFixed(1)} | ${r.bytesPerOp?.toLocaleString('en-GB') ?? 'n/a'} |`);
}
console.log(`heap used at end: ${(heap.heapUsed / 1048576).toFixed(1)} MB, heap total ${(heap.heapTotal / 1048576).toFixed(1)} MB`);
if (jsonPath) {
  writeFileSync(jsonPath, JSON.stringify({ header, graphqlVersion: version, node: process.version, results, heapUsed: heap.heapUsed }, null, 2) + '\n');
}
