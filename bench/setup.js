#!/usr/bin/env node
// Creates the benchmark fixture through the public API, the way a client would,
// and prints the ids as shell `export` lines:
//
//   eval "$(BASE_URL=http://127.0.0.1:8787 TOKEN=secret node bench/setup.js)"
//
// It builds:
//   - a root page "Bench" under the workspace;
//   - database "Inventory" under it (Name: title, "In stock": checkbox) and one
//     page in it: the seed PATCH target (PAGE_ID);
//   - database "Catalog" with 15 properties and one page with most of them
//     filled in: the six-property PATCH target (SIX_PAGE_ID). bench/patch_six.lua
//     writes Notes, Price, Category, Due, "In stock" and Link.
//
// Environment: BASE_URL (default http://127.0.0.1:8787), TOKEN (or
// NOTION_API_KEY / LOCALNOTION_TOKEN), NOTION_VERSION (default 2025-09-03).
// Node 20, no dependencies (global fetch). Exits non-zero, with the server's
// answer on stderr, when a required step fails.

'use strict';

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '');
const TOKEN = process.env.TOKEN || process.env.NOTION_API_KEY || process.env.LOCALNOTION_TOKEN;
const VERSION = process.env.NOTION_VERSION || '2025-09-03';
const TIMEOUT_MS = 10_000;

if (!TOKEN) {
  console.error('setup.js: set TOKEN (or NOTION_API_KEY) in the environment');
  process.exit(2);
}

