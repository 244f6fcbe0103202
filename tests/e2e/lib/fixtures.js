'use strict';
// Builds test data through the API itself, with the SDK under test.
const assert = require('node:assert/strict');
const { UUID_RE } = require('./schema');

const text = (content) => [{ text: { content } }];
const plain = (arr) => (arr || []).map((t) => t.plain_text).join('');
const undash = (id) => id.replace(/-/g, '');

// Notion timestamps: ISO 8601, ms, Z, rounded to the minute.
const MINUTE_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/;

async function createRootPage(client, title = 'Root') {
  const page = await client.pages.create({
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: text(title) } },
  });
  assert.equal(page.object, 'page');
  assert.match(page.id, UUID_RE);
  return page;
}

// Creates a database with one data source. `version` is 'v5' or 'v2'.
// Returns {db, databaseId, dataSourceId (v5 only)}.
async function createDatabase(client, version, parentPageId, title, properties) {
  if (version === 'v5') {
    const db = await client.databases.create({
      parent: { type: 'page_id', page_id: parentPageId },
      title: text(title),
      initial_data_source: { properties },
    });
    assert.ok(Array.isArray(db.data_sources) && db.data_sources.length === 1, 'one data source');
    return { db, databaseId: db.id, dataSourceId: db.data_sources[0].id };
  }
  const db = await client.databases.create({
    parent: { page_id: parentPageId },
    title: text(title),
    properties,
  });
  return { db, databaseId: db.id, dataSourceId: null };
}

// A schema with every property type: writable ones, and read-only ones.
// `relationTarget` = {databaseId, dataSourceId} of the database the relation points at.
function fullSchema(version, relationTarget) {
  const relation = version === 'v5'
    ? { relation: { data_source_id: relationTarget.dataSourceId, type: 'single_property', single_property: {} } }
    : { relation: { database_id: relationTarget.databaseId, type: 'single_property', single_property: {} } };
  return {
    Name: { title: {} },
    Notes: { rich_text: {} },
    Price: { number: { format: 'dollar' } },
    Category: { select: { options: [{ name: 'Tools', color: 'blue' }, { name: 'Toys', color: 'red' }] } },
    Tags: { multi_select: { options: [{ name: 'new', color: 'green' }, { name: 'sale', color: 'yellow' }] } },
    Stage: { status: {} },
    Due: { date: {} },
    Owner: { people: {} },
    Docs: { files: {} },
    Link: { url: {} },
    Mail: { email: {} },
    Phone: { phone_number: {} },
    'In stock': { checkbox: {} },
    Supplier: relation,
    Calc: { formula: { expression: 'prop("Price") * 2' } },
    Created: { created_time: {} },
    Creator: { created_by: {} },
    Edited: { last_edited_time: {} },
    Editor: { last_edited_by: {} },
    Code: { unique_id: { prefix: 'INV' } },
    Count: { rollup: { relation_property_name: 'Supplier', rollup_property_name: 'Name', function: 'count' } },
  };
}

const WRITABLE = ['Name', 'Notes', 'Price', 'Category', 'Tags', 'Stage', 'Due', 'Owner', 'Docs', 'Link', 'Mail',
  'Phone', 'In stock', 'Supplier'];
const READ_ONLY = { Calc: 'formula', Created: 'created_time', Creator: 'created_by', Edited: 'last_edited_time',
  Editor: 'last_edited_by', Code: 'unique_id', Count: 'rollup' };
const TYPES = {
  Name: 'title', Notes: 'rich_text', Price: 'number', Category: 'select', Tags: 'multi_select', Stage: 'status',
  Due: 'date', Owner: 'people', Docs: 'files', Link: 'url', Mail: 'email', Phone: 'phone_number',
  'In stock': 'checkbox', Supplier: 'relation', ...READ_ONLY,
};

// Root page + Suppliers database + Inventory database (full schema) + one item.
async function buildWorld(client, version) {
  const root = await createRootPage(client, `Root ${version}`);
  const suppliers = await createDatabase(client, version, root.id, 'Suppliers', { Name: { title: {} } });
  const inventory = await createDatabase(client, version, root.id, 'Inventory', fullSchema(version, suppliers));
  const supplierPage = await createPageIn(client, version, suppliers, { Name: { title: text('Acme') } });
  const supplierPage2 = await createPageIn(client, version, suppliers, { Name: { title: text('Globex') } });
  return { root, suppliers, inventory, supplierPage, supplierPage2 };
}

async function createPageIn(client, version, database, properties) {
  const parent = version === 'v5'
    ? { data_source_id: database.dataSourceId }
    : { database_id: database.databaseId };
  return client.pages.create({ parent, properties });
}

