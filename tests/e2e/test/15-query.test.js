'use strict';
// Database queries with both SDKs: POST /v1/data_sources/{id}/query (5.x dataSources.query,
// 2025-09-03) and POST /v1/databases/{id}/query (2.x databases.query, 2022-06-28).
// A filter per property type family, compound filters, timestamp filters, sorts with
// several keys, pagination through the SDK helpers, filter_properties, in_trash,
// properties by id, and every error with its exact message.
//
// lib/schema.js knows no schema for the query routes, so the clients of this file check
// a query response here: the envelope (exact keys, `type` per version, `<type>: {}`),
// and every result against pageObjectResponse (lib/schema.js assertSchema, with its
// documented deltas). Every other response goes through lib/clients.js checkResponse.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const nodeFetch = require('node-fetch');
const { startServer } = require('../lib/server');
const { raw, checkResponse, expectApiError, expectRawError, ClientV5, ClientV2 } = require('../lib/clients');
const { assertSchema, UUID_RE } = require('../lib/schema');
const {
  text, plain, undash, createRootPage, createDatabase, createPageIn, schemaOf, relationTo,
} = require('../lib/fixtures');
const { LogLevel: L5, iteratePaginatedAPI: iterate5, collectPaginatedAPI: collect5 } = require('@notionhq/client');
const { LogLevel: L2, iteratePaginatedAPI: iterate2, collectPaginatedAPI: collect2 } = require('notion-v2');

const QUERY_PATH = /^\/v1\/(databases|data_sources)\/[^/]+\/query\/?$/;
const TYPE_OF = { '2025-09-03': 'page_or_data_source', '2022-06-28': 'page_or_database' };

// Checks a successful query response: exact envelope, every page against the schema.
function checkQueryBody(where, version, body) {
  const type = TYPE_OF[version];
  assert.ok(type, `${where}: unexpected version ${version}`);
  assert.deepEqual(Object.keys(body).sort(), ['has_more', 'next_cursor', 'object', 'results', 'type', type].sort(),
    `${where}: envelope keys`);
  assert.equal(body.object, 'list', where);
  assert.equal(body.type, type, where);
  assert.deepEqual(body[type], {}, where);
  assert.equal(typeof body.has_more, 'boolean', where);
  assert.ok(Array.isArray(body.results), where);
  if (body.has_more) assert.match(body.next_cursor, UUID_RE, `${where}: next_cursor`);
  else assert.equal(body.next_cursor, null, `${where}: next_cursor without has_more`);
  for (const page of body.results) {
    try {
      assertSchema('pageObjectResponse', page);
    } catch (e) {
      e.message = `${where}: result ${page && page.id}: ${e.message}`;
      throw e;
    }
  }
}

// Every request this file's SDK clients make: {method, path, search, version, body}.
const requests = [];

function queryFetch(underlying) {
  return async (url, init) => {
    const res = await underlying(url, init);
    const body = await res.text();
    const method = (init && init.method) || 'GET';
    const u = new URL(String(url));
    let version;
    for (const [k, v] of Object.entries((init && init.headers) || {})) if (k.toLowerCase() === 'notion-version') version = v;
    requests.push({ method, path: u.pathname, search: u.search, version, body: init && init.body ? JSON.parse(init.body) : undefined });
    if (res.status < 400 && method.toUpperCase() === 'POST' && QUERY_PATH.test(u.pathname)) {
      const where = `${method} ${u.pathname}${u.search} -> ${res.status}`;
      assert.ok(res.headers.get('x-notion-request-id'), `${where}: missing x-notion-request-id header`);
      assert.match(res.headers.get('content-type') || '', /^application\/json\b/i, `${where}: content-type`);
      checkQueryBody(where, version, JSON.parse(body));
    } else {
      checkResponse({ method, url: String(url), status: res.status, headers: res.headers, text: body, version });
    }
    return { ok: res.ok, status: res.status, headers: res.headers, text: async () => body };
  };
}

let srv; const clients = {}; let owner;
before(async () => {
  srv = await startServer();
  clients.v5 = new ClientV5({
    auth: srv.token, baseUrl: srv.baseUrl, fetch: queryFetch(globalThis.fetch.bind(globalThis)),
    logLevel: L5.ERROR, retry: false,
  });
  clients.v2 = new ClientV2({ auth: srv.token, baseUrl: srv.baseUrl, fetch: queryFetch(nodeFetch), logLevel: L2.ERROR });
  owner = (await clients.v5.users.list({})).results.find((u) => u.type === 'person');
  assert.ok(owner, 'the store has a person user');
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });
const DAY = 86400000;
const utcDay = (offsetDays) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const titles = (res) => res.results.map((p) => plain(p.properties.Name.title));
const titlesOf = (pages) => pages.map((p) => plain(p.properties.Name.title));

