// Writes differential.json: pseudo-random documents over harness.graphql (valid and invalid selections, arguments,
// literals, variables, directives, fragments) with the errors graphql-js reports for them with all specified rules.
//   node generate-differential.mjs [seed] [count]   (run where `graphql` 17.1.0 resolves)
import { createRequire } from 'module';
import { readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
const require = createRequire(join(process.cwd(), 'noop.js'));
const { buildSchema, parse, validate, specifiedRules } = require('graphql');
const here = dirname(fileURLToPath(import.meta.url));
const schema = buildSchema(readFileSync(join(here, 'harness.graphql'), 'utf8'));
let seed = Number(process.argv[2] ?? 12345);
const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const pick = (a) => a[rnd(a.length)];
const typeNames = ['Dog', 'Cat', 'Human', 'Alien', 'Pet', 'Being', 'Canine', 'Mammal', 'CatOrDog', 'DogOrHuman', 'HumanOrAlien', 'Intelligent', 'QueryRoot', 'ComplicatedArgs', 'String', 'FurColor', 'Unknown'];
const values = ['{ a: 1 }', '[[1]]', '["x", $v2]', '{ requiredField: true, nonNullField: null }', '"""block"""', '{ stringField: $v1 }', '{ intField: null }', '1', '-2', '1.5', '"str"', 'true', 'null', 'SIT', 'BROWN', 'sit', '[1, 2]', '["a", null]', '{ requiredField: true }', '{ intField: 1 }', '{ stringField: "a", intField: 1 }', '$v1', '$v2', '[$v1]', '{ requiredField: $v2 }'];
const argNames = ['surname', 'dogCommand', 'atOtherHomes', 'x', 'y', 'id', 'first', 'intArg', 'stringArg', 'enumArg', 'complexArg', 'oneOfArg', 'req1', 'req2', 'opt1', 'stringListArg', 'bogus'];
const dirs = ['', '', '', ' @skip(if: true)', ' @include(if: $v1)', ' @onField', ' @onQuery', ' @repeatableOnField @repeatableOnField', ' @onField @onField', ' @unknown', ' @withArgs', ' @withArgs(required: "x", list: [1, "a"])'];
function fieldsOf(typeName) {
  const t = schema.getType(typeName);
  if (!t || !t.getFields) return ['name', 'bogus'];
  return [...Object.keys(t.getFields()), '__typename', 'bogus', 'name', 'iq'];
}
function selection(typeName, depth, frags) {
  const n = 1 + rnd(3);
  const parts = [];
  for (let i = 0; i < n; i++) {
    const r = rnd(10);
    if (r < 6 || depth > 3) {
      const f = pick(fieldsOf(typeName));
      const alias = rnd(4) === 0 ? pick(['a', 'name', 'x']) + ': ' : '';
      let args = '';
      if (rnd(3) === 0) {
        const k = 1 + rnd(2);
        args = '(' + Array.from({ length: k }, () => pick(argNames) + ': ' + pick(values)).join(', ') + ')';
      }
      const t = schema.getType(typeName);
      const fd = t && t.getFields ? t.getFields()[f] : undefined;
      let sub = '';
      if (fd) {
        let ft = fd.type; while (ft.ofType) ft = ft.ofType;
        if (ft.getFields || ft.getTypes) sub = rnd(6) === 0 ? '' : ' ' + selection(ft.name, depth + 1, frags);
        else if (rnd(8) === 0) sub = ' { x }';
      } else if (rnd(2) === 0) sub = ' { name }';
      parts.push(alias + f + args + pick(dirs) + sub);
    } else if (r < 8) {
      parts.push('... on ' + pick(typeNames) + pick(dirs) + ' ' + selection(pick(typeNames), depth + 1, frags));
    } else {
      const name = 'F' + rnd(4);
      frags.add(name);
      parts.push('...' + name + pick(dirs));
    }
  }
  return '{ ' + parts.join(' ') + ' }';
}
const cases = [];
for (let i = 0; i < Number(process.argv[3] ?? 150); i++) {
  const frags = new Set();
  const varTypes = ['Int', 'Boolean!', 'String', 'ComplexInput', '[Int]', 'Dog', 'Bogus', 'Boolean = true', 'Int! = 3'];
  const vars = rnd(2) ? `($v1: ${pick(varTypes)}, $v2: ${pick(varTypes)})` : '';
  const op = pick(['query Q' + vars, 'query Q' + vars, 'mutation M' + vars, 'subscription S' + vars, '']);
  const root = op.startsWith('mutation') ? 'MutationRoot' : op.startsWith('subscription') ? 'SubscriptionRoot' : 'QueryRoot';
  let doc = op + ' ' + selection(root, 0, frags) + '\n';
  for (const f of [...frags]) doc += `fragment ${f} on ${pick(typeNames)} ${selection(pick(typeNames), 1, new Set())}\n`;
  for (const f of [...frags].slice(0, 1)) doc += `fragment ${f}x on Dog { ...${pick(['F0', 'F1', 'F2', 'F3'])} }\n`;
  const suggest = rnd(2) === 0;
  let errors;
  try { errors = validate(schema, parse(doc), specifiedRules, { hideSuggestions: !suggest, maxErrors: 1000 }); } catch (e) { continue; }
  cases.push({ doc, suggest, errors: errors.map((e) => `${e.message} @ ${(e.locations ?? []).map((l) => l.line + ':' + l.column).join(' ')}`) });
}
writeFileSync(join(here, 'differential.json'), JSON.stringify(cases, null, 1) + '\n');
console.log(cases.length, cases.reduce((n, c) => n + c.errors.length, 0));
