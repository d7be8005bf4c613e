// Turns one soak run's records (requests.csv, servers.csv, meta.json, written by soak.mjs) into:
//   minutes.csv    per minute and operation: requests, errors, p50, p99, max (ms)
//   servers-by-minute.csv  per minute and server: RSS at the minute's end and its peak (MB), CPU seconds used
//   summary.json   all of the above plus per-operation totals, the first errors and the verdicts
//   plot.svg       p50/p99 per minute (all operations, and p99 per operation) above RSS per minute per server
//   table.md       the markdown for docs/benchmarks.md
//
//   node report.mjs <run folder>
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8'));

function readCsv(file) {
  const [header, ...lines] = readFileSync(join(folder, file), 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  return lines.filter(Boolean).map((line) => {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
    }
    cells.push(cell);
    return Object.fromEntries(names.map((name, i) => [name, cells[i]]));
  });
}

const requests = readCsv('requests.csv').map((r) => ({ ...r, t: Number(r.t_seconds), ms: Number(r.ms), server: Number(r.server) }));
// dotnet-counters' System.Runtime records (run.sh writes counters-<server>.csv when the tool is installed): the GC heap
// after the last collection (all generations) and the memory the GC keeps committed, per sample time.
function readCounters(server) {
  const file = `counters-${server}.csv`;
  if (!existsSync(join(folder, file))) return [];
  const bySecond = new Map();
  let first = null;
  for (const row of readCsv(file)) {
    const name = row['Counter Name'] ?? '';
    const heap = name.startsWith('dotnet.gc.last_collection.heap.size');
    const committed = name.startsWith('dotnet.gc.last_collection.memory.committed_size');
    if (!heap && !committed) continue;
    const at = Date.parse(row.Timestamp.replace(/^(\d\d)\/(\d\d)\/(\d{4}) /, '$3-$1-$2T') + 'Z') / 1000;
    first ??= at;
    const entry = bySecond.get(at) ?? { at, heap: 0, committed: 0 };
    if (heap) entry.heap += Number(row['Mean/Increment']) / 1048576;
    else entry.committed = Number(row['Mean/Increment']) / 1048576;
    bySecond.set(at, entry);
  }
  // Counter times are wall-clock; the soak's are seconds since its start (meta.startedAt).
  const start = Date.parse(meta.startedAt) / 1000;
  return [...bySecond.values()].map((e) => ({ t: e.at - start, heap: e.heap, committed: e.committed }));
}
const samples = readCsv('servers.csv').map((s) => ({ t: Number(s.t_seconds), server: Number(s.server), rss: Number(s.rss_mb), cpu: Number(s.cpu_seconds) }));

// Nearest-rank percentile of the successful requests' latencies.
function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function stats(rows) {
  const ok = rows.filter((r) => !r.error).map((r) => r.ms).sort((a, b) => a - b);
  return {
    requests: rows.length,
    errors: rows.length - ok.length,
    p50: percentile(ok, 50),
    p99: percentile(ok, 99),
    max: ok.length ? ok[ok.length - 1] : null,
  };
}
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);

const minutes = Math.max(1, Math.ceil(meta.durationSeconds / 60));
const minuteOf = (t) => Math.min(minutes - 1, Math.floor(t / 60));
const operations = [...new Set(requests.map((r) => r.operation))].sort();
const servers = [...new Set(samples.map((s) => s.server))].sort((a, b) => a - b);

const perMinute = [];
for (let m = 0; m < minutes; m++) {
  const inMinute = requests.filter((r) => minuteOf(r.t) === m);
  perMinute.push({ minute: m + 1, operation: 'all', ...stats(inMinute) });
  for (const operation of operations) perMinute.push({ minute: m + 1, operation, ...stats(inMinute.filter((r) => r.operation === operation)) });
}
const counters = Object.fromEntries(servers.map((server) => [server, readCounters(server)]));
const withGc = servers.some((server) => counters[server].length > 0);
const serverMinutes = [];
for (const server of servers) {
  const own = samples.filter((s) => s.server === server);
  let previousCpu = own[0]?.cpu ?? 0;
  for (let m = 0; m < minutes; m++) {
    const inMinute = own.filter((s) => s.t > m * 60 && s.t <= (m + 1) * 60 + 1e-6);
    if (!inMinute.length) continue;
    const last = inMinute[inMinute.length - 1];
    const gc = counters[server].filter((c) => c.t > m * 60 && c.t <= (m + 1) * 60 + 1e-6 && c.heap > 0);
    const lastGc = gc[gc.length - 1];
    serverMinutes.push({
      minute: m + 1, server, rssMb: round(last.rss), peakRssMb: round(Math.max(...inMinute.map((s) => s.rss))), cpuSeconds: round(last.cpu - previousCpu),
      gcHeapMb: lastGc ? round(lastGc.heap) : null, gcCommittedMb: lastGc ? round(lastGc.committed) : null,
    });
    previousCpu = last.cpu;
  }
}
const totals = Object.fromEntries([['all', stats(requests)], ...operations.map((o) => [o, stats(requests.filter((r) => r.operation === o))])]);

