'use strict';
// Many workspaces in one server (docs/workspaces.md): workspaces made through the admin
// API, driven at the same time with the official SDK, see nothing of each other; each
// has its own token, admin token, reset, seed, export, request log and faults; a
// workspace's admin token acts on its own workspace only; deleting one ends its tokens;
// a restart keeps them all.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, usePostgres } = require('../lib/server');
const { ensurePostgres } = require('../lib/postgres');
const { v5, adminCall, expectApiError, notFound } = require('../lib/clients');
const { UUID_RE } = require('../lib/schema');
const { text, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');

const ADMIN = 'admin_e2e_workspaces_0123456789';
const N = 4;
const GROCERY = path.resolve(__dirname, '../../../examples/grocery.json');

let srv;
let defaultClient;
const ws = []; // { id, name, token, admin, client, root, db, pages }

const FOREIGN = {
  status: 403,
  code: 'restricted_resource',
  message: 'This workspace admin token may only act on its own workspace.',
};
const admin = (method, route, body, token = ADMIN) => adminCall(srv, token, method, route, body);
const wsAdmin = (w, method, route, body, token = w.admin) => admin(method, `workspaces/${w.id}/${route}`, body, token);

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  defaultClient = v5(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('creating workspaces answers their id, first token and own admin token; list shows them', async () => {
  const created = await Promise.all(Array.from({ length: N }, (_, i) => admin('POST', 'workspaces', { name: `Worker ${i}` })));
  for (const [i, res] of created.entries()) {
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const b = res.body;
    assert.equal(b.object, 'workspace');
    assert.match(b.id, UUID_RE);
    assert.equal(b.name, `Worker ${i}`);
    assert.equal(b.default, false);
    assert.match(b.token, /^\S{20,}$/);
    assert.match(b.admin_token, /^admin_\S+$/);
    assert.match(b.integration.id, UUID_RE);
    ws.push({ id: b.id, name: b.name, token: b.token, admin: b.admin_token, client: v5(srv, { auth: b.token }) });
  }
  assert.equal(new Set(ws.map((w) => w.token)).size, N);
  const list = await admin('GET', 'workspaces');
  assert.equal(list.status, 200);
  // The default workspace first, then in creation order (the four were made at once, so
  // in whatever order the server took them).
  assert.deepEqual(list.body.results[0].name, 'localnotion');
  assert.deepEqual(list.body.results.map((w) => w.default), [true, false, false, false, false]);
  assert.deepEqual(list.body.results.slice(1).map((w) => w.name).sort(), ws.map((w) => w.name).sort());
  // On SQLite each workspace is a file of its own beside the main store (on PostgreSQL a
  // schema, whose name storage/workspace_stores_test.cc checks).
  if (!usePostgres()) {
    for (const w of ws) assert.ok(fs.existsSync(`${srv.dbPath}.workspaces/${w.id}.db`), w.id);
  }

  assert.deepEqual((await admin('POST', 'workspaces', {})).body.message, 'body failed validation: body.name should be defined, instead was `undefined`.');
  const empty = await admin('POST', 'workspaces', { name: '' });
  assert.deepEqual([empty.status, empty.body.code], [400, 'validation_error']);
});

test('users/me shows each bot its own workspace_name and workspace_id', async () => {
  const mes = await Promise.all(ws.map((w) => w.client.users.me({})));
  for (const [i, me] of mes.entries()) {
    assert.equal(me.type, 'bot');
    assert.equal(me.bot.workspace_name, ws[i].name);
    assert.equal(me.bot.workspace_id, ws[i].id);
  }
  const own = await defaultClient.users.me({});
  assert.equal(own.bot.workspace_name, 'localnotion');
  assert.ok(!ws.some((w) => w.id === own.bot.workspace_id));
});

test('workspaces driven concurrently with the SDK keep their own pages, databases and users', async () => {
  await Promise.all(ws.map(async (w, i) => {
    w.root = await createRootPage(w.client, `Root ${i}`);
    w.db = await createDatabase(w.client, 'v5', w.root.id, `Tasks ${i}`, { Name: { title: {} }, Done: { checkbox: {} } });
    w.pages = [];
    for (let k = 0; k < 4; k += 1) {
      w.pages.push(await createPageIn(w.client, 'v5', w.db, { Name: { title: text(`Task ${i}.${k}`) }, Done: { checkbox: k % 2 === 0 } }));
    }
    await w.client.blocks.children.append({ block_id: w.root.id, children: [{ paragraph: { rich_text: text(`Note ${i}`) } }] });
  }));
  await Promise.all(ws.map(async (w, i) => {
    const found = await w.client.search({ query: 'Task', filter: { property: 'object', value: 'page' } });
    assert.deepEqual(found.results.map((p) => p.properties.Name.title[0].plain_text).sort(),
      [0, 1, 2, 3].map((k) => `Task ${i}.${k}`));
    const all = await w.client.search({});
    assert.equal(all.results.length, 1 + 1 + 4); // root page, database, its pages
    const done = await w.client.dataSources.query({ data_source_id: w.db.dataSourceId, filter: { property: 'Done', checkbox: { equals: true } } });
    assert.deepEqual(done.results.map((p) => p.id).sort(), [w.pages[0].id, w.pages[2].id].sort());
    const users = await w.client.users.list({});
    const me = await w.client.users.me({});
    assert.ok(users.results.some((u) => u.id === me.id));
    for (const other of ws.filter((x) => x !== w)) {
      const theirs = await other.client.users.me({});
      assert.ok(!users.results.some((u) => u.id === theirs.id), 'a bot of another workspace is listed');
    }
  }));
  const mine = await defaultClient.search({});
  assert.equal(mine.results.length, 0);
});

test('ids of another workspace are not found, with Notion\'s exact 404', async () => {
  const [a, b] = ws;
  await expectApiError(a.client.pages.retrieve({ page_id: b.pages[0].id }), notFound('page', b.pages[0].id));
  await expectApiError(a.client.pages.update({ page_id: b.pages[1].id, properties: { Done: { checkbox: true } } }),
    notFound('page', b.pages[1].id));
  await expectApiError(a.client.databases.retrieve({ database_id: b.db.databaseId }), notFound('database', b.db.databaseId));
  await expectApiError(a.client.dataSources.query({ data_source_id: b.db.dataSourceId }),
    notFound('data source', b.db.dataSourceId));
  await expectApiError(a.client.blocks.children.list({ block_id: b.root.id }), notFound('block', b.root.id));
  await expectApiError(defaultClient.pages.retrieve({ page_id: a.root.id }), notFound('page', a.root.id));
  const bMe = await b.client.users.me({});
  await expectApiError(a.client.users.retrieve({ user_id: bMe.id }), notFound('user', bMe.id));
  // b's page is untouched.
  assert.equal((await b.client.pages.retrieve({ page_id: b.pages[1].id })).properties.Done.checkbox, false);
});

test('a workspace admin token acts on its own workspace only', async () => {
  const [a, b] = ws;
  assert.deepEqual((await wsAdmin(a, 'GET', 'health')).body, { status: 'ok' });
  for (const call of [
    () => wsAdmin(b, 'POST', 'reset', {}, a.admin),
    () => wsAdmin(b, 'GET', 'export', undefined, a.admin),
    () => admin('POST', 'reset', {}, a.admin),
    () => admin('GET', 'requests', undefined, a.admin),
    () => admin('GET', 'workspaces', undefined, a.admin),
    () => admin('POST', 'workspaces', { name: 'x' }, a.admin),
    () => admin('DELETE', `workspaces/${b.id}`, undefined, a.admin),
  ]) {
    const res = await call();
    assert.deepEqual([res.status, res.body.code, res.body.message], [FOREIGN.status, FOREIGN.code, FOREIGN.message]);
  }
  assert.deepEqual((await admin('GET', `workspaces/${a.id}`, undefined, a.admin)).body.name, a.name);
  const bad = await wsAdmin(a, 'GET', 'health', undefined, 'admin_not_a_token');
  assert.deepEqual([bad.status, bad.body.code, bad.body.message], [401, 'unauthorized', 'API token is invalid.']);
  // An integration token is no admin token, in any workspace.
  const tok = await wsAdmin(a, 'GET', 'health', undefined, a.token);
  assert.deepEqual([tok.status, tok.body.code], [401, 'unauthorized']);
  // The global admin token may name any workspace; an unknown one is not found.
  assert.equal((await wsAdmin(b, 'GET', 'health', undefined, ADMIN)).status, 200);
  const ghost = await admin('GET', 'workspaces/0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b/health');
  assert.deepEqual([ghost.status, ghost.body.code, ghost.body.message],
    [404, 'object_not_found', 'Could not find workspace with ID: 0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b.']);
  // The clock is the process's: not set through a workspace.
  const clock = await wsAdmin(a, 'POST', 'clock', { advance_ms: 1 }, ADMIN);
  assert.deepEqual([clock.status, clock.body.code], [400, 'invalid_request_url']);
});

test('GET /_localnotion/token says which workspace an admin token acts on', async () => {
  const [a] = ws;
  const own = await admin('GET', 'token', undefined, a.admin);
  assert.equal(own.status, 200);
  assert.deepEqual(own.body, { object: 'admin_token', scope: 'workspace', workspace: (await admin('GET', `workspaces/${a.id}`)).body });
  assert.equal(own.body.workspace.id, a.id);
  const server = await admin('GET', 'token');
  assert.deepEqual([server.status, server.body.object, server.body.scope, server.body.workspace.default],
    [200, 'admin_token', 'server', true]);
  // It names no workspace: no prefixed form, and no integration token.
  const prefixed = await wsAdmin(a, 'GET', 'token');
  assert.deepEqual([prefixed.status, prefixed.body.code], [400, 'invalid_request_url']);
  const tok = await admin('GET', 'token', undefined, a.token);
  assert.deepEqual([tok.status, tok.body.code, tok.body.message], [401, 'unauthorized', 'API token is invalid.']);
});

test('request log and faults are per workspace', async () => {
  const [a, b] = ws;
  await wsAdmin(a, 'DELETE', 'requests');
  await wsAdmin(b, 'DELETE', 'requests');
  await admin('DELETE', 'requests');
  await a.client.users.me({});
  await a.client.pages.retrieve({ page_id: a.root.id });
  await b.client.users.me({});
  const logA = (await wsAdmin(a, 'GET', 'requests')).body.results;
  assert.deepEqual(logA.map((e) => [e.method, e.path, e.status]),
    [['GET', '/v1/users/me', 200], ['GET', `/v1/pages/${a.root.id}`, 200]]);
  assert.deepEqual((await wsAdmin(b, 'GET', 'requests')).body.results.map((e) => e.path), ['/v1/users/me']);
  assert.deepEqual((await admin('GET', 'requests')).body.results, []);

  const fault = await wsAdmin(a, 'POST', 'faults', { method: 'GET', path: '/v1/users/me', status: 503, code: 'service_unavailable', message: 'down for a', count: 1 });
  assert.equal(fault.status, 200, JSON.stringify(fault.body));
  await b.client.users.me({}); // b is not affected
  await expectApiError(a.client.users.me({}), { status: 503, code: 'service_unavailable', message: 'down for a' });
  await a.client.users.me({}); // count used up
});

test('integrations of a workspace: a new token works there only, and stops when deleted', async () => {
  const [a] = ws;
  const made = await wsAdmin(a, 'POST', 'integrations', { name: 'Second bot', capabilities: 'read' });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const second = v5(srv, { auth: made.body.token });
  const me = await second.users.me({});
  assert.deepEqual([me.name, me.bot.workspace_id, me.bot.workspace_name], ['Second bot', a.id, a.name]);
  // Nothing is shared with it yet: a's root is not found for it.
  await expectApiError(second.pages.retrieve({ page_id: a.root.id }), notFound('page', a.root.id));
  const listed = (await wsAdmin(a, 'GET', 'integrations')).body.results.map((i) => i.name);
  assert.deepEqual(listed.sort(), ['Second bot', 'localnotion']);
  assert.equal((await admin('GET', 'integrations')).body.results.some((i) => i.name === 'Second bot'), false);
  assert.equal((await wsAdmin(a, 'DELETE', 'integrations/Second bot')).status, 200);
  await expectApiError(second.users.me({}), { status: 401, code: 'unauthorized', message: 'API token is invalid.' });
});

test('reset and seed one workspace without touching another; export names the workspace', async () => {
  const [a, b, c] = ws;
  const reset = await wsAdmin(a, 'POST', 'reset', { keep_integrations: false });
  assert.deepEqual(reset.body, { status: 'reset', kept_integrations: false });
  assert.equal((await a.client.search({})).results.length, 0);
  const me = await a.client.users.me({}); // its first token survives the reset
  assert.equal(me.bot.workspace_id, a.id);
  assert.equal((await b.client.search({})).results.length, 6);

  const grocery = JSON.parse(fs.readFileSync(GROCERY, 'utf8'));
  const seeded = await wsAdmin(b, 'POST', 'seed', { ...grocery, integrations: [] });
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  assert.equal(seeded.body.status, 'seeded');
  const bMe = await b.client.users.me({});
  assert.deepEqual([bMe.bot.workspace_id, bMe.bot.workspace_name], [b.id, b.name]);
  const exported = (await wsAdmin(b, 'GET', 'export')).body;
  assert.deepEqual([exported.workspace.id, exported.workspace.name], [b.id, b.name]);
  assert.equal(exported.pages.length, grocery.pages.length);
  await expectApiError(b.client.pages.retrieve({ page_id: b.root.id }), notFound('page', b.root.id));
  assert.equal((await c.client.search({ query: 'Task', filter: { property: 'object', value: 'page' } })).results.length, 4);

  // A token belongs to one workspace: grocery's own token may be seeded into one only.
  const first = await wsAdmin(c, 'POST', 'seed', grocery);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const groceryBot = v5(srv, { auth: 'secret_grocery_list_token' });
  assert.equal((await groceryBot.users.me({})).bot.workspace_id, c.id);
  const second = await wsAdmin(b, 'POST', 'seed', grocery);
  assert.deepEqual([second.status, second.body.code, second.body.message], [400, 'validation_error',
    'body failed validation: a token of body.integrations is the token of an integration of another workspace; a token belongs to one workspace.']);
  const again = await admin('POST', 'seed', grocery);
  assert.equal(again.status, 400);
  assert.equal((await groceryBot.users.me({})).bot.workspace_id, c.id);
  assert.equal((await b.client.users.me({})).bot.workspace_id, b.id); // b kept its seed
});

test('deleting a workspace ends its tokens and removes its file or schema; the default cannot be deleted', async () => {
  const d = ws[3];
  // On PostgreSQL a workspace is the schema ws_<id without dashes> of the store's database.
  const pg = usePostgres() ? await ensurePostgres() : null;
  const schemas = () => pg.psql(`SELECT count(*) FROM pg_namespace WHERE nspname = 'ws_${d.id.replace(/-/g, '')}'`).trim();
  if (pg) assert.equal(schemas(), '1');
  const gone = await admin('DELETE', `workspaces/${d.id}`, undefined, d.admin);
  assert.deepEqual(gone.body, { object: 'workspace', id: d.id, deleted: true });
  await expectApiError(d.client.users.me({}), { status: 401, code: 'unauthorized', message: 'API token is invalid.' });
  const after = await admin('GET', `workspaces/${d.id}`);
  assert.deepEqual([after.status, after.body.message], [404, `Could not find workspace with ID: ${d.id}.`]);
  const byOwn = await wsAdmin(d, 'GET', 'health');
  assert.equal(byOwn.status, 401);
  assert.ok(!fs.existsSync(`${srv.dbPath}.workspaces/${d.id}.db`));
  if (pg) assert.equal(schemas(), '0');
  assert.equal((await admin('GET', 'workspaces')).body.results.length, N);
  const defaultId = (await defaultClient.users.me({})).bot.workspace_id;
  const refused = await admin('DELETE', `workspaces/${defaultId}`);
  assert.deepEqual([refused.status, refused.body.code, refused.body.message],
    [400, 'validation_error', 'The default workspace cannot be deleted.']);
  ws.pop();
});

test('a restart keeps every workspace, its tokens and its admin token', async () => {
  await srv.restart();
  const [a, b, c] = ws;
  for (const w of ws) {
    const me = await v5(srv, { auth: w.token }).users.me({});
    assert.deepEqual([me.bot.workspace_id, me.bot.workspace_name], [w.id, w.name]);
    assert.equal((await wsAdmin(w, 'GET', 'health')).status, 200);
  }
  assert.equal((await v5(srv, { auth: c.token }).search({ query: 'Task' })).results.length, 0); // c was seeded
  assert.equal((await v5(srv, { auth: 'secret_grocery_list_token' }).users.me({})).bot.workspace_id, c.id);
  assert.equal((await v5(srv, { auth: a.token }).search({})).results.length, 0);
  assert.ok((await v5(srv, { auth: b.token }).search({})).results.length > 0);
  const listed = (await admin('GET', 'workspaces')).body.results.map((w) => w.name);
  assert.equal(listed[0], 'localnotion');
  assert.deepEqual(listed.slice(1).sort(), ws.map((w) => w.name).sort());
});
