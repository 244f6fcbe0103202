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

module.exports = {
  text, plain, undash, MINUTE_TS, createRootPage, createDatabase, fullSchema, buildWorld, createPageIn,
  expectedDbParent, WRITABLE, READ_ONLY, TYPES,
};
