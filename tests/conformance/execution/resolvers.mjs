// The JavaScript resolvers over fixture.json. tests/Directory.GraphQL.Tests/Conformance/ConformanceFixture.cs
// implements exactly the same behaviour in C#; when one changes, change the other. Everything is synchronous
// except Query.delayed, and every error message is fixed text so both engines can produce the same one.
import { canonicalJson } from '../lib/json.mjs';

const typenames = {
  councils: 'Council',
  charities: 'Charity',
  services: 'Service',
  contacts: 'Contact',
  areas: 'Area',
};

/** A fresh, mutable copy of the fixture: every operation starts from the same state. */
export function createStore(fixture) {
  const store = {
    version: fixture.version,
    counter: fixture.counter,
    createdServices: 0,
    byId: new Map(),
  };
  for (const [collection, typename] of Object.entries(typenames)) {
    store[collection] = fixture[collection].map((item) => ({ ...structuredClone(item), __typename: typename }));
    for (const item of store[collection]) {
      store.byId.set(item.id, item);
    }
  }
  return store;
}

const isOrganisation = (value) => value?.__typename === 'Council' || value?.__typename === 'Charity';
const ofType = (store, id, typename) => {
  const value = store.byId.get(id);
  return value?.__typename === typename ? value : null;
};
const visibleServices = (store) => store.services.filter((s) => !s.hidden);
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const sortKeys = {
  NAME: (s) => s.name,
  PLACES: (s) => s.places ?? -1,
  START_DATE: (s) => s.startDate ?? '',
};

function filterServices(store, filter) {
  let list = visibleServices(store);
  if (filter == null) {
    return list;
  }
  if (filter.kind != null) list = list.filter((s) => s.kind === filter.kind);
  if (filter.kinds != null) list = list.filter((s) => filter.kinds.includes(s.kind));
  if (filter.region != null) {
    list = list.filter((s) => s.commissionerIds.some((id) => ofType(store, id, 'Council')?.region === filter.region));
  }
  if (filter.nameContains != null) {
    const needle = filter.nameContains.toLowerCase();
    list = list.filter((s) => s.name.toLowerCase().includes(needle));
  }
  if (filter.minPlaces != null) list = list.filter((s) => (s.places ?? 0) >= filter.minPlaces);
  if (filter.open != null) list = list.filter((s) => s.open === filter.open);
  if (filter.sort != null) {
    const key = sortKeys[filter.sort.field];
    const direction = filter.sort.order === 'DESC' ? -1 : 1;
    list = [...list].sort((a, b) => direction * ordinal(key(a), key(b)) || ordinal(a.id, b.id));
  }
  return list;
}

function organisationServices(store, organisation, { kind, first }) {
  let list = visibleServices(store).filter((s) => s.providerId === organisation.id);
  if (kind != null) list = list.filter((s) => s.kind === kind);
  return first == null ? list : list.slice(0, Math.max(0, first));
}

const contacts = (store, organisation) =>
  organisation.contactIds == null ? null : organisation.contactIds.map((id) => ofType(store, id, 'Contact'));