// Suppliers (Name, Score) and Items, five pages created in this order (a few ms apart,
// so created_time orders them strictly):
//   name        Notes            Qty  Done  Kind  Stage        Tags   Due          Owner  Supplier
//   apple pie   Sweet dessert     3   yes   A     Done         x,y    today-3      owner  Acme
//   Banana      yellow fruit     10   no    B     In progress  y      2024-01-15T10Z  -   Globex
//   cherry      -                 7   yes   -     Not started  z      today+3      owner  Acme,Globex
//   Date        -                 -   no    A     Not started  -      -            -      -
//   elderberry  Sweet and sour    0   no    B     Done         -      2030-06-01   -      -
// Acme Score 3, Globex Score 7. Formulas: Double = Qty*2, Label = Name+"!", Big = Qty>5.
// Rollups over Supplier: Scores (Score, show_original), Total (Score, sum).
async function world(version) {
  const client = clients[version];
  const root = await createRootPage(client, `Query ${version}`);
  const suppliers = await createDatabase(client, version, root.id, 'Suppliers', {
    Name: { title: {} }, Score: { number: {} },
  });
  const items = await createDatabase(client, version, root.id, 'Items', {
    Name: { title: {} },
    Notes: { rich_text: {} },
    Qty: { number: {} },
    Done: { checkbox: {} },
    Kind: { select: { options: [{ name: 'A', color: 'blue' }, { name: 'B', color: 'red' }] } },
    Stage: { status: {} },
    Tags: { multi_select: { options: [{ name: 'x', color: 'green' }, { name: 'y', color: 'yellow' }, { name: 'z', color: 'gray' }] } },
    Due: { date: {} },
    Owner: { people: {} },
    Supplier: relationTo(version, suppliers),
    Double: { formula: { expression: 'prop("Qty") * 2' } },
    Label: { formula: { expression: 'prop("Name") + "!"' } },
    Big: { formula: { expression: 'prop("Qty") > 5' } },
    Scores: { rollup: { relation_property_name: 'Supplier', rollup_property_name: 'Score', function: 'show_original' } },
    Total: { rollup: { relation_property_name: 'Supplier', rollup_property_name: 'Score', function: 'sum' } },
  });
  const acme = await createPageIn(client, version, suppliers, { Name: { title: text('Acme') }, Score: { number: 3 } });
  const globex = await createPageIn(client, version, suppliers, { Name: { title: text('Globex') }, Score: { number: 7 } });
  const rows = [
    { Name: { title: text('apple pie') }, Notes: { rich_text: text('Sweet dessert') }, Qty: { number: 3 },
      Done: { checkbox: true }, Kind: { select: { name: 'A' } }, Stage: { status: { name: 'Done' } },
      Tags: { multi_select: [{ name: 'x' }, { name: 'y' }] }, Due: { date: { start: utcDay(-3) } },
      Owner: { people: [{ id: owner.id }] }, Supplier: { relation: [{ id: acme.id }] } },
    { Name: { title: text('Banana') }, Notes: { rich_text: text('yellow fruit') }, Qty: { number: 10 },
      Done: { checkbox: false }, Kind: { select: { name: 'B' } }, Stage: { status: { name: 'In progress' } },
      Tags: { multi_select: [{ name: 'y' }] }, Due: { date: { start: '2024-01-15T10:00:00.000Z' } },
      Supplier: { relation: [{ id: globex.id }] } },
    { Name: { title: text('cherry') }, Qty: { number: 7 }, Done: { checkbox: true },
      Stage: { status: { name: 'Not started' } }, Tags: { multi_select: [{ name: 'z' }] },
      Due: { date: { start: utcDay(3) } }, Owner: { people: [{ id: owner.id }] },
      Supplier: { relation: [{ id: acme.id }, { id: globex.id }] } },
    { Name: { title: text('Date') }, Done: { checkbox: false }, Kind: { select: { name: 'A' } },
      Stage: { status: { name: 'Not started' } } },
    { Name: { title: text('elderberry') }, Notes: { rich_text: text('Sweet and sour') }, Qty: { number: 0 },
      Kind: { select: { name: 'B' } }, Stage: { status: { name: 'Done' } }, Due: { date: { start: '2030-06-01' } } },
  ];
  const pages = {};
  for (const props of rows) {
    const p = await createPageIn(client, version, items, props);
    pages[props.Name.title[0].text.content] = p;
    await sleep(5);
  }
  const schema = await schemaOf(client, version, items);
  const query = (args = {}) => (version === 'v5'
    ? client.dataSources.query({ data_source_id: items.dataSourceId, ...args })
    : client.databases.query({ database_id: items.databaseId, ...args }));
  const queryFn = version === 'v5' ? client.dataSources.query : client.databases.query;
  const firstArgs = (args = {}) => (version === 'v5'
    ? { data_source_id: items.dataSourceId, ...args } : { database_id: items.databaseId, ...args });
  return { client, root, suppliers, items, acme, globex, pages, schema, query, queryFn, firstArgs };
}

const ALL = ['apple pie', 'Banana', 'cherry', 'Date', 'elderberry'];
const VERSION_HEADER = { v5: '2025-09-03', v2: '2022-06-28' };
const collectOf = { v5: collect5, v2: collect2 };
const iterateOf = { v5: iterate5, v2: iterate2 };

const worlds = {};
async function shared(version) {
  if (!worlds[version]) worlds[version] = await world(version);
  return worlds[version];
}

