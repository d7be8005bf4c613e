#!/usr/bin/env node
// Introspection agreement with graphql-js.
//   node introspection.mjs query
//       prints the introspection query our engine must answer (graphql-js getIntrospectionQuery with every option on).
//   node introspection.mjs compare <schema.graphql> <result.json>
//       <result.json> is our engine's response to that query ({ data: { __schema } } or just { __schema }). Prints
//       JSON { equal, sameOrder, expected, actual, missing, unexpected, different, error? }: `expected` is
//       printSchema(buildSchema(sdl)), `actual` is printSchema(buildClientSchema(result)). `equal` compares the two
//       printed schemas definition by definition (types and directives keyed by name, each printed in full, so
//       field, argument, enum value and member order all count); `sameOrder` also requires the definitions to come
//       in the same order, which the spec leaves to the implementation.
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, parse, print, printSchema } from 'graphql';

export const introspectionOptions = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
};

function definitionsByName(sdl) {
  const map = new Map();
  for (const definition of parse(sdl).definitions) {
    const key = definition.name ? `${definition.kind} ${definition.name.value}` : definition.kind;
    map.set(key, print(definition));
  }
  return map;
}

function compare(sdlPath, resultPath) {
  const expected = printSchema(buildSchema(readFileSync(sdlPath, 'utf8')));
  const response = JSON.parse(readFileSync(resultPath, 'utf8'));
  const data = response.data ?? response;
  let actual;
  try {
    actual = printSchema(buildClientSchema(data));
  } catch (error) {
    return { equal: false, sameOrder: false, expected, actual: null, error: `buildClientSchema failed: ${error.message}` };
  }
  const want = definitionsByName(expected);
  const got = definitionsByName(actual);
  const missing = [...want.keys()].filter((key) => !got.has(key));
  const unexpected = [...got.keys()].filter((key) => !want.has(key));
  const different = [...want.keys()]
    .filter((key) => got.has(key) && got.get(key) !== want.get(key))
    .map((key) => ({ definition: key, expected: want.get(key), actual: got.get(key) }));
  const equal = missing.length === 0 && unexpected.length === 0 && different.length === 0;
  return { equal, sameOrder: expected === actual, expected, actual, missing, unexpected, different };
}

const [command, ...args] = process.argv.slice(2);
if (command === 'query') {
  process.stdout.write(getIntrospectionQuery(introspectionOptions) + '\n');
} else if (command === 'compare' && args.length === 2) {
  process.stdout.write(JSON.stringify(compare(args[0], args[1]), null, 1) + '\n');
} else {
  process.stderr.write('usage: node introspection.mjs query | compare <schema.graphql> <result.json>\n');
  process.exit(2);
}
