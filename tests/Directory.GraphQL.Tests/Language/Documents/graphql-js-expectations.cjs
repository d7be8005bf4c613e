// Records graphql-js 17.1.0 behaviour as C# test data for tests/Directory.GraphQL.Tests/Language (not run by the tests).
// Regenerate: npm install graphql@17.1.0 in a scratch folder, then NODE_PATH=<folder>/node_modules node graphql-js-expectations.cjs [file]
// and paste the printed blocks into the matching TheoryData (or snapshot file).
// Produces C# test data from graphql-js 17.1.0: first-token lexing results and syntax errors.
const { parse, parseValue, parseConstValue, parseType, Lexer, Source } = require('graphql');
const cs = (s) => JSON.stringify(s).replace(/[^\x20-\x7E]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));

const lexCases = [
  // ignored tokens and line tracking
  '\uFEFF foo', '\n\n    foo\n\n\n', '\r\n    foo\r\n', '\r\r\n  foo', '\n\r\n\r  foo\n', '    #comment\n    foo#comment', ',,,foo,,,',
  '# Comment\r\nfoo', '\t\tfoo', 'foo bar', '_underscored9', 'a-b',
  // punctuators
  '!', '$', '&', '(', ')', '...', ':', '=', '@', '[', ']', '{', '|', '}',
  // strings
  '""', '"simple"', '" white space "', '"quote \\""', '"escaped \\n\\r\\b\\t\\f"', '"slashes \\\\ \\/"',
  '"unescaped unicode outside BMP \u{1f600}"', '"unescaped maximal unicode outside BMP \u{10ffff}"',
  '"unicode \\u1234\\u5678\\u90AB\\uCDEF"', '"unicode \\u{1234}\\u{5678}\\u{90AB}\\u{CDEF}"',
  '"string with unicode escape outside BMP \\u{1F600}"', '"string with minimal unicode escape \\u{0}"',
  '"string with maximal unicode escape \\u{10FFFF}"', '"string with maximal minimal unicode escape \\u{00000000}"',
  '"string with unicode surrogate pair escape \\uD83D\\uDE00"', '"string with minimal surrogate pair escape \\uD800\\uDC00"',
  '"string with maximal surrogate pair escape \\uDBFF\\uDFFF"', '"has a \u0A0A multi-byte character."',
  // string errors
  '"', '"""', '""""', '"no end quote', "'single quotes'", '"bad surrogate \uDEAD"', '"bad high surrogate pair \uDEAD\uDEAD"',
  '"bad low surrogate pair \uD800\uD800"', '"multi\nline"', '"multi\rline"', '"bad \\z esc"', '"bad \\x esc"', '"bad \\u1 esc"',
  '"bad \\u0XX1 esc"', '"bad \\uXXXX esc"', '"bad \\uFXXX esc"', '"bad \\uXXXF esc"', '"bad \\u{} esc"', '"bad \\u{FXXX} esc"',
  '"bad \\u{FFFF esc"', '"bad \\u{FFFF"', '"too high \\u{110000} esc"', '"way too high \\u{12345678} esc"',
  '"too long \\u{000000000} esc"', '"bad surrogate \\uDEAD esc"', '"bad surrogate \\u{DEAD} esc"',
  '"cannot use braces for surrogate pair \\u{D83D}\\u{DE00} esc"', '"bad high surrogate pair \\uDEAD\\uDEAD esc"',
  '"bad low surrogate pair \\uD800\\uD800 esc"', '"cannot escape half a pair \uD83D\\uDE00 esc"',
  '"cannot escape half a pair \\uD83D\uDE00 esc"', '"bad \\uD83D\\not an escape"', '"\\u', '"\\u{1F', '"end\\',
  '"control \u0007 char"',
  // block strings
  '""""""', '"""simple"""', '""" white space """', '"""contains " quote"""', '"""contains \\""" triple quote"""',
  '"""multi\nline"""', '"""multi\rline\r\nnormalized"""', '"""unescaped \\n\\r\\b\\t\\f\\u1234"""',
  '"""unescaped unicode outside BMP \u{1f600}"""', '"""slashes \\\\ \\/"""',
  '"""\n\n        spans\n          multiple\n            lines\n\n        """', '"""\n  \t  \n"""', '"""  first\n    second\n  third"""',
  '"""no end quote', '"""contains invalid surrogate \uDEAD"""', '"""\\"""""', '"""x""" "y"',
  // numbers
  '4', '4.123', '-4', '9', '0', '-4.123', '0.123', '123e4', '123E4', '123e-4', '123e+4', '-1.123e4', '-1.123E4',
  '-1.123e-4', '-1.123e+4', '-1.123e4567', '-0', '0.0',
  '00', '01', '01.23', '+1', '1.', '1e', '1E', '1.e1', '.123', '1.A', '-A', '1.0e', '1.0eA', '1.0e"', '1.2e3e', '1.2e3.4',
  '1.23.4', '0xF1', '0b10', '123abc', '1_234', '1\u00DF', '1.23f', '1.234_5', '-', '1a', '0x1', '1.e', '12_', '5..',
  // unknown characters
  '..', '.', '?', '~', '\u00AA', '\u0AAA', '\u203B', '\u{1f600}', '\uD83D\uDE00', '\uD800\uDC00', '\uDBFF\uDFFF', '\uDEAD',
  '\uD800', '\uDBFF', '\u0007', '\n\n    ?\n', '\u0000', '\u00A0', '\u2028', '\x7F', '"', '\\',
];

function lexFirst(source) {
  try {
    const lexer = new Lexer(new Source(source));
    const t = lexer.advance();
    return { ok: true, kind: t.kind, start: t.start, end: t.end, line: t.line, column: t.column, value: t.value };
  } catch (e) {
    return { ok: false, message: e.message, line: e.locations[0].line, column: e.locations[0].column };
  }
}

