'use strict';
// Test controls of docs/fixtures.md: seed and export (admin API, `serve --seed`,
// `localnotion export`), page history, and deterministic mode (`serve --deterministic`,
// the clock of the admin API). Both SDKs read what a fixture loaded.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const nodeFetch = require('node-fetch');
const { BIN, startServer } = require('../lib/server');
const { v5, v2, raw, validatingFetch, expectApiError } = require('../lib/clients');
const { text, createRootPage, createDatabase, createPageIn, relationTo } = require('../lib/fixtures');

const ADMIN = 'admin_fixtures_token_0123456789';
const GROCERY_FILE = path.resolve(__dirname, '../../../examples/grocery.json');
const GROCERY = JSON.parse(fs.readFileSync(GROCERY_FILE, 'utf8'));
const TOKEN = 'secret_grocery_list_token'; // the token of the example's integration
const KALE = '59833787-2cf9-4fdf-8782-e53db20768a5';
const APPLES = '2f1c0b7e-8a9d-4e3f-b2a1-c0d9e8f7a6b5';
const TOFU = '7c3e5a1b-4d2f-4a6e-8b9c-0d1e2f3a4b5c';
const DB = 'bc1211ca-e3f1-4939-ae34-5260b16f627c';
const DS = '248104cd-477e-80af-bc30-000bd28de8f9';
const AMAN = '6794760a-1f15-45cd-9c65-0dfe42f5135a';

const servers = [];
async function serve(opts) {
  const srv = await startServer({ token: TOKEN, ...opts, extraArgs: ['--admin-token', ADMIN, ...((opts && opts.extraArgs) || [])] });
  servers.push(srv);
  return srv;
}

