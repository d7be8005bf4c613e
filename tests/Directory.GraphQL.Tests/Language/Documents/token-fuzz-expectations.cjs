// Records graphql-js 17.1.0 behaviour as test data for tests/Directory.GraphQL.Tests/Language (not run by the tests).
// Regenerate: npm install graphql@17.1.0 in a scratch folder, then
// NODE_PATH=<folder>/node_modules node token-fuzz-expectations.cjs > token-fuzz-cases.json
// Seeded random sequences of GraphQL tokens (biased towards definitions' openings), each with graphql-js's verdict
// under the spec grammar (allowEmptySelectionSets: false): the printed tree, or the syntax error and location.
const { parse, print } = require('graphql');
let seed = 777;
const rand = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const starts = ['{', 'query', 'mutation', 'subscription', 'fragment', 'type', 'interface', 'union', 'enum', 'input', 'scalar',
  'schema', 'directive', 'extend', '"desc"', '"""desc"""', 'extend type', 'extend schema', 'query Q', 'fragment F on T'];
const tokens = ['{', '}', '(', ')', '[', ']', ':', '=', '@', '$', '!', '|', '&', '...', 'on', 'a', 'b', 'T', 'Int', 'true', 'null',
  '1', '-2.5e3', '"s"', '"""b"""', 'query', 'fragment', 'implements', 'repeatable', 'FIELD', 'OBJECT', 'extend', 'type', 'schema',
  'enum', 'input', 'union', 'directive', 'scalar', 'interface', 'mutation', '#c\n', ','];
const cases = [];
for (let i = 0; i < 2000; i++) {
  const parts = [starts[rand(starts.length)]];
  const n = rand(14);
  for (let k = 0; k < n; k++) parts.push(tokens[rand(tokens.length)]);
  const source = parts.join(rand(2) ? ' ' : '\n');
  const c = { source };
  try { c.printed = print(parse(source, { allowEmptySelectionSets: false })); }
  catch (e) { c.message = e.message; c.line = e.locations[0].line; c.column = e.locations[0].column; }
  cases.push(c);
}
process.stdout.write(JSON.stringify(cases).replace(/\},\{/g, '},\n{'));