const kindNames = { '<EOF>': 'EndOfFile', '!': 'Bang', '$': 'Dollar', '&': 'Amp', '(': 'ParenL', ')': 'ParenR', '...': 'Spread',
  ':': 'Colon', '=': 'Equals', '@': 'At', '[': 'BracketL', ']': 'BracketR', '{': 'BraceL', '|': 'Pipe', '}': 'BraceR',
  Name: 'Name', Int: 'Int', Float: 'Float', String: 'String', BlockString: 'BlockString' };

let out = [];
out.push('        // Lexing the first token: source, kind, start, end, line, column, value.');
const tokens = [], lexErrors = [];
for (const s of lexCases) {
  const r = lexFirst(s);
  if (r.ok) tokens.push(`        { ${cs(s)}, TokenKind.${kindNames[r.kind]}, ${r.start}, ${r.end}, ${r.line}, ${r.column}, ${r.value === undefined ? 'null' : cs(r.value)} },`);
  else lexErrors.push(`        { ${cs(s)}, ${cs(r.message)}, ${r.line}, ${r.column} },`);
}

const parseCases = [
  '{', '\n      { ...MissingOn }\n      fragment MissingOn Type\n    ', '{ field: {} }', 'notAnOperation Foo { field }', '...', '{ ""',
  'query', 'query Foo($x: Complex = { a: { b: [ $var ] } }) { field }', 'fragment on on on { on }', '{ ...on }',
  'enum Test { VALID, true }', 'enum Test { VALID, false }', 'enum Test { VALID, null }', 'enum Test { "true" }',
  '{ f(a: $) }', 'query Q($a: Int = $b) { f }', 'query Q($a: Int = $) { f }', '{ a(b: ) }', '{ a(b c) }', '{ a(b: 1 }',
  '"desc" { a }', '"desc" extend type A @x', '"desc" foo', '"""desc""" "another" type A', '"desc"',
  'extend', 'extend foo', 'extend scalar Foo', 'extend type Foo', 'extend schema', 'extend union U', 'extend enum E',
  'extend input I', 'extend interface I', 'extend "x"', 'extend type Foo {}',
  'type Foo {}', 'type Foo implements {}', 'union U = |', 'union U = A | | B', 'type A implements B & & C',
  'directive @foo on FIELD | INCORRECT_LOCATION', 'directive @foo(a: Int) on', 'directive @foo repeatable', 'directive foo on FIELD',
  'directive @foo on "FIELD"', 'schema { query }', 'schema { foo: Bar }', 'schema {}', 'schema @d', 'input Hello { world(foo: Int): String }',
  'type Hello { world(foo: Int = $bar): String }', 'type A @dir(x: $v)', 'type A { f: Int = 1 }', 'type A { f(): Int }',
  'scalar', 'type', 'interface I implements', 'enum E {}', 'input I {}',
  '{ f(x: 1.) }', '{ f(x: 00) }', 'query Q { }', '{}', 'fragment F on T', 'fragment F T { a }', 'fragment F on { a }', 'subscription',
  'query Q($a) { f }', 'query Q($a: ) { f }', 'query Q($a: [Int) { f }', 'query Q(a: Int) { f }', 'query Q($a: Int!!) { f }',
  '{ f(a: [1, 2) }', '{ f(a: {b 1}) }', '{ ... on }', '{ a: }', '{ @a }', '{ a } }', 'query Q @ { a }', '{ a @ }',
  '{ a(b: "c\n") }', '\n\n  {\n    a(\n      b: ?\n    )\n  }', '{ a }\r\n{ b }\r\n  ~', '{ a }\r{ b }\r  ~',
  '"""\n  multi\n  line\n""" type A { b: C } ~', 'query ($a: Int @d(x: $b)) { f }', '{ f(x: """a""" y: 1) }', '{ a ... }',
  'mutation M($x: [Int] = [1, {a: $v}]) { m }', '{ f(o: {a: 1, b: [$v]}) }', 'query { ...on }', '"desc" query { a }', 'query "desc" Q { a }',
];
const parseErrors = [];
for (const s of parseCases) {
  try { parse(s); parseErrors.push(`        // parses: ${cs(s)}`); }
  catch (e) { parseErrors.push(`        { ${cs(s)}, ${cs(e.message)}, ${e.locations[0].line}, ${e.locations[0].column} },`); }
}
const valueCases = [['value', '[1, $x]'], ['const', '[1, $x]'], ['value', '1 2'], ['value', ''], ['value', '$'], ['const', '{ a: $b }'],
  ['value', '{ a: 1'], ['value', '[ 1'], ['value', '"str" extra'], ['type', '[String'], ['type', 'String!!'], ['type', ''], ['type', '[String!]! x'],
  ['type', '!'], ['type', '[[Int]'], ['value', ')'], ['const', '$x']];
const valueErrors = [];
for (const [k, s] of valueCases) {
  try { (k === 'value' ? parseValue : k === 'const' ? parseConstValue : parseType)(s); valueErrors.push(`        // parses: ${k} ${cs(s)}`); }
  catch (e) { valueErrors.push(`        { ${cs(k)}, ${cs(s)}, ${cs(e.message)}, ${e.locations[0].line}, ${e.locations[0].column} },`); }
}
console.log('TOKENS'); console.log(tokens.join('\n'));
console.log('LEXERRORS'); console.log(lexErrors.join('\n'));
console.log('PARSEERRORS'); console.log(parseErrors.join('\n'));
console.log('VALUEERRORS'); console.log(valueErrors.join('\n'));
