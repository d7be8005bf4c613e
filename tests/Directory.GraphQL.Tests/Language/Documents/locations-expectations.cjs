// Records graphql-js 17.1.0 behaviour as C# test data for tests/Directory.GraphQL.Tests/Language (not run by the tests).
// Regenerate: npm install graphql@17.1.0 in a scratch folder, then NODE_PATH=<folder>/node_modules node locations-expectations.cjs [file]
// and paste the printed blocks into the matching TheoryData (or snapshot file).
// Lists every node graphql-js 17.1.0 builds for a document: kind, start, end, line and column of its first token.
const { parse } = require('graphql');
const { readFileSync } = require('fs');
const lines = [];
function walk(node) {
  if (Array.isArray(node)) { node.forEach(walk); return; }
  if (!node || typeof node !== 'object' || typeof node.kind !== 'string') return;
  if (node.kind !== 'Document') lines.push(`${node.kind} ${node.loc.start} ${node.loc.end} ${node.loc.startToken.line} ${node.loc.startToken.column}`);
  for (const [k, v] of Object.entries(node)) if (k !== 'loc') walk(v);
}
walk(parse(readFileSync(process.argv[2], 'utf8')));
lines.sort();
process.stdout.write(lines.join('\n') + '\n');