for (const version of ['v5', 'v2']) {
  test(`${version}: no body: every page in creation order, the list envelope of the version`, async () => {
    const w = await shared(version);
    const r = await w.query();
    assert.deepEqual(titles(r), ALL);
    assert.deepEqual(r.results.map((p) => p.id), ALL.map((n) => w.pages[n].id));
    assert.equal(r.has_more, false);
    assert.equal(r.next_cursor, null);
    assert.equal(r.object, 'list');
    const type = version === 'v5' ? 'page_or_data_source' : 'page_or_database';
    assert.equal(r.type, type);
    assert.deepEqual(r[type], {});
    // The results are the pages as GET /v1/pages shows them.
    const got = await w.client.pages.retrieve({ page_id: w.pages.cherry.id });
    assert.deepEqual(r.results[2], got);
    if (version === 'v5') {
      assert.deepEqual(r.results[0].parent,
        { type: 'data_source_id', data_source_id: w.items.dataSourceId, database_id: w.items.databaseId });
    } else {
      assert.deepEqual(r.results[0].parent, { type: 'database_id', database_id: w.items.databaseId });
    }
  });

  test(`${version}: text filters: title/rich_text contains ignores case, equals is exact, is_empty`, async () => {
    const w = await shared(version);
    const q = async (filter) => titles(await w.query({ filter }));
    assert.deepEqual(await q({ property: 'Name', title: { contains: 'A' } }), ['apple pie', 'Banana', 'Date']);
    assert.deepEqual(await q({ property: 'Name', title: { equals: 'Banana' } }), ['Banana']);
    assert.deepEqual(await q({ property: 'Name', title: { equals: 'banana' } }), []);
    assert.deepEqual(await q({ property: 'Name', title: { starts_with: 'e' } }), ['elderberry']);
    assert.deepEqual(await q({ property: 'Name', title: { ends_with: 'Y' } }), ['cherry', 'elderberry']);
    assert.deepEqual(await q({ property: 'Name', title: { does_not_contain: 'an' } }), ['apple pie', 'cherry', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Notes', rich_text: { contains: 'sweet' } }), ['apple pie', 'elderberry']);
    assert.deepEqual(await q({ property: 'Notes', rich_text: { equals: 'yellow fruit' } }), ['Banana']);
    assert.deepEqual(await q({ property: 'Notes', rich_text: { does_not_equal: 'yellow fruit' } }),
      ['apple pie', 'cherry', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Notes', rich_text: { is_empty: true } }), ['cherry', 'Date']);
    assert.deepEqual(await q({ property: 'Notes', rich_text: { is_not_empty: true } }), ['apple pie', 'Banana', 'elderberry']);
  });

  test(`${version}: number filters: ranges, equals, is_empty`, async () => {
    const w = await shared(version);
    const q = async (filter) => titles(await w.query({ filter }));
    assert.deepEqual(await q({ property: 'Qty', number: { greater_than: 3 } }), ['Banana', 'cherry']);
    assert.deepEqual(await q({ property: 'Qty', number: { greater_than_or_equal_to: 3 } }), ['apple pie', 'Banana', 'cherry']);
    assert.deepEqual(await q({ property: 'Qty', number: { less_than: 3 } }), ['elderberry']);
    assert.deepEqual(await q({ property: 'Qty', number: { less_than_or_equal_to: 3 } }), ['apple pie', 'elderberry']);
    assert.deepEqual(await q({ property: 'Qty', number: { equals: 0 } }), ['elderberry']);
    assert.deepEqual(await q({ property: 'Qty', number: { does_not_equal: 7 } }), ['apple pie', 'Banana', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Qty', number: { is_empty: true } }), ['Date']);
    assert.deepEqual(await q({ property: 'Qty', number: { is_not_empty: true } }), ['apple pie', 'Banana', 'cherry', 'elderberry']);
    assert.deepEqual(await q({
      and: [{ property: 'Qty', number: { greater_than_or_equal_to: 3 } }, { property: 'Qty', number: { less_than: 10 } }],
    }), ['apple pie', 'cherry']);
  });

  test(`${version}: checkbox, select, status, multi_select filters`, async () => {
    const w = await shared(version);
    const q = async (filter) => titles(await w.query({ filter }));
    assert.deepEqual(await q({ property: 'Done', checkbox: { equals: true } }), ['apple pie', 'cherry']);
    assert.deepEqual(await q({ property: 'Done', checkbox: { equals: false } }), ['Banana', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Done', checkbox: { does_not_equal: true } }), ['Banana', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Kind', select: { equals: 'A' } }), ['apple pie', 'Date']);
    assert.deepEqual(await q({ property: 'Kind', select: { does_not_equal: 'A' } }), ['Banana', 'cherry', 'elderberry']);
    assert.deepEqual(await q({ property: 'Kind', select: { is_empty: true } }), ['cherry']);
    assert.deepEqual(await q({ property: 'Kind', select: { equals: 'a' } }), []);
    assert.deepEqual(await q({ property: 'Stage', status: { equals: 'In progress' } }), ['Banana']);
    assert.deepEqual(await q({ property: 'Stage', status: { equals: 'Done' } }), ['apple pie', 'elderberry']);
    assert.deepEqual(await q({ property: 'Stage', status: { does_not_equal: 'Not started' } }),
      ['apple pie', 'Banana', 'elderberry']);
    assert.deepEqual(await q({ property: 'Tags', multi_select: { contains: 'y' } }), ['apple pie', 'Banana']);
    assert.deepEqual(await q({ property: 'Tags', multi_select: { does_not_contain: 'y' } }), ['cherry', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Tags', multi_select: { is_empty: true } }), ['Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Tags', multi_select: { is_not_empty: true } }), ['apple pie', 'Banana', 'cherry']);
  });

  test(`${version}: date filters: before/after/on_or_*, equals by day, past_week/next_week from today, is_empty`, async () => {
    const w = await shared(version);
    const q = async (filter) => titles(await w.query({ filter }));
    assert.deepEqual(await q({ property: 'Due', date: { before: '2025-01-01' } }), ['Banana']);
    assert.deepEqual(await q({ property: 'Due', date: { after: '2029-12-31' } }), ['elderberry']);
    assert.deepEqual(await q({ property: 'Due', date: { on_or_before: '2024-01-15' } }), ['Banana']);
    assert.deepEqual(await q({ property: 'Due', date: { on_or_after: '2030-06-01' } }), ['elderberry']);
    assert.deepEqual(await q({ property: 'Due', date: { equals: '2024-01-15' } }), ['Banana']);
    assert.deepEqual(await q({ property: 'Due', date: { after: '2024-01-15T09:00:00.000Z' } }),
      ['apple pie', 'Banana', 'cherry', 'elderberry']);
    assert.deepEqual(await q({ property: 'Due', date: { after: '2024-01-15T10:00:00.000Z' } }),
      ['apple pie', 'cherry', 'elderberry']);
    assert.deepEqual(await q({ property: 'Due', date: { after: utcDay(0) } }), ['cherry', 'elderberry']);
    assert.deepEqual(await q({ property: 'Due', date: { past_week: {} } }), ['apple pie']);
    assert.deepEqual(await q({ property: 'Due', date: { next_week: {} } }), ['cherry']);
    assert.deepEqual(await q({ property: 'Due', date: { past_month: {} } }), ['apple pie']);
    assert.deepEqual(await q({ property: 'Due', date: { next_year: {} } }), ['cherry']);
    assert.deepEqual(await q({ property: 'Due', date: { is_empty: true } }), ['Date']);
    assert.deepEqual(await q({ property: 'Due', date: { is_not_empty: true } }), ['apple pie', 'Banana', 'cherry', 'elderberry']);
  });

  test(`${version}: people and relation filters, in any id form`, async () => {
    const w = await shared(version);
    const q = async (filter) => titles(await w.query({ filter }));
    assert.deepEqual(await q({ property: 'Owner', people: { contains: owner.id } }), ['apple pie', 'cherry']);
    assert.deepEqual(await q({ property: 'Owner', people: { contains: undash(owner.id).toUpperCase() } }), ['apple pie', 'cherry']);
    assert.deepEqual(await q({ property: 'Owner', people: { does_not_contain: owner.id } }), ['Banana', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Owner', people: { is_empty: true } }), ['Banana', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Supplier', relation: { contains: w.globex.id } }), ['Banana', 'cherry']);
    assert.deepEqual(await q({ property: 'Supplier', relation: { contains: undash(w.acme.id) } }), ['apple pie', 'cherry']);
    assert.deepEqual(await q({ property: 'Supplier', relation: { does_not_contain: w.acme.id } }), ['Banana', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Supplier', relation: { is_empty: true } }), ['Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Supplier', relation: { is_not_empty: true } }), ['apple pie', 'Banana', 'cherry']);
  });

  test(`${version}: formula filters by result type: number, string, checkbox`, async () => {
    const w = await shared(version);
    const q = async (filter) => titles(await w.query({ filter }));
    assert.deepEqual(await q({ property: 'Double', formula: { number: { greater_than: 10 } } }), ['Banana', 'cherry']);
    assert.deepEqual(await q({ property: 'Double', formula: { number: { equals: 6 } } }), ['apple pie']);
    assert.deepEqual(await q({ property: 'Label', formula: { string: { equals: 'cherry!' } } }), ['cherry']);
    assert.deepEqual(await q({ property: 'Label', formula: { string: { contains: 'AN' } } }), ['Banana']);
    assert.deepEqual(await q({ property: 'Big', formula: { checkbox: { equals: true } } }), ['Banana', 'cherry']);
    // A string formula read with a number condition is an empty number (QUERY.md).
    assert.deepEqual(await q({ property: 'Label', formula: { number: { is_empty: true } } }), ALL);
  });

  test(`${version}: rollup filters: any/every/none over an array rollup, number of a sum rollup`, async () => {
    const w = await shared(version);
    const q = async (filter) => titles(await w.query({ filter }));
    assert.deepEqual(await q({ property: 'Scores', rollup: { any: { number: { greater_than: 5 } } } }), ['Banana', 'cherry']);
    assert.deepEqual(await q({ property: 'Scores', rollup: { any: { number: { equals: 3 } } } }), ['apple pie', 'cherry']);
    // every is true with no items; none likewise.
    assert.deepEqual(await q({ property: 'Scores', rollup: { every: { number: { less_than: 5 } } } }),
      ['apple pie', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Scores', rollup: { none: { number: { equals: 7 } } } }),
      ['apple pie', 'Date', 'elderberry']);
    assert.deepEqual(await q({ property: 'Total', rollup: { number: { equals: 10 } } }), ['cherry']);
    assert.deepEqual(await q({ property: 'Total', rollup: { number: { greater_than_or_equal_to: 7 } } }), ['Banana', 'cherry']);
  });

  test(`${version}: compound filters: and/or nested one level`, async () => {
    const w = await shared(version);
    const q = async (filter) => titles(await w.query({ filter }));
    assert.deepEqual(await q({
      or: [
        { property: 'Kind', select: { equals: 'B' } },
        { and: [{ property: 'Done', checkbox: { equals: true } }, { property: 'Qty', number: { greater_than: 5 } }] },
      ],
    }), ['Banana', 'cherry', 'elderberry']);
    assert.deepEqual(await q({
      and: [
        { property: 'Name', title: { contains: 'e' } },
        { or: [{ property: 'Tags', multi_select: { contains: 'x' } }, { property: 'Qty', number: { is_empty: true } }] },
      ],
    }), ['apple pie', 'Date']);
    assert.deepEqual(await q({ and: [] }), ALL);
    assert.deepEqual(await q({ or: [{ property: 'Qty', number: { equals: 3 } }, { property: 'Qty', number: { equals: 0 } }] }),
      ['apple pie', 'elderberry']);
  });

  test(`${version}: a property referred to by id in filters and sorts`, async () => {
    const w = await shared(version);
    const qty = w.schema.Qty.id;
    assert.notEqual(qty, 'Qty');
    const r = await w.query({ filter: { property: qty, number: { greater_than: 3 } } });
    assert.deepEqual(titles(r), ['Banana', 'cherry']);
    const s = await w.query({ sorts: [{ property: qty, direction: 'descending' }] });
    assert.deepEqual(titles(s), ['Banana', 'cherry', 'apple pie', 'elderberry', 'Date']);
    const t = await w.query({ filter: { property: 'title', title: { equals: 'Date' } } });
    assert.deepEqual(titles(t), ['Date']);
  });

  test(`${version}: sorts by property (empty values last both ways) and by timestamp, several keys`, async () => {
    const w = await shared(version);
    const s = async (sorts, filter) => titles(await w.query(filter ? { sorts, filter } : { sorts }));
    assert.deepEqual(await s([{ property: 'Qty', direction: 'ascending' }]), ['elderberry', 'apple pie', 'cherry', 'Banana', 'Date']);
    assert.deepEqual(await s([{ property: 'Qty', direction: 'descending' }]), ['Banana', 'cherry', 'apple pie', 'elderberry', 'Date']);
    assert.deepEqual(await s([{ property: 'Name', direction: 'ascending' }]), ['apple pie', 'Banana', 'cherry', 'Date', 'elderberry']);
    assert.deepEqual(await s([{ property: 'Name', direction: 'descending' }]), ['elderberry', 'Date', 'cherry', 'Banana', 'apple pie']);
    assert.deepEqual(await s([{ property: 'Due', direction: 'ascending' }]), ['Banana', 'apple pie', 'cherry', 'elderberry', 'Date']);
    // select by option position (A, B), empties last; ties broken by the next key.
    assert.deepEqual(await s([{ property: 'Kind', direction: 'ascending' }, { property: 'Qty', direction: 'descending' }]),
      ['apple pie', 'Date', 'Banana', 'elderberry', 'cherry']);
    assert.deepEqual(await s([{ property: 'Kind', direction: 'descending' }, { property: 'Qty', direction: 'ascending' }]),
      ['elderberry', 'Banana', 'apple pie', 'Date', 'cherry']);
    assert.deepEqual(await s([{ timestamp: 'created_time', direction: 'descending' }]),
      ['elderberry', 'Date', 'cherry', 'Banana', 'apple pie']);
    assert.deepEqual(await s([{ timestamp: 'created_time', direction: 'ascending' }]), ALL);
    // checkbox: unchecked before checked; descending puts checked first.
    assert.deepEqual(await s([{ property: 'Done', direction: 'descending' }, { timestamp: 'created_time', direction: 'descending' }]),
      ['cherry', 'apple pie', 'elderberry', 'Date', 'Banana']);
    // status by option position: Not started, In progress, Done.
    assert.deepEqual(await s([{ property: 'Stage', direction: 'ascending' }, { property: 'Name', direction: 'descending' }]),
      ['Date', 'cherry', 'Banana', 'elderberry', 'apple pie']);
    // filter + sort together.
    assert.deepEqual(await s([{ property: 'Double', direction: 'descending' }], { property: 'Qty', number: { is_not_empty: true } }),
      ['Banana', 'cherry', 'apple pie', 'elderberry']);
    assert.deepEqual(await s([{ property: 'Total', direction: 'ascending' }, { property: 'Name', direction: 'ascending' }]),
      ['Date', 'elderberry', 'apple pie', 'Banana', 'cherry']);
  });

  test(`${version}: page_size and start_cursor: the cursor is the next page's first id; through all results`, async () => {
    const w = await shared(version);
    const ids = ALL.map((n) => w.pages[n].id);
    const p1 = await w.query({ page_size: 2 });
    assert.deepEqual(p1.results.map((p) => p.id), ids.slice(0, 2));
    assert.equal(p1.has_more, true);
    assert.equal(p1.next_cursor, ids[2]);
    const p2 = await w.query({ page_size: 2, start_cursor: p1.next_cursor });
    assert.deepEqual(p2.results.map((p) => p.id), ids.slice(2, 4));
    assert.equal(p2.has_more, true);
    assert.equal(p2.next_cursor, ids[4]);
    const p3 = await w.query({ page_size: 2, start_cursor: p2.next_cursor });
    assert.deepEqual(p3.results.map((p) => p.id), ids.slice(4));
    assert.equal(p3.has_more, false);
    assert.equal(p3.next_cursor, null);
    // Exactly page_size results: no more.
    const all5 = await w.query({ page_size: 5 });
    assert.equal(all5.results.length, 5);
    assert.equal(all5.has_more, false);
    assert.equal(all5.next_cursor, null);
    const one = await w.query({ page_size: 1, sorts: [{ property: 'Qty', direction: 'descending' }] });
    assert.deepEqual(titles(one), ['Banana']);
    assert.equal(one.next_cursor, w.pages.cherry.id);
    // A cursor in undashed form works too.
    const p2b = await w.query({ page_size: 2, start_cursor: undash(p1.next_cursor) });
    assert.deepEqual(p2b.results.map((p) => p.id), ids.slice(2, 4));
  });

  test(`${version}: collectPaginatedAPI and iteratePaginatedAPI page through a filtered, sorted query`, async () => {
    const w = await shared(version);
    const args = w.firstArgs({
      page_size: 2,
      filter: { property: 'Name', title: { is_not_empty: true } },
      sorts: [{ property: 'Qty', direction: 'descending' }],
    });
    const before = requests.length;
    const all = await collectOf[version](w.queryFn, args);
    const made = requests.slice(before).filter((r) => QUERY_PATH.test(r.path));
    assert.deepEqual(titlesOf(all), ['Banana', 'cherry', 'apple pie', 'elderberry', 'Date']);
    assert.equal(made.length, 3, 'three requests of 2, 2, 1');
    assert.deepEqual(made.map((r) => r.body.start_cursor), [undefined, w.pages['apple pie'].id, w.pages.Date.id]);
    for (const r of made) assert.equal(r.version, VERSION_HEADER[version]);

    const seenIds = [];
    for await (const page of iterateOf[version](w.queryFn, w.firstArgs({ page_size: 1, sorts: [{ property: 'Name', direction: 'descending' }] }))) {
      seenIds.push(page.id);
    }
    assert.deepEqual(seenIds, ['elderberry', 'Date', 'cherry', 'Banana', 'apple pie'].map((n) => w.pages[n].id));
    const none = await collectOf[version](w.queryFn, w.firstArgs({ filter: { property: 'Qty', number: { equals: 12345 } } }));
    assert.deepEqual(none, []);
  });

  test(`${version}: filter_properties limits each page's properties to the ids given`, async () => {
    const w = await shared(version);
    const r = await w.query({ filter_properties: [w.schema.Qty.id, w.schema.Name.id], filter: { property: 'Qty', number: { equals: 3 } } });
    assert.deepEqual(titles(r), ['apple pie']);
    assert.deepEqual(Object.keys(r.results[0].properties).sort(), ['Name', 'Qty']);
    assert.deepEqual(r.results[0].properties.Qty, { id: w.schema.Qty.id, type: 'number', number: 3 });
    const last = requests[requests.length - 1];
    assert.equal(new URL(`http://x${last.path}${last.search}`).searchParams.getAll('filter_properties').length, 2);
    const r1 = await w.query({ filter_properties: [w.schema.Done.id] });
    assert.equal(r1.results.length, 5);
    for (const p of r1.results) assert.deepEqual(Object.keys(p.properties), ['Done']);
  });

  test(`${version}: filter_properties[] (bracket form) in a raw request`, async () => {
    const w = await shared(version);
    const path = version === 'v5' ? `/v1/data_sources/${w.items.dataSourceId}/query` : `/v1/databases/${w.items.databaseId}/query`;
    const again = await rawQuery(path, VERSION_HEADER[version], { page_size: 1 },
      `?filter_properties[]=${encodeURIComponent(w.schema.Qty.id)}&filter_properties[]=${encodeURIComponent(w.schema.Kind.id)}`);
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(Object.keys(again.json.results[0].properties).sort(), ['Kind', 'Qty']);
  });

  test(`${version}: trashed pages are left out; in_trash: true returns only them`, async () => {
    const w = await world(version); // its own world: pages get trashed
    const trash = version === 'v5' ? { in_trash: true } : { archived: true };
    const t = await w.client.pages.update({ page_id: w.pages.Banana.id, ...trash });
    assert.equal(t.in_trash, true);
    await w.client.pages.update({ page_id: w.pages.Date.id, ...trash });
    assert.deepEqual(titles(await w.query()), ['apple pie', 'cherry', 'elderberry']);
    const only = await w.query({ in_trash: true });
    assert.deepEqual(titles(only), ['Banana', 'Date']);
    for (const p of only.results) { assert.equal(p.in_trash, true); assert.equal(p.archived, true); }
    assert.deepEqual(titles(await w.query({ archived: true })), ['Banana', 'Date']);
    assert.deepEqual(titles(await w.query({ in_trash: false })), ['apple pie', 'cherry', 'elderberry']);
    assert.deepEqual(titles(await w.query({ in_trash: true, filter: { property: 'Qty', number: { is_empty: true } } })), ['Date']);
    // Filters and the count ignore trashed pages.
    assert.deepEqual(titles(await w.query({ filter: { property: 'Kind', select: { equals: 'B' } } })), ['elderberry']);
    // Restored, it comes back in creation order.
    await w.client.pages.update({ page_id: w.pages.Banana.id, ...(version === 'v5' ? { in_trash: false } : { archived: false }) });
    assert.deepEqual(titles(await w.query()), ['apple pie', 'Banana', 'cherry', 'elderberry']);
  });

  test(`${version}: timestamp filters: created_time and last_edited_time against times around a write`, async () => {
    const w = await world(version);
    await sleep(20);
    const t0 = new Date().toISOString();
    await sleep(20);
    await w.client.pages.update({ page_id: w.pages.cherry.id, properties: { Qty: { number: 8 } } });
    const q = async (filter) => titles(await w.query({ filter }));
    assert.deepEqual(await q({ timestamp: 'last_edited_time', last_edited_time: { after: t0 } }), ['cherry']);
    assert.deepEqual(await q({ timestamp: 'last_edited_time', last_edited_time: { on_or_before: t0 } }),
      ['apple pie', 'Banana', 'Date', 'elderberry']);
    assert.deepEqual(await q({ timestamp: 'created_time', created_time: { after: t0 } }), []);
    assert.deepEqual(await q({ timestamp: 'created_time', created_time: { before: t0 } }), ALL);
    assert.deepEqual(await q({ timestamp: 'created_time', created_time: { past_week: {} } }), ALL);
    assert.deepEqual(await q({ timestamp: 'created_time', created_time: { equals: utcDay(0) } }), ALL);
    assert.deepEqual(await q({ timestamp: 'created_time', created_time: { next_month: {} } }), ALL);
    assert.deepEqual(await q({
      and: [{ timestamp: 'last_edited_time', last_edited_time: { after: t0 } }, { property: 'Qty', number: { equals: 8 } }],
    }), ['cherry']);
    // Sync-loop style: newest edit first.
    const s = await w.query({ sorts: [{ timestamp: 'last_edited_time', direction: 'descending' }], page_size: 1 });
    assert.deepEqual(titles(s), ['cherry']);
  });

  test(`${version}: a sync loop: query a filter, update the matches, query again`, async () => {
    const w = await world(version);
    const filter = { property: 'Done', checkbox: { equals: false } };
    const todo = await collectOf[version](w.queryFn, w.firstArgs({ filter, page_size: 2 }));
    assert.deepEqual(titlesOf(todo), ['Banana', 'Date', 'elderberry']);
    for (const p of todo) await w.client.pages.update({ page_id: p.id, properties: { Done: { checkbox: true } } });
    assert.deepEqual(await collectOf[version](w.queryFn, w.firstArgs({ filter, page_size: 2 })), []);
    assert.deepEqual(titlesOf(await collectOf[version](w.queryFn, w.firstArgs({ filter: { property: 'Done', checkbox: { equals: true } } }))), ALL);
  });
}

// ---- errors -----------------------------------------------------------------------

const VE = (message) => ({ status: 400, code: 'validation_error', message });

for (const version of ['v5', 'v2']) {
  test(`${version}: unknown property, type mismatch, unknown sort property`, async () => {
    const w = await shared(version);
    await expectApiError(w.query({ filter: { property: 'Nope', number: { equals: 1 } } }),
      VE('Could not find property with name or id: Nope'));
    await expectApiError(w.query({ filter: { property: 'Qty', rich_text: { contains: 'x' } } }),
      VE('The property type in the database does not match the property type of the filter provided: database property number does not match filter rich_text'));
    await expectApiError(w.query({ filter: { property: 'Done', select: { equals: 'A' } } }),
      VE('The property type in the database does not match the property type of the filter provided: database property checkbox does not match filter select'));
    await expectApiError(w.query({ filter: { and: [{ property: 'Qty', number: { equals: 1 } }, { property: 'Gone', title: { equals: 'x' } }] } }),
      VE('Could not find property with name or id: Gone'));
    await expectApiError(w.query({ sorts: [{ property: 'Nope', direction: 'ascending' }] }),
      VE('Could not find sort property with name or id: Nope'));
  });

  test(`${version}: malformed conditions and sorts`, async () => {
    const w = await shared(version);
    await expectApiError(w.query({ filter: { property: 'Qty', number: { equals: 'x' } } }),
      VE('body failed validation: body.filter.number.equals should be a number, instead was `"x"`.'));
    await expectApiError(w.query({ filter: { property: 'Qty', number: { bogus: 1 } } }),
      VE('body failed validation: body.filter.number.bogus should be not present, instead was `1`.'));
    await expectApiError(w.query({ filter: { property: 'Qty', number: { equals: 1, greater_than: 0 } } }),
      VE('body failed validation: body.filter.number.greater_than should be not present, instead was `0`.'));
    await expectApiError(w.query({ filter: { property: 'Done', checkbox: {} } }), VE('body failed validation. Fix one:\n'
      + 'body.filter.checkbox.equals should be defined, instead was `undefined`.\n'
      + 'body.filter.checkbox.does_not_equal should be defined, instead was `undefined`.'));
    await expectApiError(w.query({ filter: { property: 'Due', date: { past_week: true } } }),
      VE('body failed validation: body.filter.date.past_week should be an object, instead was `true`.'));
    await expectApiError(w.query({ filter: { property: 'Qty', number: { is_empty: false } } }),
      VE('body failed validation: body.filter.number.is_empty should be `true`, instead was `false`.'));
    // Grammar before meaning: the malformed condition wins over the unknown property.
    await expectApiError(w.query({ filter: { and: [{ property: 'Nope', number: { equals: 1 } }, { property: 'Qty', number: { equals: 'x' } }] } }),
      VE('body failed validation: body.filter.and[1].number.equals should be a number, instead was `"x"`.'));
    const keys = ['title', 'rich_text', 'number', 'checkbox', 'select', 'multi_select', 'status', 'date', 'people', 'files',
      'url', 'email', 'phone_number', 'relation', 'created_by', 'created_time', 'last_edited_by', 'last_edited_time',
      'formula', 'unique_id', 'rollup', 'verification'];
    await expectApiError(w.query({ filter: { property: 'Qty', text: { equals: 'x' } } }), VE(['body failed validation. Fix one:',
      'body.filter.or should be defined, instead was `undefined`.',
      'body.filter.and should be defined, instead was `undefined`.',
      ...keys.map((k) => `body.filter.${k} should be defined, instead was \`undefined\`.`)].join('\n')));
    // A third level of nesting is not a compound.
    await expectApiError(w.query({ filter: { and: [{ or: [{ and: [] }] }] } }), VE(['body failed validation. Fix one:',
      ...keys.map((k) => `body.filter.and[0].or[0].${k} should be defined, instead was \`undefined\`.`)].join('\n')));
    await expectApiError(w.query({ sorts: [{ property: 'Qty', direction: 'up' }] }),
      VE('body failed validation: body.sorts[0].direction should be `"ascending"` or `"descending"`, instead was `"up"`.'));
    await expectApiError(w.query({ sorts: [{ timestamp: 'created', direction: 'ascending' }] }),
      VE('body failed validation: body.sorts[0].timestamp should be `"created_time"` or `"last_edited_time"`, instead was `"created"`.'));
  });

  test(`${version}: page_size out of range, bad cursors`, async () => {
    const w = await shared(version);
    await expectApiError(w.query({ page_size: 101 }),
      VE('body failed validation: body.page_size should be ≤ `100` or `undefined`, instead was `101`.'));
    await expectApiError(w.query({ page_size: 0 }),
      VE('body failed validation: body.page_size should be ≥ `1` or `undefined`, instead was `0`.'));
    const r100 = await w.query({ page_size: 100 });
    assert.equal(r100.results.length, 5);
    await expectApiError(w.query({ start_cursor: 'not-a-cursor' }),
      VE('body failed validation: body.start_cursor should be a valid uuid or `undefined`, instead was `"not-a-cursor"`.'));
    // A uuid that is no page of these results.
    const stranger = w.acme.id;
    await expectApiError(w.query({ start_cursor: stranger }), VE(`The start_cursor provided is invalid: ${stranger}`));
  });
}

test('each query route answers invalid_request_url under the other version', async () => {
  const w5 = await shared('v5');
  const w2 = await shared('v2');
  const bad = { status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' };
  for (const w of [w5, w2]) {
    expectRawError(await raw(srv, {
      method: 'POST', path: `/v1/databases/${w.items.databaseId}/query`, version: '2025-09-03', body: {},
    }), bad);
    const ds = w.items.dataSourceId || (await clients.v5.databases.retrieve({ database_id: w.items.databaseId })).data_sources[0].id;
    expectRawError(await raw(srv, {
      method: 'POST', path: `/v1/data_sources/${ds}/query`, version: '2022-06-28', body: {},
    }), bad);
  }
  // The right routes answer the same pages, each with its own envelope type.
  const ds2 = (await clients.v5.databases.retrieve({ database_id: w2.items.databaseId })).data_sources[0].id;
  const viaDs = await clients.v5.dataSources.query({ data_source_id: ds2 });
  const viaDb = await clients.v2.databases.query({ database_id: w2.items.databaseId });
  assert.deepEqual(viaDs.results.map((p) => p.id), viaDb.results.map((p) => p.id));
  assert.equal(viaDs.type, 'page_or_data_source');
  assert.equal(viaDb.type, 'page_or_database');
});

test('unknown data source / database ids answer 404 object_not_found', async () => {
  const missing = '0f0e0d0c-0b0a-4909-8807-060504030201';
  await expectApiError(clients.v5.dataSources.query({ data_source_id: missing }), {
    status: 404, code: 'object_not_found',
    message: `Could not find data source with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  await expectApiError(clients.v2.databases.query({ database_id: missing }), {
    status: 404, code: 'object_not_found',
    message: `Could not find database with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
});

// A raw POST that does not go through lib/schema.js's route table (which has no query
// schema); the body is checked here as the SDK clients' responses are.
function rawQuery(path, version, body, search = '') {
  const http = require('node:http');
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: srv.port, method: 'POST', path: `${path}${search}`, agent: false,
      headers: {
        Authorization: `Bearer ${srv.token}`, 'Notion-Version': version, 'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const txt = Buffer.concat(chunks).toString('utf8');
        try {
          const json = JSON.parse(txt);
          if (res.statusCode < 400) checkQueryBody(`POST ${path}${search}`, version, json);
          resolve({ status: res.statusCode, text: txt, json });
        } catch (e) { reject(e); }
      });
    });
    req.on('error', reject);
    req.write(payload);
    req.end();
  });
}
