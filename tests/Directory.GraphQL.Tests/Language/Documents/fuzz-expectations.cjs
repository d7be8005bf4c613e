// Records graphql-js 17.1.0 behaviour as test data for tests/Directory.GraphQL.Tests/Language (not run by the tests).
// Regenerate: npm install graphql@17.1.0 in a scratch folder, then
// NODE_PATH=<folder>/node_modules node fuzz-expectations.cjs tests/Directory.GraphQL.Tests/Language/Documents > fuzz-cases.json
// Differential fuzzing data: small seeded edits of the kitchen-sink documents, each with what graphql-js 17.1.0
// makes of the result (with allowEmptySelectionSets: false, i.e. the spec's grammar): printed output or syntax error.
const { parse, print } = require('graphql');
const { readFileSync } = require('fs');
const { createHash } = require('crypto');
const path = require('path');
const dir = process.argv[2];
let seed = 20261122;
const rand = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const alphabet = ['{', '}', '(', ')', '[', ']', ':', '=', '@', '$', '!', '|', '&', '.', '...', '"', '"""', '\\', '#', '\n', '\r', ' ', ',',
  'a', 'Z', '_', '0', '9', '-', 'e', '1.5', 'on', 'query', 'fragment', 'extend', 'type', '\u00e9', '\uD83D\uDE00', '\uD800', '\t', "'"];
const cases = [];
for (const doc of ['kitchen-sink.graphql', 'kitchen-sink-schema.graphql']) {
  const base = readFileSync(path.join(dir, doc), 'utf8');
  for (let i = 0; i < 750; i++) {
    const op = ['delete', 'insert', 'duplicate', 'swap'][rand(4)];
    const at = rand(base.length);
    const len = 1 + rand(6);
    const text = op === 'insert' ? alphabet[rand(alphabet.length)] : '';
    let source;
    if (op === 'delete') source = base.slice(0, at) + base.slice(at + len);
    else if (op === 'insert') source = base.slice(0, at) + text + base.slice(at);
    else if (op === 'duplicate') source = base.slice(0, at + len) + base.slice(at, at + len) + base.slice(at + len);
    else source = base.slice(0, at) + base.slice(at + 1, at + 2) + base.slice(at, at + 1) + base.slice(at + 2);
    const c = { doc, op, at, len, text: Array.from({ length: text.length }, (_, k) => text.charCodeAt(k)) };
    try { c.printedSha256 = createHash('sha256').update(print(parse(source, { allowEmptySelectionSets: false })), 'utf8').digest('hex'); }
    catch (e) { c.message = e.message; c.line = e.locations[0].line; c.column = e.locations[0].column; }
    cases.push(c);
  }
}
process.stdout.write(JSON.stringify(cases, null, 0).replace(/\},\{/g, '},\n{'));
