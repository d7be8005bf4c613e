// The soak's load generator: mixed reads, searches, writes, exports and erasures at a fixed rate against one or more
// service instances (round robin), for a fixed duration. Open loop: request i is sent at start + i / RATE whatever
// became of the ones before, so a slow server shows as latency and errors, not as a lower request rate. Every request
// is recorded (requests.csv), and every server's resident memory and CPU time are sampled from /proc (servers.csv).
// run.sh starts the servers and calls this; report.mjs turns the records into tables and a plot.
//
//   node soak.mjs config.json       config: { target, urls, pids, tokens: { office, partner, government,
//                                    voluntarySector }, partnerOrganisation, rate, durationSeconds, maxInFlight,
//                                    sampleSeconds, timeoutSeconds, out }
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { urls, pids, tokens, rate, durationSeconds, maxInFlight, sampleSeconds, timeoutSeconds, out } = config;
mkdirSync(out, { recursive: true });

class SoakError extends Error {}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A fixed seed: two runs send the same sequence of operations with the same arguments.
let seed = 20261205;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (items) => items[Math.floor(random() * items.length)];

let nextInstance = 0;
const instance = () => nextInstance++ % urls.length;

async function request(url, init) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutSeconds * 1000) });
  } catch (e) {
    throw new SoakError(`${e.name}: ${e.cause?.code ?? e.message}`);
  }
}