export const resolvers = {
  Query: {
    node: (_, { id }, store) => store.byId.get(id) ?? null,
    nodes: (_, { ids }, store) => ids.map((id) => store.byId.get(id) ?? null),
    organisation: (_, { id }, store) => (isOrganisation(store.byId.get(id)) ? store.byId.get(id) : null),
    provider: (_, { id }, store) => (isOrganisation(store.byId.get(id)) ? store.byId.get(id) : null),
    councils: (_, { region }, store) => (region == null ? store.councils : store.councils.filter((c) => c.region === region)),
    charities: (_, __, store) => store.charities,
    services: (_, { filter, first }, store) => {
      if (first != null && first < 0) {
        throw new Error('Argument "first" must not be negative.');
      }
      const list = filterServices(store, filter);
      return first == null ? list : list.slice(0, first);
    },
    service: (_, { id }, store) => ofType(store, id, 'Service'),
    search: (_, { text, limit }, store) => {
      if (text === '') {
        throw new Error('Search text must not be empty.');
      }
      const needle = text.toLowerCase();
      const found = [...store.councils, ...store.charities, ...visibleServices(store), ...store.areas].filter((item) =>
        item.name.toLowerCase().includes(needle),
      );
      return limit == null ? found : found.slice(0, Math.max(0, limit));
    },
    contact: (_, { by }, store) => {
      if (by.id != null) return ofType(store, by.id, 'Contact');
      if (by.email != null) return store.contacts.find((c) => c.email === by.email) ?? null;
      return store.contacts.find((c) => c.address?.postcode === by.postcode) ?? null;
    },
    echo: (_, args) => canonicalJson(args),
    failing: () => {
      throw new Error('Something went wrong in "failing".');
    },
    failingNonNull: () => {
      throw new Error('Something went wrong in "failingNonNull".');
    },
    nullNonNull: () => null,
    listWithErrors: () => [1, 2, 'three', 4, null],
    listWithNonNullErrors: () => [1, 'two', 3],
    listWithNullItem: () => ['a', null, 'c'],
    tooBig: () => 2147483648,
    delayed: async (_, { value }) => {
      await new Promise((resolve) => setImmediate(resolve));
      return value;
    },
    version: (_, __, store) => store.version,
  },
  Council: {
    services: (council, args, store) => organisationServices(store, council, args),
    contacts: (council, _, store) => contacts(store, council),
    areas: (council, _, store) =>
      council.areaIds == null ? null : council.areaIds.map((row) => row.map((id) => ofType(store, id, 'Area'))),
    commissions: (council, _, store) => visibleServices(store).filter((s) => s.commissionerIds.includes(council.id)),
  },
  Charity: {
    services: (charity, args, store) => organisationServices(store, charity, args),
    contacts: (charity, _, store) => contacts(store, charity),
    trustees: () => {
      throw new Error('The charity register is unavailable.');
    },
    registeredNumberOld: (charity) => charity.registeredNumber,
  },
  Service: {
    provider: (service, _, store) => (isOrganisation(store.byId.get(service.providerId)) ? store.byId.get(service.providerId) : null),
    commissioners: (service, _, store) =>
      service.commissionerIds.map((id) => (isOrganisation(store.byId.get(id)) ? store.byId.get(id) : null)),
    capacity: (service) => service.places,
    funding: (service, { year }) => service.funding.find((f) => f.year === year) ?? null,
    secret: () => {
      throw new Error('Service secrets are classified.');
    },
    strictSecret: () => {
      throw new Error('Strict secrets are classified.');
    },
    contact: (service, _, store) => (service.contactId == null ? null : ofType(store, service.contactId, 'Contact')),
    label: (service, { prefix, upper, case: letterCase }) => {
      const text = (prefix ?? '') + service.name;
      const mode = letterCase ?? (upper ? 'UPPER' : 'AS_IS');
      return mode === 'UPPER' ? text.toUpperCase() : mode === 'LOWER' ? text.toLowerCase() : text;
    },
  },
  Area: {
    parent: (area, _, store) => (area.parentId == null ? null : ofType(store, area.parentId, 'Area')),
  },
  Mutation: {
    createService: (_, { input }, store) => {
      if (!isOrganisation(store.byId.get(input.providerId))) {
        throw new Error(`No organisation has id "${input.providerId}".`);
      }
      store.createdServices += 1;
      const service = {
        __typename: 'Service',
        id: `service-new-${store.createdServices}`,
        name: input.name,
        kind: input.kind,
        providerId: input.providerId,
        commissionerIds: [],
        startDate: input.startDate ?? null,
        endDate: null,
        updatedAt: null,
        tags: input.tags ?? null,
        places: input.places ?? null,
        rating: null,
        open: true,
        funding: [],
        referrals: null,
        matrix: null,
        contactId: input.contact?.id ?? null,
      };
      store.services.push(service);
      store.byId.set(service.id, service);
      return service;
    },
    incrementCounter: (_, { by }, store) => {
      store.counter += by ?? 0;
      return store.counter;
    },
    multiplyCounter: (_, { by }, store) => {
      store.counter *= by;
      return store.counter;
    },
    resetCounter: (_, __, store) => {
      store.counter = 0;
      return store.counter;
    },
    failingMutation: () => {
      throw new Error('This mutation always fails.');
    },
    closeService: (_, { id }, store) => {
      const service = ofType(store, id, 'Service');
      if (service == null) return null;
      service.open = false;
      return service;
    },
  },
};

/** graphql-js calls this for every field: the field's resolver above if there is one, else the property. */
export function fieldResolver(source, args, store, info) {
  const resolver = resolvers[info.parentType.name]?.[info.fieldName];
  if (resolver !== undefined) {
    return resolver(source, args, store, info);
  }
  return source?.[info.fieldName];
}
