#!/usr/bin/env node
// Writes validation/corpus.json and execution/operations.json from their *.source.mjs files, checking on the way
// that every case means what its group says (valid documents are valid, each rule group's documents make that
// rule fire, syntax documents fail to parse, operation ids are unique). Run after editing a source file:
//   npm run build-cases
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, specifiedRules, validate } from 'graphql';
import { harnessRoot, loadSchema } from './lib/schemas.mjs';
import * as corpusSource from './validation/corpus.source.mjs';
import { groups as operationGroups } from './execution/operations.source.mjs';
import { groups as incrementalGroups } from './incremental/operations.source.mjs';

const problems = [];
const pad = (n) => String(n).padStart(3, '0');
const ruleByName = new Map(specifiedRules.map((rule) => [rule.name.replace(/Rule$/, ''), rule]));

function tryParse(document) {
  try {
    return parse(document);
  } catch {
    return null;
  }
}

const corpus = [];
corpusSource.valid.forEach((document, i) => {
  const id = `valid-${pad(i + 1)}`;
  const ast = tryParse(document);
  const errors = ast ? validate(loadSchema(), ast) : ['syntax error'];
  if (errors.length > 0) problems.push(`${id} should be valid: ${errors.map((e) => e.message ?? e).join('; ')}`);
  corpus.push({ id, document });
});
for (const [ruleName, cases] of Object.entries(corpusSource.invalid)) {
  const rule = ruleByName.get(ruleName);
  if (!rule) problems.push(`unknown rule group ${ruleName}`);
  cases.forEach((entry, i) => {
    const { schema, document } = typeof entry === 'string' ? { document: entry } : entry;
    const id = `${ruleName}-${pad(i + 1)}`;
    const ast = tryParse(document);
    if (!ast) {
      problems.push(`${id} does not parse`);
    } else if (rule && validate(loadSchema(schema), ast, [rule]).length === 0) {
      problems.push(`${id} should make ${ruleName} fire`);
    }
    corpus.push(schema ? { id, schema, document } : { id, document });
  });
}
corpusSource.syntax.forEach((document, i) => {
  const id = `syntax-${pad(i + 1)}`;
  if (tryParse(document)) problems.push(`${id} should not parse`);
  corpus.push({ id, document });
});

corpusSource.edge.forEach((document, i) => {
  corpus.push({ id: `edge-${pad(i + 1)}`, document });
});

const operations = [];
for (const [group, cases] of Object.entries(operationGroups)) {
  cases.forEach((operation, i) => {
    operations.push({ id: `${group}-${pad(i + 1)}`, ...operation });
  });
}

// Incremental cases must be valid against the schema with @defer/@stream declared (incremental.mjs runs them there).
const incremental = [];
for (const [group, cases] of Object.entries(incrementalGroups)) {
  cases.forEach((operation, i) => {
    const id = `${group}-${pad(i + 1)}`;
    const ast = tryParse(operation.query);
    const errors = ast ? validate(loadSchema('test-schema+defer-stream'), ast) : ['syntax error'];
    if (errors.length > 0) problems.push(`${id} should be valid: ${errors.map((e) => e.message ?? e).join('; ')}`);
    incremental.push({ id, ...operation });
  });
}

const documents = new Set();
for (const { document, schema } of corpus) {
  const key = `${schema ?? ''}\n${document}`;
  if (documents.has(key)) problems.push(`duplicate document: ${document}`);
  documents.add(key);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
writeFileSync(join(harnessRoot, 'validation/corpus.json'), JSON.stringify(corpus, null, 1) + '\n');
writeFileSync(join(harnessRoot, 'execution/operations.json'), JSON.stringify(operations, null, 1) + '\n');
writeFileSync(join(harnessRoot, 'incremental/operations.json'), JSON.stringify(incremental, null, 1) + '\n');
console.log(`validation/corpus.json: ${corpus.length} documents; execution/operations.json: ${operations.length} operations; incremental/operations.json: ${incremental.length} operations`);