async function graphql(base, token, query, variables) {
  const response = await request(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new SoakError(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text);
  if (body.errors) throw new SoakError(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body.data;
}

// A mutation's user errors (VALIDATION, CONFLICT, DUPLICATE...) are failures too: the soak only sends valid input.
function saved(payload, mutation) {
  if (payload.errors.length) throw new SoakError(`${mutation}: ${JSON.stringify(payload.errors).slice(0, 300)}`);
  return payload;
}

const globalId = (type, key) => Buffer.from(`${type}:${key}`).toString('base64');

const ORGANISATIONS_PAGE = `query OrganisationsPage($after: String) {
  organisations(first: 25, after: $after, order: [{ name: ASC }]) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id code name type county { name } policeForceArea { name } surveyStatus(survey: "STADV-2020") }
  }
}`;
const ORGANISATION = `query Organisation($code: String!) {
  organisation(code: $code) {
    code name type region
    departments { name category }
    contacts { fullName jobTitle email phone role }
    responses { code submittedOn }
  }
}`;
const NATIONAL_CONTACT_LIST_PAGE = readFileSync(new URL('../wrk/national-contact-list.graphql', import.meta.url), 'utf8');
const MAPPING_REPORT = readFileSync(new URL('../wrk/mapping-report.graphql', import.meta.url), 'utf8');
const CONTACT_SEARCH = readFileSync(new URL('../wrk/contact-search.graphql', import.meta.url), 'utf8');
const ADD_CONTACT = `mutation Add($input: AddContactInput!) {
  addContact(input: $input) { contact { id version } errors { code message field } }
}`;
const UPDATE_CONTACT = `mutation Update($input: UpdateContactInput!) {
  updateContact(input: $input) { contact { id version } errors { code message field } }
}`;
const ERASE_CONTACT = `mutation Erase($input: EraseContactInput!) {
  eraseContact(input: $input) { removedId errors { code message field } }
}`;
const SUBMIT_RESPONSE = `mutation Submit($input: SubmitSurveyResponseInput!) {
  submitSurveyResponse(input: $input) { response { code } errors { code message field } }
}`;

const SEARCHES = ['domestic abuse', 'community safety', 'commissioning manager', 'police', 'health', 'refuge',
  'partnership', 'officer', 'county council', 'head of'];
const JOB_TITLES = ['DA Coordinator', 'Commissioning Officer', 'Community Safety Manager', 'VAWG Lead'];

// The contacts this soak added and has not erased, with the version last saved: updates and erasures only touch
// these, one operation at a time per contact, so a CONFLICT can only mean a defect, never two soak requests racing.
const soakContacts = [];
let contactsAdded = 0;
const cursors = { organisations: null, nationalContactList: null };
let organisationCodes = [];

async function addContact(base) {
  contactsAdded += 1;
  const n = contactsAdded;
  const { addContact: payload } = await graphql(base, tokens.office, ADD_CONTACT, {
    input: {
      organisationId: globalId('Organisation', pick(organisationCodes)),
      fullName: `Soak Contact ${config.target} ${n}`,
      jobTitle: pick(JOB_TITLES),
      email: `soak.${config.target}.${n}@soak.example`,
      phone: `01632 960${String(n % 1000).padStart(3, '0')}`,
    },
  });
  soakContacts.push(saved(payload, 'addContact').contact);
}

// Each operation: a weight (requests per 20) and what it sends. An operation that needs a soak contact and finds none
// free adds one instead, recorded under add-contact.
const operations = {
  'organisations-page': {
    weight: 3,
    async run(base) {
      const { organisations } = await graphql(base, null, ORGANISATIONS_PAGE, { after: cursors.organisations });
      cursors.organisations = organisations.pageInfo.hasNextPage ? organisations.pageInfo.endCursor : null;
    },
  },
  organisation: {
    weight: 2,
    async run(base) {
      const { organisation } = await graphql(base, tokens.partner, ORGANISATION, { code: pick(organisationCodes) });
      if (!organisation) throw new SoakError('organisation(code:) returned null for a code that exists');
    },
  },
  'national-contact-list': {
    weight: 2,
    async run(base) {
      const { nationalContactList: page } = await graphql(base, tokens.office, NATIONAL_CONTACT_LIST_PAGE, { after: cursors.nationalContactList });
      cursors.nationalContactList = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    },
  },
  'mapping-report': {
    weight: 1,
    async run(base) {
      const { mappingReport } = await graphql(base, tokens.government, MAPPING_REPORT, {});
      if (!mappingReport) throw new SoakError('mappingReport returned null');
    },
  },
  'contact-search': {
    weight: 4,
    async run(base) {
      const token = random() < 0.5 ? tokens.partner : tokens.voluntarySector;
      await graphql(base, token, CONTACT_SEARCH, { search: pick(SEARCHES) });
    },
  },
  'add-contact': { weight: 2, run: addContact },
  'update-contact': {
    weight: 2,
    async run(base) {
      const contact = soakContacts.shift();
      if (!contact) return addContact(base).then(() => 'add-contact');
      const { updateContact: payload } = await graphql(base, tokens.office, UPDATE_CONTACT, {
        input: { id: contact.id, version: contact.version, jobTitle: pick(JOB_TITLES) },
      });
      soakContacts.push(saved(payload, 'updateContact').contact);
    },
  },
  'submit-survey-response': {
    weight: 1,
    async run(base) {
      const { submitSurveyResponse: payload } = await graphql(base, tokens.office, SUBMIT_RESPONSE, {
        input: {
          organisationId: globalId('Organisation', pick(organisationCodes)),
          survey: 'STADV-2020',
          focus: 'VAWG',
          leadStatus: ['RESPONDENT_IS_LEAD'],
          activities: ['STRATEGIC_BOARDS', 'MARACS'],
          staffLines: [{ responsibility: 'COMMISSIONING_ONLY', seniority: 'MANAGER', fte: 0.5 }],
          services: [{ serviceType: 'REFUGE', commissioning: 'JOINT', womenOnly: true }],
          consent: { partners: true, government: random() < 0.5, voluntarySector: false },
        },
      });
      saved(payload, 'submitSurveyResponse');
    },
  },
  export: {
    weight: 1,
    async run(base) {
      const query = new URLSearchParams({ purpose: 'Soak test: partner round table invitations', search: pick(SEARCHES) });
      const response = await request(`${base}/exports/contacts.csv?${query}`, { headers: { authorization: `Bearer ${tokens.office}` } });
      const text = await response.text();
      if (response.status !== 200) throw new SoakError(`HTTP ${response.status}: ${text.slice(0, 300)}`);
      if (!response.headers.get('x-export-key')) throw new SoakError('export without an X-Export-Key header');
    },
  },
  'erase-contact': {
    weight: 1,
    async run(base) {
      // Keep a few for updates; erase the oldest.
      if (soakContacts.length < 5) return addContact(base).then(() => 'add-contact');
      const contact = soakContacts.shift();
      const { eraseContact: payload } = await graphql(base, tokens.office, ERASE_CONTACT, { input: { id: contact.id } });
      saved(payload, 'eraseContact');
    },
  },
};

// The sequence of operations: each weight's share of every 20 requests, shuffled once.
const deck = Object.entries(operations).flatMap(([name, { weight }]) => Array(weight).fill(name));
for (let i = deck.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [deck[i], deck[j]] = [deck[j], deck[i]];
}

const records = [];
const serverSamples = [];
const ticksPerSecond = 100; // USER_HZ on Linux
let inFlight = 0;
let serverGone = null;

function sampleServers(t) {
  pids.forEach((pid, index) => {
    const status = `/proc/${pid}/status`;
    if (!existsSync(status)) {
      serverGone ??= `server ${index + 1} (pid ${pid}) exited`;
      return;
    }
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(status, 'utf8'))?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond; // utime, stime (fields 14, 15)
    serverSamples.push({ t, server: index + 1, rssMb: rssKb / 1024, cpuSeconds });
  });
}

async function send(i, start) {
  const name = deck[i % deck.length];
  const server = instance();
  const sentAt = performance.now();
  const t = (sentAt - start) / 1000;
  if (inFlight >= maxInFlight) {
    records.push({ t, operation: name, server: server + 1, ms: 0, error: `not sent: ${inFlight} requests already in flight` });
    return;
  }
  inFlight += 1;
  let error = '';
  let recorded = name;
  try {
    recorded = (await operations[name].run(urls[server])) ?? name;
  } catch (e) {
    error = e instanceof SoakError ? e.message : `${e.name}: ${e.message}`;
  } finally {
    inFlight -= 1;
  }
  records.push({ t, operation: recorded, server: server + 1, ms: performance.now() - sentAt, error });
}

async function setUp() {
  const codes = [];
  let after = null;
  do {
    const { organisations } = await graphql(urls[0], tokens.office,
      'query($after: String) { organisations(first: 100, after: $after, where: { inScope: { eq: true } }) { nodes { code } pageInfo { hasNextPage endCursor } } }',
      { after });
    codes.push(...organisations.nodes.map((o) => o.code));
    after = organisations.pageInfo.hasNextPage ? organisations.pageInfo.endCursor : null;
  } while (after);
  organisationCodes = codes;
  for (let i = 0; i < 10; i++) await addContact(urls[i % urls.length]);
  // Each operation once on each instance before the clock starts, so the first minute measures the service rather
  // than its just-in-time compiler. A failure here is reported like any other (it is counted in minute 1).
  for (const url of urls) {
    for (const [name, operation] of Object.entries(operations)) {
      try {
        await operation.run(url);
      } catch (e) {
        records.push({ t: 0, operation: name, server: urls.indexOf(url) + 1, ms: 0, error: `warm-up: ${e.message}` });
      }
    }
  }
}

await setUp();
const total = Math.round(rate * durationSeconds);
const start = performance.now();
const pending = new Set();
const sampler = setInterval(() => sampleServers((performance.now() - start) / 1000), sampleSeconds * 1000);
sampleServers(0);
let lastProgress = 0;
for (let i = 0; i < total && !serverGone; i++) {
  const due = start + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  const sending = send(i, start);
  pending.add(sending);
  sending.finally(() => pending.delete(sending));
  const minute = Math.floor((performance.now() - start) / 60000);
  if (minute > lastProgress) {
    lastProgress = minute;
    const errors = records.filter((r) => r.error).length;
    console.error(`soak.mjs: ${config.target}: minute ${minute}, ${records.length} requests done, ${errors} errors, ${inFlight} in flight`);
  }
}
await Promise.all(pending);
sampleServers((performance.now() - start) / 1000);
clearInterval(sampler);

const csv = (value) => (/[",\n]/.test(String(value)) ? `"${String(value).replaceAll('"', '""')}"` : String(value));
records.sort((a, b) => a.t - b.t);
writeFileSync(join(out, 'requests.csv'), ['t_seconds,operation,server,ms,error',
  ...records.map((r) => [r.t.toFixed(3), r.operation, r.server, r.ms.toFixed(2), r.error].map(csv).join(','))].join('\n') + '\n');
writeFileSync(join(out, 'servers.csv'), ['t_seconds,server,rss_mb,cpu_seconds',
  ...serverSamples.map((s) => [s.t.toFixed(1), s.server, s.rssMb.toFixed(1), s.cpuSeconds.toFixed(2)].join(','))].join('\n') + '\n');
writeFileSync(join(out, 'meta.json'), JSON.stringify({
  target: config.target, instances: urls.length, rate, durationSeconds, requestsPlanned: total, requestsSent: records.length,
  serverGone, soakContactsAdded: contactsAdded, startedAt: new Date(Date.now() - (performance.now() - start)).toISOString(),
  weights: Object.fromEntries(Object.entries(operations).map(([name, { weight }]) => [name, weight])),
}, null, 2) + '\n');
const errors = records.filter((r) => r.error).length;
console.error(`soak.mjs: ${config.target}: ${records.length} requests, ${errors} errors${serverGone ? `; ${serverGone}` : ''}`);
process.exit(serverGone ? 1 : 0);