async function admin(srv, method, route, body) {
  const res = await fetch(`${srv.baseUrl}/_localnotion/${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
  });
  return { status: res.status, body: await res.json() };
}

let srv; let n5; let n2; let exported;

before(async () => {
  srv = await serve();
  n5 = v5(srv);
  n2 = v2(srv);
  const seeded = await admin(srv, 'POST', 'seed', GROCERY);
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  assert.deepEqual(seeded.body, {
    status: 'seeded', counts: { users: 2, integrations: 1, databases: 1, data_sources: 1, pages: 4 },
  });
  exported = (await admin(srv, 'GET', 'export')).body;
});
after(async () => {
  for (const s of servers) { await s.stop().catch(() => {}); await s.dispose(); }
});

test('the grocery example reads back through both SDKs', async () => {
  const kale = await n5.pages.retrieve({ page_id: KALE });
  assert.deepEqual(kale.parent, { type: 'data_source_id', data_source_id: DS, database_id: DB });
  assert.equal(kale.created_time, '2025-01-03T10:00:00.000Z');
  assert.equal(kale.last_edited_time, '2025-01-04T11:30:00.000Z');
  assert.equal(kale.last_edited_by.id, '92a680bb-6970-4726-952b-4f4c03bff617');
  assert.deepEqual(kale.icon, { type: 'emoji', emoji: '🥬' });
  const p = kale.properties;
  assert.equal(p.Name.title[0].plain_text, 'Tuscan kale');
  assert.equal(p.Description.rich_text[0].plain_text, 'A dark green leafy vegetable');
  assert.equal(p['In stock'].checkbox, true);
  assert.deepEqual([p['Food group'].select.name, p['Food group'].select.color], ['🥦Vegetable', 'green']);
  assert.equal(p.Price.number, 2.5);
  assert.equal(p['Last ordered'].date.start, '2025-01-05');
  assert.deepEqual(p['Store availability'].multi_select.map((o) => o.name), ['Duc Loi Market', 'Rainbow Grocery']);
  assert.deepEqual(p['+1'].people.map((u) => [u.id, u.name]), [[AMAN, 'Aman Gupta']]);
  assert.deepEqual(p.Photo.files, [{ name: 'kale.jpg', type: 'external', external: { url: 'https://example.com/kale.jpg' } }]);

  const ds = await n5.dataSources.retrieve({ data_source_id: DS });
  assert.deepEqual(Object.keys(ds.properties).sort(), ['+1', 'Description', 'Food group', 'In stock', 'Last ordered',
    'Name', 'Photo', 'Price', 'Store availability'].sort());
  assert.equal(ds.properties.Price.number.format, 'dollar');

  const db = await n2.databases.retrieve({ database_id: DB });
  assert.equal(db.title[0].plain_text, 'Grocery List');
  assert.deepEqual(db.cover, { type: 'external', external: { url: 'https://website.domain/images/image.png' } });
  const rows = await n2.databases.query({ database_id: DB, sorts: [{ property: 'Price', direction: 'descending' }] });
  assert.deepEqual(rows.results.map((r) => r.id), [APPLES, KALE]); // Tofu is in the trash
  const tofu = await n2.pages.retrieve({ page_id: TOFU });
  assert.equal(tofu.archived, true);
  const me = await n5.users.me({});
  assert.equal(me.name, 'Grocery bot');
  assert.equal(me.bot.workspace_name, 'Groceries');
  const users = await n2.users.list({});
  assert.deepEqual(users.results.map((u) => u.name).sort(), ['Aman Gupta', 'Grocery bot', 'Jordan Lee']);
});

test('export keeps what the fixture gave, fills in the rest, and seeding an export gives it back', async () => {
  // The documented normalization of a hand-written fixture: `token` becomes
  // `token_sha256`, titles become rich text, ids and defaults are filled in.
  const inte = exported.integrations[0];
  assert.equal(inte.token_sha256, crypto.createHash('sha256').update(TOKEN).digest('hex'));
  assert.equal(inte.token, undefined);
  assert.deepEqual(exported.workspace, GROCERY.workspace);
  assert.deepEqual(exported.users.map((u) => u.id), GROCERY.users.map((u) => u.id));
  assert.deepEqual(exported.pages.map((pg) => pg.id), GROCERY.pages.map((pg) => pg.id));
  for (const [i, page] of GROCERY.pages.entries()) {
    const out = exported.pages[i];
    for (const key of ['icon', 'created_time', 'last_edited_time', 'last_edited_by', 'in_trash']) {
      if (page[key] !== undefined) assert.deepEqual(out[key], page[key], `pages[${i}].${key}`);
    }
    // Values are listed in schema order.
    assert.deepEqual(Object.keys(out.properties).sort(), Object.keys(page.properties).sort(), `pages[${i}].properties`);
  }
  assert.equal(exported.pages[2].parent.data_source_id, DS); // database_id parent resolved
  const schema = exported.data_sources[0].properties;
  assert.deepEqual(Object.keys(schema), Object.keys(GROCERY.data_sources[0].properties));
  assert.deepEqual(schema['Food group'].select.options.map((o) => [o.name, o.color]),
    [['🥦Vegetable', 'green'], ['🍎Fruit', 'red'], ['💪Protein', 'yellow']]);

  // An export is its own normal form: seed it, export again, byte for byte.
  const text1 = JSON.stringify(exported);
  assert.equal((await admin(srv, 'POST', 'seed', exported)).status, 200);
  const again = (await admin(srv, 'GET', 'export')).body;
  assert.equal(JSON.stringify(again), text1);
});

test('a bad fixture is a validation error naming the path, and loads nothing', async () => {
  const before = JSON.stringify((await admin(srv, 'GET', 'export')).body);
  const bad = JSON.parse(JSON.stringify(GROCERY));
  bad.pages[1].properties.Price = { number: 'ten' };
  const r1 = await admin(srv, 'POST', 'seed', bad);
  assert.equal(r1.status, 400);
  assert.equal(r1.body.code, 'validation_error');
  assert.equal(r1.body.message,
    'body failed validation: body.pages[1].properties.Price.number should be a number or `null`, instead was `"ten"`.');
  const bad2 = JSON.parse(JSON.stringify(GROCERY));
  bad2.data_sources[0].database_id = '00000000-0000-4000-8000-000000000000';
  const r2 = await admin(srv, 'POST', 'seed', bad2);
  assert.equal(r2.status, 400);
  assert.equal(r2.body.message, 'body failed validation: body.data_sources[0].database_id should be the id of one of '
    + 'body.databases, instead was `"00000000-0000-4000-8000-000000000000"`.');
  const r3 = await admin(srv, 'POST', 'seed', '{"pages": [');
  assert.deepEqual([r3.status, r3.body.code], [400, 'invalid_json']);
  assert.equal(JSON.stringify((await admin(srv, 'GET', 'export')).body), before);
  // The workspace still answers the fixture's token.
  assert.equal((await n5.pages.retrieve({ page_id: KALE })).id, KALE);
});

test('page history: one entry per request with before/after values and the request id; failures add none', async () => {
  await admin(srv, 'POST', 'seed', GROCERY);
  await n5.pages.update({ page_id: KALE, properties: { Price: { number: 3 }, 'In stock': { checkbox: false } } });
  await n2.pages.update({ page_id: KALE, properties: { 'Food group': { select: { name: '🍎Fruit' } } }, icon: { emoji: '🥗' } });
  const failed = await expectApiError(n5.pages.update({ page_id: KALE, properties: { Price: { number: 'x' } } }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.properties.Price.number should be a number or `null`, instead was `"x"`.',
  });
  const log = (await admin(srv, 'GET', `requests?path=/v1/pages/${KALE}`)).body.results;
  const patches = log.filter((e) => e.method === 'PATCH');
  assert.deepEqual(patches.map((e) => e.status), [200, 200, 400]);
  assert.equal(patches[2].request_id, failed.request_id);

  const history = await admin(srv, 'GET', `pages/${KALE}/history`);
  assert.equal(history.status, 200);
  assert.equal(history.body.has_more, false);
  const entries = history.body.results;
  assert.equal(entries.length, 2); // seeding writes no history; the failed PATCH none
  assert.deepEqual(entries.map((e) => e.request_id), [patches[0].request_id, patches[1].request_id]);
  assert.deepEqual(entries.map((e) => e.integration.name), ['Grocery bot', 'Grocery bot']);
  // Property ids are generated anew by each seed of a hand-written fixture: read the current ones.
  const seededIds = Object.fromEntries(Object.entries((await admin(srv, 'GET', 'export')).body.data_sources[0].properties)
    .map(([k, v]) => [k, v.id]));
  assert.deepEqual(entries[0].changes, [
    { property: 'In stock', property_id: seededIds['In stock'],
      before: { id: seededIds['In stock'], type: 'checkbox', checkbox: true },
      after: { id: seededIds['In stock'], type: 'checkbox', checkbox: false } },
    { property: 'Price', property_id: seededIds.Price,
      before: { id: seededIds.Price, type: 'number', number: 2.5 },
      after: { id: seededIds.Price, type: 'number', number: 3 } },
  ]);
  const [group, icon] = entries[1].changes;
  assert.deepEqual([group.property, group.before.select.name, group.after.select.name], ['Food group', '🥦Vegetable', '🍎Fruit']);
  assert.deepEqual(icon, { field: 'icon', before: { type: 'emoji', emoji: '🥬' }, after: { type: 'emoji', emoji: '🥗' } });
  assert.equal(entries[0].action, 'updated');
  assert.ok(entries[0].sequence < entries[1].sequence);

  // A page created through the API starts its history with the creation.
  const created = await n5.pages.create({ parent: { data_source_id: DS }, properties: { Name: { title: text('Leeks') } } });
  const first = (await admin(srv, 'GET', `pages/${created.id}/history`)).body.results;
  assert.deepEqual([first.length, first[0].action, first[0].changes[0].property, first[0].changes[0].before],
    [1, 'created', 'Name', null]);
  const missing = await admin(srv, 'GET', 'pages/00000000-0000-4000-8000-000000000000/history');
  assert.deepEqual([missing.status, missing.body.code], [404, 'object_not_found']);
  const badId = await admin(srv, 'GET', 'pages/nope/history');
  assert.deepEqual([badId.status, badId.body.message],
    [400, 'path failed validation: path.page_id should be a valid uuid, instead was `"nope"`.']);
});

test('page history: the other side of a two-way relation records the same request', async () => {
  const root = await createRootPage(n5, 'Relations');
  const projects = await createDatabase(n5, 'v5', root.id, 'Projects', { Name: { title: {} } });
  const tasks = await createDatabase(n5, 'v5', root.id, 'Tasks', {
    Name: { title: {} }, Project: relationTo('v5', projects, true),
  });
  const project = await createPageIn(n5, 'v5', projects, { Name: { title: text('Launch') } });
  const task = await createPageIn(n5, 'v5', tasks, { Name: { title: text('Write docs') } });
  await n2.pages.update({ page_id: task.id, properties: { Project: { relation: [{ id: project.id }] } } });
  const patch = (await admin(srv, 'GET', `requests?path=/v1/pages/${task.id}`)).body.results.at(-1);
  const entries = (await admin(srv, 'GET', `pages/${project.id}/history`)).body.results;
  assert.deepEqual(entries.map((e) => e.action), ['created', 'updated']);
  const last = entries[1];
  assert.equal(last.request_id, patch.request_id);
  assert.equal(last.changes.length, 1);
  assert.equal(last.changes[0].property, 'Related to Tasks (Project)');
  assert.deepEqual(last.changes[0].before.relation, []);
  assert.deepEqual(last.changes[0].after.relation, [{ id: task.id }]);
  const own = (await admin(srv, 'GET', `pages/${task.id}/history`)).body.results.at(-1);
  assert.equal(own.request_id, patch.request_id);
  assert.deepEqual(own.changes.map((c) => c.property), ['Project']);
});

test('serve --seed replaces the workspace at every start; localnotion export writes the same document', async () => {
  const s = await serve({ extraArgs: ['--seed', GROCERY_FILE, '--deterministic', '5'] });
  const c = v5(s);
  assert.equal((await c.pages.retrieve({ page_id: KALE })).properties.Price.number, 2.5);
  const extra = await c.pages.create({ parent: { data_source_id: DS }, properties: { Name: { title: text('Extra') } } });
  const live = (await admin(s, 'GET', 'export')).body;
  assert.equal(live.pages.length, 5);
  await s.restart();
  const restarted = (await admin(s, 'GET', 'export')).body;
  assert.equal(restarted.pages.length, 4);
  assert.ok(!restarted.pages.some((pg) => pg.id === extra.id));
  await s.stop();

  const out = path.join(s.dbDir, 'export.json');
  const cli = spawnSync(BIN, ['export', '--db', s.dbUrl, '--out', out], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const fromFile = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(fromFile, restarted);
  const toStdout = spawnSync(BIN, ['export', '--db', s.dbUrl], { encoding: 'utf8' });
  assert.equal(toStdout.status, 0, toStdout.stderr);
  assert.deepEqual(JSON.parse(toStdout.stdout), restarted);
  const none = spawnSync(BIN, ['export', '--db', `sqlite:${path.join(s.dbDir, 'missing.db')}`], { encoding: 'utf8' });
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no store at sqlite:.*missing\.db/);

  // A bad --seed file stops the server before it listens.
  const badFile = path.join(s.dbDir, 'bad.json');
  fs.writeFileSync(badFile, JSON.stringify({ pages: [{ id: 'x', parent: { workspace: true } }] }));
  const bad = spawnSync(BIN, ['serve', '--port', '0', '--db', `sqlite:${path.join(s.dbDir, 'b.db')}`, '--seed', badFile],
    { encoding: 'utf8', timeout: 20000 });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /cannot seed .*bad\.json: body failed validation: body\.pages\[0\]\.id should be a valid uuid/);
});

// Every response of one SDK scenario, body and request id, in order.
async function scenario(s) {
  const seen = [];
  const recording = (underlying) => async (url, init) => {
    const res = await underlying(url, init);
    const body = await res.text();
    seen.push(`${init.method} ${new URL(url).pathname} ${res.status} ${res.headers.get('x-notion-request-id')} ${body}`);
    return { ok: res.ok, status: res.status, headers: res.headers, text: async () => body };
  };
  const c5 = v5(s, { fetch: validatingFetch(recording(globalThis.fetch.bind(globalThis))) });
  const c2 = v2(s, { fetch: validatingFetch(recording(nodeFetch)) });
  const root = await createRootPage(c5, 'Deterministic');
  const db = await createDatabase(c5, 'v5', root.id, 'Tasks', {
    Name: { title: {} }, Tag: { select: { options: [{ name: 'a' }] } }, Done: { checkbox: {} }, N: { number: {} },
  });
  const p1 = await createPageIn(c5, 'v5', db, { Name: { title: text('one') }, Tag: { select: { name: 'new' } }, N: { number: 1 } });
  await createPageIn(c2, 'v2', db, { Name: { title: text('two') }, N: { number: 2 } });
  await c2.pages.update({ page_id: p1.id, properties: { Done: { checkbox: true } } });
  await c5.dataSources.query({ data_source_id: db.dataSourceId, sorts: [{ property: 'N', direction: 'ascending' }] });
  await c2.databases.retrieve({ database_id: db.databaseId });
  await c5.search({ query: 'one' });
  await c2.users.list({});
  await expectApiError(c5.pages.update({ page_id: p1.id, properties: { N: { number: 'x' } } }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.properties.N.number should be a number or `null`, instead was `"x"`.',
  });
  return seen;
}

test('deterministic mode: two fresh servers with the same seed answer byte for byte the same', async () => {
  const a = await serve({ extraArgs: ['--deterministic', '1234'] });
  const b = await serve({ extraArgs: ['--deterministic', '1234'] });
  const ra = await scenario(a);
  const rb = await scenario(b);
  assert.equal(ra.length, 10);
  assert.deepEqual(rb, ra);
  assert.match(ra[0], /"created_time":"2025-01-01T00:00:00.000Z"/);
  const c = await serve({ extraArgs: ['--deterministic', '99'] });
  const rc = await scenario(c);
  assert.notDeepEqual(rc, ra); // another seed, other ids
});

test('the clock: set and advance through the admin API, seen in created_time and last_edited_time', async () => {
  const s = await serve({ extraArgs: ['--deterministic', '7'] });
  const c = v5(s);
  assert.deepEqual((await admin(s, 'GET', 'clock')).body,
    { object: 'clock', now: '2025-01-01T00:00:00.000Z', deterministic: true });
  const page = await createRootPage(c, 'Clocked');
  assert.equal(page.created_time, '2025-01-01T00:00:00.000Z');
  const moved = await admin(s, 'POST', 'clock', { advance_ms: 90000 });
  assert.deepEqual(moved.body, { object: 'clock', now: '2025-01-01T00:01:30.000Z', deterministic: true });
  let updated = await c.pages.update({ page_id: page.id, icon: { emoji: '⏰' } });
  assert.equal(updated.last_edited_time, '2025-01-01T00:01:00.000Z'); // shown to the minute, as Notion does
  assert.equal((await admin(s, 'POST', 'clock', { now: '2025-06-01T12:34:56.789Z' })).body.now, '2025-06-01T12:34:56.789Z');
  updated = await c.pages.update({ page_id: page.id, icon: { emoji: '🕰️' } });
  assert.deepEqual([updated.created_time, updated.last_edited_time], ['2025-01-01T00:00:00.000Z', '2025-06-01T12:34:00.000Z']);
  const history = (await admin(s, 'GET', `pages/${page.id}/history`)).body.results;
  assert.deepEqual(history.map((e) => e.time),
    ['2025-01-01T00:00:00.000Z', '2025-01-01T00:01:30.000Z', '2025-06-01T12:34:56.789Z']);

  const both = await admin(s, 'POST', 'clock', {});
  assert.deepEqual([both.status, both.body.message], [400,
    'body failed validation. Fix one:\nbody.now should be defined, instead was `undefined`.\n'
    + 'body.advance_ms should be defined, instead was `undefined`.']);
  const badNow = await admin(s, 'POST', 'clock', { now: 'tomorrow' });
  assert.equal(badNow.body.message, 'body failed validation: body.now should be an ISO 8601 UTC date-time such as '
    + '`"2025-01-01T00:00:00.000Z"`, instead was `"tomorrow"`.');
  const back = await admin(s, 'POST', 'clock', { advance_ms: -1 });
  assert.equal(back.body.message, 'body failed validation: body.advance_ms should be ≥ `0`, instead was `-1`.');
  // Without --deterministic the clock is the wall clock and cannot be set.
  const wall = await admin(srv, 'GET', 'clock');
  assert.equal(wall.body.deterministic, false);
  const refused = await admin(srv, 'POST', 'clock', { advance_ms: 1 });
  assert.deepEqual([refused.status, refused.body.code, refused.body.message], [400, 'validation_error',
    'The clock can only be set in deterministic mode (localnotion serve --deterministic SEED).']);
});

test('serve --no-page-history records nothing, and the history answers an empty list', async () => {
  const quiet = await startServer({ extraArgs: ['--admin-token', ADMIN, '--no-page-history'] });
  try {
    const client = v5(quiet);
    const page = await createRootPage(client, 'Unrecorded');
    await client.pages.update({ page_id: page.id, properties: { title: { title: text('Renamed') } } });
    const history = await admin(quiet, 'GET', `pages/${page.id}/history`);
    assert.equal(history.status, 200);
    assert.deepEqual(history.body, { object: 'list', results: [], next_cursor: null, has_more: false });
  } finally {
    await quiet.stop().catch(() => {});
    await quiet.dispose();
  }
});
