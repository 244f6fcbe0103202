'use strict';
// Integrations, capabilities and sharing with both SDKs: each missing capability answers
// 403 restricted_resource; an unshared page is 404 exactly like a missing one; sharing a
// page shows its child pages, databases and rows; search and query see only what is
// shared; relations and rollups leave out what is not; users without email show
// `person: {}`; without read content, writes answer {object, id}; the CLI and the admin
// API manage integrations and shares; a deleted integration's token is 401.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const { startServer, LocalNotionServer, BIN } = require('../lib/server');
const { v5, v2, raw, expectApiError, adminCall, notFound } = require('../lib/clients');
const {
  text, createRootPage, createDatabase, createPageIn, relationTo,
} = require('../lib/fixtures');

const ADMIN = 'admin_e2e_perms_0123456789';
const RESTRICTED = { status: 403, code: 'restricted_resource', message: 'Insufficient permissions for this endpoint.' };
const MISSING_ID = '0c1f7f7e-8f0b-4a53-9e0c-5b2b7c3d9a11';

let srv; let owner5; let owner2;
let shared; let child; let grandchild; let tasks; let privateRoot; let secretDb; let secretPage; let openPage;
let task; let ownerUser;

// The admin API with this file's admin token (lib/clients.js adminCall).
const admin = (method, path, body) => adminCall(srv, ADMIN, method, path, body);

