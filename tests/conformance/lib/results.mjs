// Turns graphql-js results and errors into plain JSON in the shape the .NET tests compare.

/** An error as the response format has it: message, locations, path (each only when present). */
export function plainError(error) {
  const plain = { message: error.message };
  if (error.locations?.length) plain.locations = error.locations.map(({ line, column }) => ({ line, column }));
  if (error.path?.length) plain.path = [...error.path];
  return plain;
}

/** A result with `data` only when the response has it (a request error has none), and errors when any. */
export function plainResult(result) {
  const plain = {};
  if ('data' in result) plain.data = JSON.parse(JSON.stringify(result.data));
  if (result.errors?.length) plain.errors = result.errors.map(plainError);
  return plain;
}
