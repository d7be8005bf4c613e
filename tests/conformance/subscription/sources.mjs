// The source event streams of the test schema's Subscription fields, for graphql-js `subscribe`.
// tests/Directory.GraphQL.Tests/Conformance/ConformanceFixture.cs (BindSubscriptions) yields exactly the same events
// in C#; when one changes, change the other. Each event is the root value the selection set is executed with, read by
// the default resolver: { counter: … } or { serviceChanged: … }.

/** Subscription.counter: 1, 2, then null (which a non-null field turns into an error and null data). */
async function* counter() {
  for (const value of [1, 2, null]) {
    yield { counter: value };
  }
}

/** Subscription.serviceChanged(id): that service twice, or without an ID the first two services; an unknown ID fails. */
function serviceChanged(args, store) {
  if (args.id !== undefined && args.id !== null) {
    const service = store.byId.get(args.id);
    if (service?.__typename !== 'Service') {
      throw new Error('No service has that ID.');
    }
    return events([service, service]);
  }
  return events(store.services.slice(0, 2));
}

async function* events(services) {
  for (const service of services) {
    yield { serviceChanged: service };
  }
}

export function subscribeFieldResolver(_source, args, store, info) {
  switch (info.fieldName) {
    case 'counter':
      return counter();
    case 'serviceChanged':
      return serviceChanged(args, store);
    default:
      throw new Error(`No source stream for Subscription.${info.fieldName}.`);
  }
}