// A new integration through the admin API; returns its clients.
async function integration(name, capabilities, shares = []) {
  const created = await admin('POST', 'integrations', { name, capabilities });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  for (const objectId of shares) {
    const r = await admin('POST', `integrations/${created.body.id}/shares`, { object_id: objectId });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const as = { token: created.body.token, baseUrl: srv.baseUrl, port: srv.port };
  return { id: created.body.id, token: created.body.token, as, n5: v5(as), n2: v2(as) };
}

function run(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, { timeout: 10000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  owner5 = v5(srv);
  owner2 = v2(srv);
  ownerUser = (await owner5.users.list({})).results.find((u) => u.type === 'person');
  // Shared root -> child -> grandchild; Tasks database under the shared root.
  // Private root -> Secret database with one page; Open page at the workspace level.
  shared = await createRootPage(owner5, 'Shared root');
  child = await owner5.pages.create({ parent: { page_id: shared.id }, properties: { title: { title: text('Child') } } });
  grandchild = await owner5.pages.create({ parent: { page_id: child.id }, properties: { title: { title: text('Grandchild') } } });
  privateRoot = await createRootPage(owner5, 'Private root');
  openPage = await createRootPage(owner5, 'Open page');
  secretDb = await createDatabase(owner5, 'v5', privateRoot.id, 'Secret', { Name: { title: {} }, Score: { number: {} } });
  secretPage = await createPageIn(owner5, 'v5', secretDb, { Name: { title: text('Hidden') }, Score: { number: 7 } });
  tasks = await createDatabase(owner5, 'v5', shared.id, 'Tasks', {
    Name: { title: {} }, Owner: { people: {} }, Secret: relationTo('v5', secretDb),
  });
  await owner5.dataSources.update({
    data_source_id: tasks.dataSourceId,
    properties: {
      Visible: relationTo('v5', tasks),
      'Secret score': { rollup: { relation_property_name: 'Secret', rollup_property_name: 'Score', function: 'sum' } },
    },
  });
  const other = await createPageIn(owner5, 'v5', tasks, { Name: { title: text('Other task') } });
  task = await createPageIn(owner5, 'v5', tasks, {
    Name: { title: text('Task') },
    Owner: { people: [{ id: ownerUser.id }] },
    Secret: { relation: [{ id: secretPage.id }] },
    Visible: { relation: [{ id: other.id }] },
  });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('each content capability missing gives 403 restricted_resource, in both SDKs', async () => {
  const none = await integration('No content', 'users', [shared.id]);
  for (const [name, call] of [
    ['pages.retrieve', (c) => c.pages.retrieve({ page_id: child.id })],
    ['pages.create', (c) => c.pages.create({ parent: { page_id: shared.id }, properties: { title: { title: text('x') } } })],
    ['pages.update', (c) => c.pages.update({ page_id: child.id, properties: {} })],
    ['pages.properties.retrieve', (c) => c.pages.properties.retrieve({ page_id: child.id, property_id: 'title' })],
    ['databases.retrieve', (c) => c.databases.retrieve({ database_id: tasks.databaseId })],
    ['databases.update', (c) => c.databases.update({ database_id: tasks.databaseId, title: text('T') })],
    ['search', (c) => c.search({})],
  ]) {
    await expectApiError(call(none.n5), RESTRICTED).catch((e) => { e.message = `${name} v5: ${e.message}`; throw e; });
    await expectApiError(call(none.n2), RESTRICTED).catch((e) => { e.message = `${name} v2: ${e.message}`; throw e; });
  }
  await expectApiError(none.n5.dataSources.retrieve({ data_source_id: tasks.dataSourceId }), RESTRICTED);
  await expectApiError(none.n5.dataSources.query({ data_source_id: tasks.dataSourceId }), RESTRICTED);
  await expectApiError(none.n2.databases.query({ database_id: tasks.databaseId }), RESTRICTED);
  await expectApiError(none.n5.databases.create({
    parent: { page_id: shared.id }, title: text('D'), initial_data_source: { properties: { Name: { title: {} } } },
  }), RESTRICTED);
  // The capability is checked before the path: a bad id still gives 403.
  await expectApiError(none.n5.pages.retrieve({ page_id: 'not-a-uuid' }), RESTRICTED);
  // users.me needs no capability.
  const me = await none.n5.users.me({});
  assert.equal(me.name, 'No content');

  const readOnly = await integration('Read only', 'read', [shared.id]);
  await expectApiError(readOnly.n5.pages.update({ page_id: child.id, properties: {} }), RESTRICTED);
  await expectApiError(readOnly.n2.pages.create({ parent: { page_id: shared.id }, properties: { title: { title: text('x') } } }),
    RESTRICTED);
  assert.equal((await readOnly.n2.pages.retrieve({ page_id: child.id })).id, child.id);
});

test('without user information /v1/users is 403 and users in pages are {object, id}', async () => {
  const noUsers = await integration('No users', 'read', [shared.id]);
  await expectApiError(noUsers.n5.users.list({}), RESTRICTED);
  await expectApiError(noUsers.n2.users.list({}), RESTRICTED);
  await expectApiError(noUsers.n5.users.retrieve({ user_id: ownerUser.id }), RESTRICTED);
  const page = await noUsers.n5.pages.retrieve({ page_id: task.id });
  assert.deepEqual(page.properties.Owner.people, [{ object: 'user', id: ownerUser.id }]);
  const full = await owner5.pages.retrieve({ page_id: task.id });
  assert.equal(full.properties.Owner.people[0].name, ownerUser.name);
});

test('without email access persons come back with person: {}', async () => {
  const noEmail = await integration('No email', 'read,users', [shared.id]);
  for (const c of [noEmail.n5, noEmail.n2]) {
    const persons = (await c.users.list({})).results.filter((u) => u.type === 'person');
    assert.ok(persons.length >= 1);
    for (const p of persons) assert.deepEqual(p.person, {});
    assert.deepEqual((await c.users.retrieve({ user_id: ownerUser.id })).person, {});
    const page = await c.pages.retrieve({ page_id: task.id });
    assert.deepEqual(page.properties.Owner.people[0].person, {});
    assert.equal(page.properties.Owner.people[0].name, ownerUser.name);
  }
  assert.equal((await owner5.users.retrieve({ user_id: ownerUser.id })).person.email, ownerUser.person.email);
  assert.ok(ownerUser.person.email);
});

test('an unshared page is 404 with the same body as a page that does not exist', async () => {
  const reader = await integration('Reader', 'read,update,insert,users', [shared.id]);
  for (const c of [reader.n5, reader.n2]) {
    const hidden = await expectApiError(c.pages.retrieve({ page_id: privateRoot.id }), notFound('page', privateRoot.id));
    const missing = await expectApiError(c.pages.retrieve({ page_id: MISSING_ID }), notFound('page', MISSING_ID));
    const strip = (b) => ({ ...b, message: b.message.replace(/ID: [0-9a-f-]+\./, 'ID: X.'), request_id: null });
    assert.deepEqual(strip(hidden), strip(missing));
    await expectApiError(c.pages.update({ page_id: secretPage.id, properties: {} }), notFound('page', secretPage.id));
    await expectApiError(c.pages.create({ parent: { page_id: privateRoot.id }, properties: { title: { title: text('x') } } }),
      notFound('page', privateRoot.id));
    await expectApiError(c.databases.retrieve({ database_id: secretDb.databaseId }), notFound('database', secretDb.databaseId));
  }
  await expectApiError(reader.n5.dataSources.retrieve({ data_source_id: secretDb.dataSourceId }),
    notFound('data source', secretDb.dataSourceId));
  await expectApiError(reader.n5.dataSources.query({ data_source_id: secretDb.dataSourceId }),
    notFound('data source', secretDb.dataSourceId));
  await expectApiError(reader.n2.databases.query({ database_id: secretDb.databaseId }),
    notFound('database', secretDb.databaseId));
  // A relation to a page it cannot see is refused like one to a missing page.
  await expectApiError(reader.n5.pages.update({ page_id: task.id, properties: { Secret: { relation: [{ id: secretPage.id }] } } }),
    { status: 400, code: 'validation_error', message: `Could not find page with ID: ${secretPage.id}.` });
});

test('sharing a page shows its child pages, child databases, data sources and rows', async () => {
  const late = await integration('Late', 'read,update,insert,users:email');
  await expectApiError(late.n5.pages.retrieve({ page_id: grandchild.id }), notFound('page', grandchild.id));
  await expectApiError(late.n5.dataSources.query({ data_source_id: tasks.dataSourceId }), notFound('data source', tasks.dataSourceId));
  const r = await admin('POST', `integrations/${late.id}/shares`, { object_id: shared.id });
  assert.deepEqual(r.body.shares, [shared.id]);
  assert.equal((await late.n5.pages.retrieve({ page_id: grandchild.id })).id, grandchild.id);
  assert.equal((await late.n2.pages.retrieve({ page_id: child.id })).id, child.id);
  assert.equal((await late.n2.databases.retrieve({ database_id: tasks.databaseId })).id, tasks.databaseId);
  assert.equal((await late.n5.dataSources.retrieve({ data_source_id: tasks.dataSourceId })).id, tasks.dataSourceId);
  assert.equal((await late.n5.pages.retrieve({ page_id: task.id })).id, task.id);
  const rows = await late.n2.databases.query({ database_id: tasks.databaseId });
  assert.equal(rows.results.length, 2);
  // A row written by the shared integration.
  const mine = await createPageIn(late.n5, 'v5', tasks, { Name: { title: text('Mine') } });
  assert.equal(mine.properties.Name.title[0].plain_text, 'Mine');
  await owner5.pages.update({ page_id: mine.id, in_trash: true });
  // Unsharing hides it all again.
  const un = await admin('DELETE', `integrations/${late.id}/shares/${shared.id}`);
  assert.deepEqual(un.body.shares, []);
  await expectApiError(late.n5.pages.retrieve({ page_id: child.id }), notFound('page', child.id));
});

test('search and query return only what is shared; relations and rollups leave out hidden pages', async () => {
  const reader = await integration('Searcher', 'read,users', [shared.id]);
  const seen5 = (await reader.n5.search({})).results.map((r) => r.id);
  for (const id of [shared.id, child.id, grandchild.id, task.id, tasks.dataSourceId]) assert.ok(seen5.includes(id), id);
  for (const id of [privateRoot.id, secretPage.id, openPage.id, secretDb.dataSourceId]) assert.ok(!seen5.includes(id), id);
  const seen2 = (await reader.n2.search({ filter: { property: 'object', value: 'database' } })).results.map((r) => r.id);
  assert.deepEqual(seen2, [tasks.databaseId]);
  const all = (await owner5.search({})).results.map((r) => r.id);
  assert.ok(all.includes(privateRoot.id) && all.includes(secretDb.dataSourceId));

  const rows = await reader.n5.dataSources.query({ data_source_id: tasks.dataSourceId, filter: { property: 'Name', title: { equals: 'Task' } } });
  assert.equal(rows.results.length, 1);
  const row = rows.results[0];
  assert.deepEqual(row.properties.Secret.relation, []);
  assert.equal(row.properties.Visible.relation.length, 1);
  assert.equal(row.properties['Secret score'].rollup.number, 0);
  const ownerRow = await owner2.pages.retrieve({ page_id: task.id });
  assert.deepEqual(ownerRow.properties.Secret.relation, [{ id: secretPage.id }]);
  assert.equal(ownerRow.properties['Secret score'].rollup.number, 7);
});

test('without read content, creating and updating answer {object, id} only', async () => {
  const writer = await integration('Writer', 'insert,update', [shared.id]);
  for (const c of [writer.n5, writer.n2]) {
    const page = await c.pages.create({ parent: { page_id: shared.id }, properties: { title: { title: text('Blind') } } });
    assert.deepEqual(Object.keys(page).sort(), ['id', 'object']);
    assert.equal(page.object, 'page');
    const updated = await c.pages.update({ page_id: page.id, properties: { title: { title: text('Blind 2') } } });
    assert.deepEqual(updated, { object: 'page', id: page.id });
    assert.equal((await owner5.pages.retrieve({ page_id: page.id })).properties.title.title[0].plain_text, 'Blind 2');
    await expectApiError(c.pages.retrieve({ page_id: page.id }), RESTRICTED);
  }
  const db = await writer.n5.databases.create({
    parent: { page_id: shared.id }, title: text('Blind DB'), initial_data_source: { properties: { Name: { title: {} } } },
  });
  assert.deepEqual(Object.keys(db).sort(), ['id', 'object']);
  assert.equal(db.object, 'database');
  const db2 = await writer.n2.databases.update({ database_id: db.id, title: text('Blind DB 2') });
  assert.deepEqual(db2, { object: 'database', id: db.id });
});

test('a page an integration creates at the workspace level is visible to it, not to others', async () => {
  const a = await integration('Creator A', 'read,insert');
  const b = await integration('Creator B', 'read,insert');
  const page = await createRootPage(a.n5, 'Mine at the top');
  assert.equal((await a.n2.pages.retrieve({ page_id: page.id })).id, page.id);
  await expectApiError(b.n5.pages.retrieve({ page_id: page.id }), notFound('page', page.id));
  const described = await admin('GET', `integrations/${a.id}`);
  assert.deepEqual(described.body.shares, [page.id]);
});

test('admin API: list, change capabilities, delete (the token then gets 401)', async () => {
  const temp = await integration('Temporary', 'read', [shared.id]);
  const list = await admin('GET', 'integrations');
  assert.equal(list.status, 200);
  const found = list.body.results.find((i) => i.id === temp.id);
  assert.deepEqual({ name: found.name, capabilities: found.capabilities, shares: found.shares },
    { name: 'Temporary', capabilities: 'read', shares: [shared.id] });
  assert.ok(!('token' in found));
  const first = list.body.results[0];
  assert.deepEqual(first.shares, ['workspace']);

  await expectApiError(temp.n5.users.list({}), RESTRICTED);
  const patched = await admin('PATCH', `integrations/${temp.id}`, { capabilities: 'read,users' });
  assert.equal(patched.body.capabilities, 'read,users');
  assert.ok((await temp.n5.users.list({})).results.length >= 1);

  const bad = await admin('POST', 'integrations', { name: 'Bad', capabilities: 'read,fly' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 'validation_error');
  const dup = await admin('POST', 'integrations', { name: 'Temporary' });
  assert.equal(dup.status, 400);
  assert.equal(dup.body.message, 'An integration named "Temporary" already exists.');
  const noSuchObject = await admin('POST', `integrations/${temp.id}/shares`, { object_id: MISSING_ID });
  assert.equal(noSuchObject.status, 404);

  const del = await admin('DELETE', `integrations/${temp.id}`);
  assert.deepEqual(del.body, { object: 'integration', id: temp.id, deleted: true });
  for (const c of [temp.n5, temp.n2]) {
    await expectApiError(c.users.me({}), { status: 401, code: 'unauthorized', message: 'API token is invalid.' });
  }
  const res = await raw(temp.as, { path: `/v1/pages/${child.id}` });
  assert.equal(res.status, 401);
  assert.equal((await admin('DELETE', `integrations/${temp.id}`)).status, 404);
});

test('CLI: integration create prints a token that works against a server started afterwards; share, list, delete', async () => {
  const s = new LocalNotionServer({});
  try {
    await s.start();
    const root = await createRootPage(v5(s), 'CLI root');
    await s.stop();
    const db = s.dbUrl;
    const created = await run(['integration', 'create', '--name', 'From CLI', '--capabilities', 'read,users', '--db', db]);
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trim();
    assert.match(token, /^ntn_[A-Za-z0-9]{46}$/);
    const dup = await run(['integration', 'create', '--name', 'From CLI', '--db', db]);
    assert.notEqual(dup.code, 0);
    assert.match(dup.stderr, /An integration named "From CLI" already exists\./);

    await s.start();
    const cli = { token, baseUrl: s.baseUrl, port: s.port };
    assert.equal((await v5(cli).users.me({})).name, 'From CLI');
    await expectApiError(v2(cli).pages.retrieve({ page_id: root.id }), notFound('page', root.id));
    // Shares made through the CLI reach the running server on its next request.
    const shared1 = await run(['share', '--integration', 'From CLI', '--page', root.id, '--db', db]);
    assert.equal(shared1.code, 0, shared1.stderr);
    assert.equal((await v2(cli).pages.retrieve({ page_id: root.id })).id, root.id);
    const listed = await run(['integration', 'list', '--db', db]);
    assert.match(listed.stdout, new RegExp(`\\tFrom CLI\\tread,users\\t${root.id}\\n`));
    const unshared = await run(['unshare', '--integration', 'From CLI', '--page', root.id, '--db', db]);
    assert.equal(unshared.code, 0, unshared.stderr);
    await expectApiError(v5(cli).pages.retrieve({ page_id: root.id }), notFound('page', root.id));
    // So does a deletion: the token stops working on the next request, and after a restart.
    assert.equal((await v5(cli).users.me({})).name, 'From CLI');
    const deleted = await run(['integration', 'delete', 'From CLI', '--db', db]);
    assert.equal(deleted.code, 0, deleted.stderr);
    await expectApiError(v5(cli).users.me({}), { status: 401, code: 'unauthorized', message: 'API token is invalid.' });
    await s.stop();
    await s.start();
    await expectApiError(v5(cli).users.me({}), { status: 401, code: 'unauthorized', message: 'API token is invalid.' });
    // The --token integration still sees everything.
    assert.equal((await v5(s).pages.retrieve({ page_id: root.id })).id, root.id);
    const missing = await run(['integration', 'delete', 'Nobody', '--db', db]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /Could not find integration: Nobody\./);
  } finally {
    await s.stop().catch(() => {});
    await s.dispose();
  }
});
