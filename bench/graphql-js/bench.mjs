#!/usr/bin/env node
// JavaScript side of the engine benchmark: graphql-js 16 and graphql-jit on the small, medium and large documents
// of bench/documents, over the conformance test schema and fixture, with the resolvers the conformance tests use
// (tests/conformance/execution/resolvers.mjs) attached to the schema's fields. The phases match
// bench/Directory.GraphQL.Benchmarks (EngineBenchmarks): Parse, Validate, ExecuteDocument, WarmRequest,
// ColdRequest; every execute phase ends with the response's JSON text.
// Usage: npm run bench [-- --time 1000 --json results.json --expect FOLDER [--check-only]]
//   --expect FOLDER: before timing, every execute phase of both engines must write exactly the bytes of
//   FOLDER/<document>.json (our engine's output, written by `Directory.GraphQL.Benchmarks check FOLDER`); the run
//   stops otherwise.
// Reports ops/s (the median of ten time-boxed slices after a warm-up), µs/op at that rate and approximate bytes
// allocated per op (heap growth over a run that triggered no garbage collection; needs --expose-gc and a large
// semi-space, as `npm run bench` sets; memoryUsage sampling adds a little).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, execute, isObjectType, parse, validate, version } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { createStore, resolvers } from '../../tests/conformance/execution/resolvers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const minTimeMs = Number(option('--time', '1500'));
const jsonPath = option('--json', null);
const expectFolder = option('--expect', null);
const jitVersion = JSON.parse(readFileSync(join(here, 'node_modules', 'graphql-jit', 'package.json'), 'utf8')).version;

// The resolvers go on the schema's fields, where both engines find them; fields without one read the parent's
// property (graphql-js's default resolver; graphql-jit compiles the read inline). Abstract types resolve by the
// fixture's __typename, the default of both.
const schema = buildSchema(readFileSync(join(repo, 'tests/conformance/schema/test-schema.graphql'), 'utf8'));
for (const type of Object.values(schema.getTypeMap())) {
  if (!isObjectType(type) || type.name.startsWith('__')) continue;
  for (const [name, field] of Object.entries(type.getFields())) {
    const resolve = resolvers[type.name]?.[name];
    if (resolve !== undefined) field.resolve = resolve;
  }
}
const fixture = JSON.parse(readFileSync(join(repo, 'tests/conformance/execution/fixture.json'), 'utf8'));
const store = createStore(fixture);

// The median of ten slices of a tenth of the time each, as BenchmarkDotNet reports the median of its iterations for
// the .NET engines (bench/engine/run.sh gives both slices of 100 ms): a burst of other work on a shared machine then
// moves neither side's figure, where one mean over the whole time took every burst in (issue 18 §7). Calls go in
// batches of up to 16 between clock reads, fewer for a case slower than 16 calls a millisecond.
const slices = 10;
function opsPerSecond(fn) {
  const warmUpStart = performance.now();
  // Warmed up as long as it is measured, as bench/engine/run.sh has BenchmarkDotNet do (V8 tiers up in the
  // background too).
  const warmUpEnd = warmUpStart + minTimeMs;
  let warmUpCalls = 0;
  while (performance.now() < warmUpEnd) {
    fn();
    warmUpCalls++;
  }
  const batch = Math.max(1, Math.min(16, Math.round(warmUpCalls / (performance.now() - warmUpStart))));
  const sliceMs = minTimeMs / slices;
  const rates = [];
  for (let slice = 0; slice < slices; slice++) {
    let iterations = 0;
    const start = performance.now();
    let now = start;
    while (now - start < sliceMs) {
      for (let i = 0; i < batch; i++) fn();
      iterations += batch;
      now = performance.now();
    }
    rates.push((iterations * 1000) / (now - start));
  }
  rates.sort((a, b) => a - b);
  return (rates[(slices - 1) >> 1] + rates[slices >> 1]) / 2;
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

/** Every execute phase must complete synchronously, without errors; returns the JSON text. */
function synchronous(result) {
  if (typeof result?.then === 'function') throw new Error('the benchmark documents must execute synchronously');
  return result;
}

function compile(document) {
  // Without customJSONSerializer (a serializer generated from the query's shape): it refuses custom scalars
  // ("unexpected PRIMITIVES type: URL"), so compiled.stringify is JSON.stringify, as for graphql-js.
  const compiled = compileQuery(schema, document);
  if (!isCompiledQuery(compiled)) throw new Error(`graphql-jit could not compile: ${JSON.stringify(compiled.errors)}`);
  return compiled;
}

function engineCases(source) {
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`invalid: ${errors.map((e) => e.message).join('; ')}`);
  const run = (doc) => JSON.stringify(synchronous(execute({ schema, document: doc, contextValue: store })));
  const runCompiled = (compiled) => compiled.stringify(synchronous(compiled.query(undefined, store, {})));
  // A warm server's caches, keyed by the document text as ours and GraphQL.NET's are.
  const documents = new Map([[source, document]]);
  const compiledQueries = new Map([[source, compile(document)]]);
  const cold = (toJson) => {
    const parsed = parse(source);
    const found = validate(schema, parsed);
    if (found.length > 0) throw new Error('invalid');
    return toJson(parsed);
  };
  return {
    'graphql-js': {
      Parse: () => parse(source),
      Validate: () => validate(schema, document),
      ExecuteDocument: () => run(document),
      WarmRequest: () => run(documents.get(source)),
      ColdRequest: () => cold(run),
    },
    // Parsing and validation are graphql-js's own (graphql-jit compiles a validated graphql-js document).
    'graphql-jit': {
      ExecuteDocument: () => runCompiled(compile(document)),
      WarmRequest: () => runCompiled(compiledQueries.get(source)),
      ColdRequest: () => cold((parsed) => runCompiled(compile(parsed))),
    },
  };
}

