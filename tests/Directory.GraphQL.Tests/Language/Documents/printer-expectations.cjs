// Records graphql-js 17.1.0 behaviour as C# test data for tests/Directory.GraphQL.Tests/Language (not run by the tests).
// Regenerate: npm install graphql@17.1.0 in a scratch folder, then NODE_PATH=<folder>/node_modules node printer-expectations.cjs [file]
// and paste the printed blocks into the matching TheoryData (or snapshot file).
const { parse, print } = require('graphql');
const b = require('graphql/language/blockString');
const cs = (s) => JSON.stringify(s).replace(/[^\x20-\x7E]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
const docs = [
  'query { id, name }',
  'query Q { id }',
  'query ($foo: TestType) @testDirective { id, name }',
  'mutation ($foo: TestType) @testDirective { id, name }',
  'query ($foo: TestType = { a: 123 } @testDirective(if: true) @test) { id }',
  '{ field(arg: """\n      multiple lines\n    """) }',
  '{ field(arg: """    leading spaces""") }',
  '{ field(arg: "has \\"quotes\\" and a \\u0001 control and a DEL \\u007F and \\u0085") }',
  '{ a(x: 1, y: 2) @d(z: 3) { b } ... on T @e { c } ...F @f }',
  '{ f(a: "012345678901234567890123456789012345678901234567890123456789012345678") }',
  '{ f(a: "0123456789012345678901234567890123456789012345678901234567890123456789") }',
  '{ ff(a: "012345678901234567890123456789012345678901234567890123456789012345678") }',
  '{ f(l: ["0123456789012345678901234567890123", "012345678901234567890123456789012345"]) }',
  '{ f(l: ["0123456789012345678901234567890123", "01234567890123456789012345678901234"]) }',
  '{ f(o: { a: "012345678901234567890123456789012", b: "0123456789012345678901234567890" }) }',
  '{ f(o: { a: "012345678901234567890123456789012", b: "012345678901234567890123456789" }) }',
  '{ f(o: { nested: { deeper: ["a long string to make it wrap", "another long string to wrap"] } }) }',
  'query Q($v: [[Int!]!]! = [[1]], $o: In = {a: [], b: {}}) { f(a: $v) }',
  'subscription S @a @b { s }',
  'fragment F on T @a(x: [1, 2]) @b { a }',
  '{ a { b { c { d { e } } } } }',
  '"""\n  Operation description\n  on two lines\n"""\nquery Q { a }',
  'query Q("""Var desc""" $a: Int, "other" $b: Int) { a }',
  'schema { query: Q }',
  'schema @d { query: Q mutation: M subscription: S }',
  '"desc" schema { query: Q }',
  'scalar S @a @b(c: 1)',
  'type T implements A & B @d { f(a: Int = 1 @x, b: [String!]! = ["x"]): String @y }',
  'type T { f("d" a: Int, b: Int): Int }',
  'type T { """\n  block\n  """\n  f: Int }',
  'type T',
  'interface I implements J { f: Int }',
  'union U = A | B',
  'union U @d',
  'enum E { A B @d C }',
  'input I { a: Int = 1, b: [I!] @d }',
  'directive @d(a: Int) repeatable on FIELD | QUERY',
  'directive @d on FIELD',
  '"described" directive @d("arg" a: Int = 1) on FIELD',
  'extend schema @d',
  'extend schema { query: Q }',
  'extend scalar S @d',
  'extend type T implements I @d { f: Int }',
  'extend interface I @d',
  'extend union U = C',
  'extend enum E { D }',
  'extend input I { c: Int }',
  'type Q { f(a: String = """\n  x\n  y\n""" b: Int): Int }',
  '{ f(a: """has \\""" inside""") }',
  '{ f(a: """\n\n  after blank line\n""") }',
  'type T { "a\\nb" f: Int }',
  '"\\u00e9\\t" scalar S',
];
const out = [];
for (const d of docs) out.push(`            { ${cs(d)}, ${cs(print(parse(d)))} },`);
console.log('PRINT'); console.log(out.join('\n'));
const values = ['', ' ', 'simple', '  leading space', '\tleading tab', 'trailing space ', 'trailing tab\t', 'ends with "', 'ends with \\',
  'has """ triple', 'ends with """', 'multi\nline', 'multi\n  indented', '\n  starts with newline', '\n', 'a\r\nb', 'a\rb', '"', '\\',
  '  first\nsecond', 'first\n  second\n  third', 'x'.repeat(70), 'x'.repeat(71), 'with\u0007bell', 'line\n\nblank line', 'trailing newline\n',
  '  \n  indented', '\t\n\tx', 'no\tindent\nat all', 'a\n b\n  c'];
const pb = [];
for (const v of values) pb.push(`            { ${cs(v)}, ${cs(b.printBlockString(v))}, ${cs(b.printBlockString(v, { minimize: true }))}, ${b.isPrintableAsBlockString(v)} },`);
console.log('BLOCK'); console.log(pb.join('\n'));
const lines = [[''], ['', ' ', ''], ['  a', '  b'], ['first', '    second', '      third'], ['', '    a', '', '  b', '    ', ''], ['\t\tx', '\ty'],
  ['   ', '  x  ', '   '], ['x', ' '], ['  only first indented']];
const dl = [];
for (const l of lines) dl.push(`            { [${l.map(cs).join(', ')}], [${b.dedentBlockStringLines(l).map(cs).join(', ')}] },`);
console.log('DEDENT'); console.log(dl.join('\n'));
