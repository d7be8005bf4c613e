#!/usr/bin/env node
// Turns one bench/engine/run.sh run (its folder of raw reports) into markdown: per document and phase, each
// engine's median ops/s across the rounds with the spread (lowest–highest round), ratios of medians where two
// engines do the same work, each round's own warm-request ratio against graphql-jit, allocations, and the load
// average around every run.
// Usage: node bench/engine/summarise.mjs bench/engine/results/runs/<time>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const run = process.argv[2];
if (!run) throw new Error('usage: summarise.mjs RUN_FOLDER');

const engines = ['Ours', 'GraphQL.NET', 'graphql-js', 'graphql-jit'];
const documents = ['small', 'medium', 'large'];
const phases = ['Parse', 'Validate', 'ExecuteDocument', 'WarmRequest', 'ColdRequest'];
// The rows where a ratio compares the same work. A warm request is the same request for every engine, but only
// ours and graphql-jit keep a plan between requests; GraphQL.NET and graphql-js re-plan (compare ExecuteDocument).
const sameWork = (phase, engine) => phase !== 'WarmRequest' || engine === 'graphql-jit';

const samples = new Map(); // "engine|document|phase" → [{ round, ops, bytes }]
const add = (round, engine, document, phase, ops, bytes) => {
  const key = `${engine}|${document}|${phase}`;
  if (!samples.has(key)) samples.set(key, []);
  samples.get(key).push({ round, ops, bytes });
};
const roundOf = (name) => Number(/\d+/.exec(name)[0]);

let jsHeader = '';
let dotnetHeader = '';
const files = readdirSync(run);
for (const folder of files.filter((f) => /^dotnet-\d+$/.test(f))) {
  const results = join(run, folder, 'results');
  const report = JSON.parse(readFileSync(join(results, readdirSync(results).find((f) => f.endsWith('.json'))), 'utf8'));
  const host = report.HostEnvironmentInfo;
  dotnetHeader = `${host.BenchmarkDotNetCaption} ${host.BenchmarkDotNetVersion}, ${host.RuntimeVersion}`;
  for (const benchmark of report.Benchmarks) {
    const parameters = Object.fromEntries(benchmark.Parameters.split('&').map((p) => p.split('=')));
    add(roundOf(folder), parameters.Engine, parameters.Document, benchmark.Method, 1e9 / benchmark.Statistics.Median, benchmark.Memory.BytesAllocatedPerOperation);
  }
}
for (const file of files.filter((f) => /^js-\d+\.json$/.test(f))) {
  const report = JSON.parse(readFileSync(join(run, file), 'utf8'));
  jsHeader = report.header;
  for (const r of report.results) {
    add(roundOf(file), r.engine, r.document, r.operation, r.opsPerSecond, r.bytesPerOp);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const compact = (value) =>
  value >= 1e6 ? `${(value / 1e6).toFixed(2)}M` : value >= 1e4 ? `${Math.round(value / 1e3)}k` : value >= 100 ? `${Math.round(value)}` : value.toFixed(1);
const stats = (engine, document, phase) => {
  const list = samples.get(`${engine}|${document}|${phase}`);
  if (!list) return null;
  const ops = list.map((s) => s.ops);
  const bytes = list.map((s) => s.bytes).filter((b) => b != null);
  return { median: median(ops), min: Math.min(...ops), max: Math.max(...ops), rounds: ops.length, bytes: bytes.length ? median(bytes) : null };
};
const cell = (s) => (s ? `${compact(s.median)} (${compact(s.min)}–${compact(s.max)})` : '—');
const ratio = (ours, theirs) => (ours && theirs ? `${(ours.median / theirs.median).toFixed(2)}×` : '—');
const kb = (bytes) => (bytes == null ? 'n/a' : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${Math.round(bytes)} B`);

const out = [];
out.push(`Conditions: ${readFileSync(join(run, 'conditions.txt'), 'utf8').trim().split('\n').join('; ')}.`);
out.push(`.NET: ${dotnetHeader}. JavaScript: ${jsHeader}.`);
out.push('');
out.push('Operations per second: median of the rounds (lowest–highest round). Ratio = our median ÷ theirs (above 1: we are faster); only where both do the same work.');
out.push('');
out.push('| Document | Phase | Ours | GraphQL.NET | graphql-js | graphql-jit | Ours ÷ GraphQL.NET | Ours ÷ graphql-js | Ours ÷ graphql-jit |');
out.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const document of documents) {
  for (const phase of phases) {
    const row = Object.fromEntries(engines.map((e) => [e, stats(e, document, phase)]));
    const ratios = engines.slice(1).map((e) => (sameWork(phase, e) ? ratio(row.Ours, row[e]) : 'not alike'));
    out.push(`| ${document} | ${phase} | ${engines.map((e) => cell(row[e])).join(' | ')} | ${ratios.join(' | ')} |`);
  }
}
out.push('');
// Each round ran .NET and then node within a few minutes, so a round's own ratio has less of the machine's drift in
// it than a ratio of medians taken across rounds; how many rounds we were ahead in says how clear a lead is.
out.push('Warm requests against graphql-jit, round by round: our ops/s ÷ graphql-jit\'s in the same round.');
out.push('');
const rounds = [...new Set([...samples.values()].flat().map((s) => s.round))].sort((a, b) => a - b);
out.push(`| Document | ${rounds.map((r) => `round ${r}`).join(' | ')} | median | rounds ahead |`);
out.push(`| --- | ${rounds.map(() => '---:').join(' | ')} | ---: | ---: |`);
for (const document of documents) {
  const ops = (engine, round) => samples.get(`${engine}|${document}|WarmRequest`)?.find((s) => s.round === round)?.ops;
  const ratios = rounds.map((r) => (ops('Ours', r) && ops('graphql-jit', r) ? ops('Ours', r) / ops('graphql-jit', r) : null));
  const known = ratios.filter((r) => r != null);
  out.push(`| ${document} | ${ratios.map((r) => (r == null ? '—' : r.toFixed(2))).join(' | ')} | ${known.length ? median(known).toFixed(2) : '—'} | ${known.filter((r) => r > 1).length} of ${known.length} |`);
}
out.push('');
out.push('Allocated per operation (median of the rounds): .NET exact (BenchmarkDotNet MemoryDiagnoser); JavaScript approximate (heap growth over a run without a collection, n/a when none could be had).');
out.push('');
out.push(`| Document | Phase | ${engines.join(' | ')} |`);
out.push(`| --- | --- | ${engines.map(() => '---:').join(' | ')} |`);
for (const document of documents) {
  for (const phase of phases) {
    out.push(`| ${document} | ${phase} | ${engines.map((e) => { const s = stats(e, document, phase); return s ? kb(s.bytes) : '—'; }).join(' | ')} |`);
  }
}
out.push('');
out.push('Load average (1, 5, 15 min) around each harness run:');
out.push('');
out.push('| Round | Harness | Before | After |');
out.push('| ---: | --- | --- | --- |');
const load = readFileSync(join(run, 'load.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
for (const [round, harness, when, value] of load) {
  if (when !== 'before') continue;
  const after = load.find((l) => l[0] === round && l[1] === harness && l[2] === 'after')?.[3] ?? '?';
  out.push(`| ${round} | ${harness === 'dotnet' ? '.NET' : 'JavaScript'} | ${value} | ${after} |`);
}
console.log(out.join('\n'));
