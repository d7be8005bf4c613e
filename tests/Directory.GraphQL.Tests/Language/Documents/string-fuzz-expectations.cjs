// Records graphql-js 17.1.0 behaviour as test data for tests/Directory.GraphQL.Tests/Language (not run by the tests).
// Regenerate: npm install graphql@17.1.0 in a scratch folder, then
// NODE_PATH=<folder>/node_modules node string-fuzz-expectations.cjs > string-fuzz-cases.json
// Seeded random string and block-string literals (escapes, surrogates, quotes, line breaks) and graphql-js's first
// token for each: its value, or the syntax error and location. Sources and values are UTF-16 code-unit arrays so
// lone surrogates survive JSON.
const { Lexer, Source } = require('graphql');
let seed = 4242;
const rand = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const pieces = ['a', ' ', '\\', 'u', '{', '}', '0', '1', 'D', '8', 'F', 'E', 'x', '"', '""', '"""', '\\"""', '\n', '\r', '\r\n', '\t',
  '\uD83D', '\uDE00', '\uD83D\uDE00', '\u00e9', '\\n', '\\u', '\\u{', '\\uD83D', '\\uDE00', '\\u00e9', '\\u{1F600}', '/', 'b', 'f',
  '  ', '\u0007', '\uFEFF'];
const codes = (s) => Array.from({ length: s.length }, (_, k) => s.charCodeAt(k));
const cases = [];
for (let i = 0; i < 1500; i++) {
  let body = '';
  const n = 1 + rand(8);
  for (let k = 0; k < n; k++) body += pieces[rand(pieces.length)];
  const block = rand(3) === 0;
  const source = block ? '"""' + body + '"""' : '"' + body + '"';
  const c = { source: codes(source) };
  try {
    const t = new Lexer(new Source(source)).advance();
    c.kind = t.kind; c.end = t.end; c.value = codes(t.value ?? '');
  } catch (e) { c.message = e.message; c.line = e.locations[0].line; c.column = e.locations[0].column; }
  cases.push(c);
}
process.stdout.write(JSON.stringify(cases).replace(/\},\{/g, '},\n{'));
