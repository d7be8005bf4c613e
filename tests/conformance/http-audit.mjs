#!/usr/bin/env node
// GraphQL-over-HTTP conformance audit of a running server with graphql-http's audits (the reference suite of the
// GraphQL over HTTP specification). Not run by the .NET tests: start our host on 127.0.0.1 first, then
//   node http-audit.mjs http://127.0.0.1:5000/graphql
// Prints one line per audit (ok / warn / error) and a JSON summary; exits 1 when a MUST audit fails.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node http-audit.mjs <graphql endpoint url>\n');
  process.exit(2);
}

const results = await auditServer({ url });
const counts = { ok: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] += 1;
  const detail = result.status === 'ok' ? '' : ` — ${result.reason}`;
  process.stdout.write(`${result.status.padEnd(5)} ${result.id} ${result.name}${detail}\n`);
}
process.stdout.write(JSON.stringify({ url, ...counts, total: results.length }) + '\n');
process.exit(counts.error > 0 ? 1 : 0);