// RSS must level off: compare each server's RSS at the end with its RSS halfway through the run.
const rssVerdicts = servers.map((server) => {
  const own = serverMinutes.filter((s) => s.server === server);
  const half = own[Math.floor((own.length - 1) / 2)];
  const end = own[own.length - 1];
  return {
    server, firstMinuteMb: own[0]?.rssMb, halfwayMb: half?.rssMb, endMb: end?.rssMb, secondHalfGrowthMb: round((end?.rssMb ?? 0) - (half?.rssMb ?? 0)),
    gcHeapHalfwayMb: half?.gcHeapMb ?? null, gcHeapEndMb: end?.gcHeapMb ?? null,
    gcHeapPeakMb: withGc ? round(Math.max(...own.map((s) => s.gcHeapMb ?? 0))) : null,
  };
});
const firstErrors = {};
for (const r of requests.filter((x) => x.error)) {
  (firstErrors[r.operation] ??= []).length < 5 && firstErrors[r.operation].push(`t=${r.t.toFixed(1)}s server ${r.server}: ${r.error}`);
}
const errorCounts = {};
for (const r of requests.filter((x) => x.error)) {
  const kind = `${r.operation}: ${r.error.replace(/\d+/g, 'N').slice(0, 160)}`;
  errorCounts[kind] = (errorCounts[kind] ?? 0) + 1;
}

const csvLine = (cells) => cells.map((c) => (c === null || c === undefined ? '' : String(c))).join(',');
writeFileSync(join(folder, 'minutes.csv'), [csvLine(['minute', 'operation', 'requests', 'errors', 'p50_ms', 'p99_ms', 'max_ms']),
  ...perMinute.map((r) => csvLine([r.minute, r.operation, r.requests, r.errors, round(r.p50), round(r.p99), round(r.max)]))].join('\n') + '\n');
writeFileSync(join(folder, 'servers-by-minute.csv'), [csvLine(['minute', 'server', 'rss_mb', 'peak_rss_mb', 'cpu_seconds', 'gc_heap_mb', 'gc_committed_mb']),
  ...serverMinutes.map((s) => csvLine([s.minute, s.server, s.rssMb, s.peakRssMb, s.cpuSeconds, s.gcHeapMb, s.gcCommittedMb]))].join('\n') + '\n');
writeFileSync(join(folder, 'summary.json'), JSON.stringify({ meta, totals, perMinute, serverMinutes, rssVerdicts, errorCounts, firstErrors }, null, 2) + '\n');