function expectedDbParent(version, database) {
  return version === 'v5'
    ? { type: 'data_source_id', data_source_id: database.dataSourceId, database_id: database.databaseId }
    : { type: 'database_id', database_id: database.databaseId };
}


// ---- property items (GET /v1/pages/{id}/properties/{pid}) ------------------------
// lib/clients.js validates responses by route and knows no schema for this route, so
// these clients validate it here: the envelope as checkResponse does, then the 2026
// component the body claims to be (a list: propertyItemListResponse; otherwise
// propertyItemObjectResponse). Every other response goes through checkResponse.
const PROPERTY_ITEM_PATH = /^\/v1\/pages\/[^/]+\/properties\/[^/]+\/?$/;

function propertyItemFetch(underlying) {
  // Required lazily: clients.js does not require this file, but keep the load order free.
  const { checkResponse } = require('./clients');
  const { assertRawSchema } = require('./schema');
  return async (url, init) => {
    const res = await underlying(url, init);
    const body = await res.text();
    const method = (init && init.method) || 'GET';
    const u = new URL(String(url));
    if (res.status < 400 && PROPERTY_ITEM_PATH.test(u.pathname)) {
      const where = `${method} ${u.pathname}${u.search} -> ${res.status}`;
      const reqId = res.headers.get('x-notion-request-id');
      assert.ok(typeof reqId === 'string' && reqId.length > 0, `${where}: missing x-notion-request-id header`);
      assert.match(res.headers.get('content-type') || '', /^application\/json\b/i, `${where}: content-type`);
      const json = JSON.parse(body);
      try {
        assertRawSchema(json.object === 'list' ? 'propertyItemListResponse' : 'propertyItemObjectResponse', json);
      } catch (e) {
        e.message = `${where}: ${e.message}`;
        throw e;
      }
    } else {
      let version;
      for (const [k, v] of Object.entries((init && init.headers) || {})) if (k.toLowerCase() === 'notion-version') version = v;
      checkResponse({ method, url: String(url), status: res.status, headers: res.headers, text: body, version });
    }
    return { ok: res.ok, status: res.status, headers: res.headers, text: async () => body };
  };
}

// {n5, n2}: SDK clients like clients.v5/v2 that also validate property-item responses.
function propertyItemClients(srv) {
  const { ClientV5, ClientV2 } = require('./clients');
  const { LogLevel: L5 } = require('@notionhq/client');
  const { LogLevel: L2 } = require('notion-v2');
  const nodeFetch = require('node-fetch');
  return {
    n5: new ClientV5({
      auth: srv.token, baseUrl: srv.baseUrl, fetch: propertyItemFetch(globalThis.fetch.bind(globalThis)),
      logLevel: L5.ERROR, retry: false,
    }),
    n2: new ClientV2({
      auth: srv.token, baseUrl: srv.baseUrl, fetch: propertyItemFetch(nodeFetch), logLevel: L2.ERROR,
    }),
  };
}

// The schema (property configs keyed by name) of a database built by createDatabase:
// GET data source under 2025-09-03, GET database under 2022-06-28.
async function schemaOf(client, version, database) {
  if (version === 'v5') return (await client.dataSources.retrieve({ data_source_id: database.dataSourceId })).properties;
  return (await client.databases.retrieve({ database_id: database.databaseId })).properties;
}

// A schema update: PATCH /v1/data_sources/{id} (5.x) or PATCH /v1/databases/{id} (2.x).
// Returns the updated schema (properties keyed by name).
async function updateSchema(client, version, database, properties) {
  if (version === 'v5') {
    const ds = await client.dataSources.update({ data_source_id: database.dataSourceId, properties });
    assert.equal(ds.object, 'data_source');
    return ds.properties;
  }
  const db = await client.databases.update({ database_id: database.databaseId, properties });
  assert.equal(db.object, 'database');
  return db.properties;
}

// A relation config pointing at `target` (a createDatabase result), for either version.
function relationTo(version, target, dual = false) {
  const kind = dual ? { type: 'dual_property', dual_property: {} } : { type: 'single_property', single_property: {} };
  return version === 'v5'
    ? { relation: { data_source_id: target.dataSourceId, ...kind } }
    : { relation: { database_id: target.databaseId, ...kind } };
}

module.exports = {
  propertyItemClients, schemaOf, updateSchema, relationTo,
  text, plain, undash, MINUTE_TS, createRootPage, createDatabase, fullSchema, buildWorld, createPageIn,
  expectedDbParent, WRITABLE, READ_ONLY, TYPES,
};