class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} -> HTTP ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body) {
  const res = await fetch(BASE_URL + path, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      'Notion-Version': VERSION,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  if (!res.ok) throw new ApiError(method, path, res.status, json);
  return json;
}

const text = (content) => [{ type: 'text', text: { content } }];
const warn = (msg) => console.error(`setup.js: ${msg}`);

// POST /v1/databases in the 2025-09-03 shape (initial_data_source), or the
// 2022-06-28 one (properties) when NOTION_VERSION asks for it. Returns
// { database_id, data_source_id }; data_source_id is null before 2025-09-03.
async function createDatabase(parentPageId, title, properties) {
  const body = { parent: { type: 'page_id', page_id: parentPageId }, title: text(title) };
  if (VERSION >= '2025-09-03') body.initial_data_source = { properties };
  else body.properties = properties;
  const db = await api('POST', '/v1/databases', body);
  const dataSourceId = db.data_sources && db.data_sources[0] ? db.data_sources[0].id : null;
  if (VERSION >= '2025-09-03' && !dataSourceId) {
    throw new Error(`POST /v1/databases: no data_sources[0].id in ${JSON.stringify(db).slice(0, 500)}`);
  }
  return { database_id: db.id, data_source_id: dataSourceId };
}

function pageParent(db) {
  return db.data_source_id
    ? { type: 'data_source_id', data_source_id: db.data_source_id }
    : { type: 'database_id', database_id: db.database_id };
}

// The 15 properties of the Catalog database. Status is the one type whose
// creation Notion's API has refused at times; if the server refuses it, the
// database is created with "Created by" (created_by) instead, still 15.
function catalogSchema(withStatus) {
  const props = {
    Name: { title: {} },
    Notes: { rich_text: {} },
    Price: { number: { format: 'number' } },
    Category: {
      select: {
        options: [
          { name: 'A', color: 'blue' },
          { name: 'B', color: 'green' },
          { name: 'C', color: 'red' },
        ],
      },
    },
    Tags: {
      multi_select: {
        options: [
          { name: 'new', color: 'yellow' },
          { name: 'sale', color: 'orange' },
          { name: 'fragile', color: 'gray' },
        ],
      },
    },
    Due: { date: {} },
    'In stock': { checkbox: {} },
    Link: { url: {} },
    Contact: { email: {} },
    Phone: { phone_number: {} },
    Owner: { people: {} },
    Attachments: { files: {} },
    Created: { created_time: {} },
    Edited: { last_edited_time: {} },
  };
  if (withStatus) props.Stage = { status: {} };
  else props['Created by'] = { created_by: {} };
  return props;
}

async function main() {
  // Someone to put in the people property: the bot itself always exists.
  let ownerId = null;
  try {
    ownerId = (await api('GET', '/v1/users/me')).id;
  } catch (e) {
    warn(`GET /v1/users/me failed, the Owner property stays empty (${e.message})`);
  }

  const root = await api('POST', '/v1/pages', {
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: text('Bench') } },
  });

  // Seed case: Inventory with a checkbox.
  const inventory = await createDatabase(root.id, 'Inventory', {
    Name: { title: {} },
    'In stock': { checkbox: {} },
  });
  const seedPage = await api('POST', '/v1/pages', {
    parent: pageParent(inventory),
    properties: { Name: { title: text('Widget') }, 'In stock': { checkbox: false } },
  });
  // Many-pages case (bench/patch_many.lua): MANY_PAGES (default 64) more Inventory
  // pages, so that concurrent PATCHes touch different pages.
  const manyIds = [];
  for (let i = 0; i < Number(process.env.MANY_PAGES || 64); i++) {
    const page = await api('POST', '/v1/pages', {
      parent: pageParent(inventory),
      properties: { Name: { title: text(`Widget ${i}`) }, 'In stock': { checkbox: false } },
    });
    manyIds.push(page.id);
  }

  // Six-property case: Catalog with 15 properties.
  let catalog;
  let withStatus = true;
  try {
    catalog = await createDatabase(root.id, 'Catalog', catalogSchema(true));
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    warn(`a status property was refused (${e.message}); using created_by instead`);
    withStatus = false;
    catalog = await createDatabase(root.id, 'Catalog', catalogSchema(false));
  }

  const full = {
    Name: { title: text('Gadget') },
    Notes: { rich_text: text('initial note') },
    Price: { number: 12.5 },
    Category: { select: { name: 'A' } },
    Tags: { multi_select: [{ name: 'new' }, { name: 'fragile' }] },
    Due: { date: { start: '2025-01-01' } },
    'In stock': { checkbox: false },
    Link: { url: 'https://example.com/item/0' },
    Contact: { email: 'bench@example.com' },
    Phone: { phone_number: '+1 555 0100' },
    Attachments: { files: [{ name: 'spec.pdf', external: { url: 'https://example.com/spec.pdf' } }] },
  };
  if (ownerId) full.Owner = { people: [{ object: 'user', id: ownerId }] };
  if (withStatus) full.Stage = { status: { name: 'In progress' } };

  let sixPage;
  try {
    sixPage = await api('POST', '/v1/pages', { parent: pageParent(catalog), properties: full });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    // Keep the benchmark running on a server that refuses one of the extras;
    // the six properties the benchmark writes are the ones that matter.
    warn(`creating the filled-in Catalog page failed (${e.message}); creating it with fewer values`);
    const minimal = {};
    for (const k of ['Name', 'Notes', 'Price', 'Category', 'Due', 'In stock', 'Link']) minimal[k] = full[k];
    sixPage = await api('POST', '/v1/pages', { parent: pageParent(catalog), properties: minimal });
  }

  const out = {
    BENCH_ROOT_PAGE_ID: root.id,
    INVENTORY_DATABASE_ID: inventory.database_id,
    INVENTORY_DATA_SOURCE_ID: inventory.data_source_id || '',
    PAGE_ID: seedPage.id,
    CATALOG_DATABASE_ID: catalog.database_id,
    CATALOG_DATA_SOURCE_ID: catalog.data_source_id || '',
    SIX_PAGE_ID: sixPage.id,
    MANY_PAGE_IDS: manyIds.join(','),
  };
  for (const [k, v] of Object.entries(out)) {
    // ids are uuids; quote anyway so that odd values cannot break the eval.
    console.log(`export ${k}='${String(v).replace(/'/g, `'\\''`)}'`);
  }
}

main().catch((e) => {
  console.error(`setup.js: ${e.message}`);
  process.exit(1);
});