// ---- plot.svg: two panels sharing the minute axis.
const width = 960;
const panelHeight = 260;
const margin = { left: 70, right: 210, top: 40, bottom: 40 };
const plotWidth = width - margin.left - margin.right;
const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79'];
const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const niceMax = (value) => {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((f) => f * power).find((v) => v >= value);
};
function panel(top, title, unit, series) {
  const yMax = niceMax(Math.max(...series.flatMap((s) => s.points.map((p) => p[1]).filter((v) => v !== null))));
  const x = (minute) => margin.left + (minutes === 1 ? plotWidth / 2 : ((minute - 1) / (minutes - 1)) * plotWidth);
  const y = (value) => top + panelHeight - (value / yMax) * panelHeight;
  const parts = [`<text x="${margin.left}" y="${top - 12}" font-weight="bold">${escape(title)}</text>`];
  for (let i = 0; i <= 5; i++) {
    const value = (yMax * i) / 5;
    parts.push(`<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`,
      `<text x="${margin.left - 6}" y="${y(value) + 4}" text-anchor="end">${Math.round(value * 10) / 10}</text>`);
  }
  parts.push(`<text transform="translate(${margin.left - 50},${top + panelHeight / 2}) rotate(-90)" text-anchor="middle">${escape(unit)}</text>`);
  const step = Math.max(1, Math.ceil(minutes / 20));
  for (let m = 1; m <= minutes; m += step) parts.push(`<text x="${x(m)}" y="${top + panelHeight + 16}" text-anchor="middle">${m}</text>`);
  parts.push(`<text x="${margin.left + plotWidth / 2}" y="${top + panelHeight + 32}" text-anchor="middle">minute</text>`);
  series.forEach((s, i) => {
    const points = s.points.filter((p) => p[1] !== null).map(([m, v]) => `${x(m).toFixed(1)},${y(v).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="${s.width ?? 1.5}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${points.join(' ')}"/>`);
    for (const p of points) parts.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2" fill="${s.colour}"/>`);
    const ly = top + 10 + i * 16;
    parts.push(`<line x1="${margin.left + plotWidth + 15}" x2="${margin.left + plotWidth + 35}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="${s.width ?? 1.5}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
      `<text x="${margin.left + plotWidth + 40}" y="${ly}">${escape(s.label)}</text>`);
  });
  return parts.join('\n');
}
const minuteSeries = (operation, field) => perMinute.filter((r) => r.operation === operation).map((r) => [r.minute, r[field]]);
const latency = [
  { label: 'all: p50', colour: '#000', width: 2.5, points: minuteSeries('all', 'p50') },
  { label: 'all: p99', colour: '#000', width: 2.5, dash: '6 3', points: minuteSeries('all', 'p99') },
  ...operations.map((o, i) => ({ label: `${o}: p99`, colour: colours[i % colours.length], width: 1, points: minuteSeries(o, 'p99') })),
];
const memory = servers.flatMap((server, i) => [
  { label: `server ${server}: RSS`, colour: colours[i], width: 2, points: serverMinutes.filter((s) => s.server === server).map((s) => [s.minute, s.rssMb]) },
  ...(withGc ? [{ label: `server ${server}: GC heap`, colour: colours[i], width: 1.5, dash: '5 3', points: serverMinutes.filter((s) => s.server === server).map((s) => [s.minute, s.gcHeapMb]) }] : []),
]);
const height = 2 * panelHeight + 2 * (margin.top + margin.bottom) + 20;
const errorsTotal = totals.all.errors;
writeFileSync(join(folder, 'plot.svg'), `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${escape(`Soak: ${meta.target}, ${meta.instances} instance(s), ${meta.rate} requests/s, ${minutes} min, ${totals.all.requests} requests, ${errorsTotal} errors`)}</text>
${panel(margin.top + 20, 'Latency per minute (ms)', 'ms', latency)}
${panel(margin.top + 20 + panelHeight + margin.bottom + margin.top, withGc ? 'Server resident memory and GC heap at the end of each minute (MB)' : 'Server resident memory at the end of each minute (MB)', 'MB', memory)}
</svg>
`);

// ---- table.md
const ms = (v) => (v === null ? '–' : v < 10 ? v.toFixed(1) : Math.round(v).toString());
const lines = [];
lines.push(`#### ${meta.target}: ${meta.instances} instance(s), ${meta.rate} requests/s for ${minutes} min — ${meta.startedAt.slice(0, 16).replace('T', ' ')} UTC`, '');
lines.push(`${totals.all.requests} requests (${meta.requestsPlanned} planned), **${errorsTotal} errors**; plot: \`${meta.target}.svg\`.`, '');
lines.push('| Operation | Requests | Errors | p50 (ms) | p99 (ms) | max (ms) |', '| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [operation, s] of Object.entries(totals)) lines.push(`| ${operation} | ${s.requests} | ${s.errors} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`);
const serverColumns = withGc ? ['RSS (MB)', 'GC heap (MB)', 'CPU (s)'] : ['RSS (MB)', 'CPU (s)'];
lines.push('', `| Minute | Requests | Errors | p50 (ms) | p99 (ms) | ${servers.map((s) => serverColumns.map((c) => `server ${s} ${c}`).join(' | ')).join(' | ')} |`,
  `| ---: | ---: | ---: | ---: | ---: | ${servers.map(() => serverColumns.map(() => '---:').join(' | ')).join(' | ')} |`);
for (const row of perMinute.filter((r) => r.operation === 'all')) {
  const cells = servers.map((server) => {
    const s = serverMinutes.find((x) => x.server === server && x.minute === row.minute);
    return withGc ? `${s?.rssMb ?? '–'} | ${s?.gcHeapMb ?? '–'} | ${s?.cpuSeconds ?? '–'}` : `${s?.rssMb ?? '–'} | ${s?.cpuSeconds ?? '–'}`;
  });
  lines.push(`| ${row.minute} | ${row.requests} | ${row.errors} | ${ms(row.p50)} | ${ms(row.p99)} | ${cells.join(' | ')} |`);
}
lines.push('', `RSS from halfway to the end: ${rssVerdicts.map((v) => `server ${v.server} ${v.halfwayMb} → ${v.endMb} MB (${v.secondHalfGrowthMb >= 0 ? '+' : ''}${v.secondHalfGrowthMb} MB)`).join(', ')}.`);
if (withGc) lines.push('', `GC heap after the last collection, halfway → end (peak): ${rssVerdicts.map((v) => `server ${v.server} ${v.gcHeapHalfwayMb} → ${v.gcHeapEndMb} MB (${v.gcHeapPeakMb} MB)`).join(', ')}.`);
if (errorsTotal) {
  lines.push('', 'Errors by kind:', '');
  for (const [kind, count] of Object.entries(errorCounts).sort((a, b) => b[1] - a[1])) lines.push(`- ${count} × ${kind.replaceAll('|', '\\|')}`);
}
writeFileSync(join(folder, 'table.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