const sizes = ['small', 'medium', 'large'];
const cases = Object.fromEntries(sizes.map((size) => [size, engineCases(readFileSync(join(here, '..', 'documents', `${size}.graphql`), 'utf8'))]));

if (expectFolder) {
  for (const size of sizes) {
    const expected = readFileSync(join(expectFolder, `${size}.json`), 'utf8');
    for (const [engine, phases] of Object.entries(cases[size])) {
      for (const [phase, fn] of Object.entries(phases)) {
        if (!phase.startsWith('Execute') && !phase.endsWith('Request')) continue;
        const actual = fn();
        if (actual !== expected) {
          let at = 0;
          while (at < actual.length && actual[at] === expected[at]) at++;
          console.error(`${size}: ${engine} ${phase} wrote different JSON from our engine at character ${at}:`);
          console.error(`  ours   …${expected.slice(Math.max(0, at - 80), at + 80)}…`);
          console.error(`  theirs …${actual.slice(Math.max(0, at - 80), at + 80)}…`);
          process.exit(1);
        }
      }
    }
    console.log(`${size}: graphql-js and graphql-jit wrote our engine's JSON byte for byte in every execute phase`);
  }
  if (args.includes('--check-only')) process.exit(0);
}

const results = [];
for (const size of sizes) {
  for (const [engine, phases] of Object.entries(cases[size])) {
    for (const [operation, fn] of Object.entries(phases)) {
      const ops = opsPerSecond(fn);
      // About 0.1 s of operations (at least three): enough to average, short enough for the slow compile-every-time cases.
      const bytes = await bytesPerOp(fn, Math.max(3, Math.min(500, Math.round(ops / 10))));
      results.push({ engine, document: size, operation, opsPerSecond: Math.round(ops), meanMicroseconds: 1e6 / ops, bytesPerOp: bytes });
    }
  }
}

const heap = process.memoryUsage();
const header = `graphql-js ${version}, graphql-jit ${jitVersion}, node ${process.version}, ${minTimeMs} ms per case`;
console.log(header);
console.log('| Engine | Document | Operation | ops/s | mean µs | ≈ bytes/op |');
console.log('| --- | --- | --- | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.engine} | ${r.document} | ${r.operation} | ${r.opsPerSecond.toLocaleString('en-GB')} | ${r.meanMicroseconds.toFixed(1)} | ${r.bytesPerOp?.toLocaleString('en-GB') ?? 'n/a'} |`);
}
console.log(`heap used at end: ${(heap.heapUsed / 1048576).toFixed(1)} MB, heap total ${(heap.heapTotal / 1048576).toFixed(1)} MB`);
if (jsonPath) {
  writeFileSync(
    jsonPath,
    JSON.stringify({ header, graphqlVersion: version, graphqlJitVersion: jitVersion, node: process.version, results, heapUsed: heap.heapUsed }, null, 2) + '\n',
  );
}
