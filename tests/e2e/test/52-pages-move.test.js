'use strict';
// POST /v1/pages/{page_id}/move with SDK 5.x pages.move (2025-09-03 and 2026-03-11): a
// page parent or a data source parent, Notion's four documented errors, the sharing
// rules (a page moved under a shared parent becomes visible, moved away it does not),
// and the content listing of the old and new parents.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectApiError, expectRawError, adminCall, notFound } = require('../lib/clients');
const { text, plain, createRootPage, createDatabase } = require('../lib/fixtures');

const ADMIN = 'admin_e2e_move_0123456789';
const V = (message) => ({ status: 400, code: 'validation_error', message });

let srv; let n25; let n26;
// The admin API with this file's admin token (lib/clients.js adminCall).
const admin = (method, path, body) => adminCall(srv, ADMIN, method, path, body);
async function child(client, parentId, title) {
  return client.pages.create({ parent: { page_id: parentId }, properties: { title: { title: text(title) } } });
}
const childPages = async (client, id) => (await client.blocks.children.list({ block_id: id })).results
  .filter((b) => b.type === 'child_page').map((b) => b.id);

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  n25 = v5(srv, { notionVersion: '2025-09-03' });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('move a page under another page: parent, old and new content lists', async () => {
  const a = await createRootPage(n25, 'From');
  const b = await createRootPage(n25, 'To');
  const p = await child(n25, a.id, 'Traveller');
  const moved = await n26.pages.move({ page_id: p.id, parent: { type: 'page_id', page_id: b.id } });
  assert.equal(moved.object, 'page');
  assert.equal(moved.id, p.id);
  assert.deepEqual(moved.parent, { type: 'page_id', page_id: b.id });
  assert.equal('archived' in moved, false);
  assert.equal(plain(moved.properties.title.title), 'Traveller');
  assert.deepEqual(await childPages(n25, a.id), []);
  assert.deepEqual(await childPages(n25, b.id), [p.id]);
  // Ids without dashes and no `type` work too (2025-09-03).
  const back = await n25.pages.move({ page_id: p.id.replace(/-/g, ''), parent: { page_id: a.id.replace(/-/g, '') } });
  assert.deepEqual(back.parent, { type: 'page_id', page_id: a.id });
  assert.deepEqual(await childPages(n25, a.id), [p.id]);
});

test('move into a data source and out again: the title is kept, same-named properties too', async () => {
  const root = await createRootPage(n25, 'Move DS');
  const db = await createDatabase(n25, 'v5', root.id, 'Tasks', { Task: { title: {} }, Done: { checkbox: {} } });
  const p = await child(n25, root.id, 'Loose page');
  const inDs = await n25.pages.move({ page_id: p.id, parent: { type: 'data_source_id', data_source_id: db.dataSourceId } });
  assert.deepEqual(inDs.parent, { type: 'data_source_id', data_source_id: db.dataSourceId, database_id: db.databaseId });
  assert.equal(plain(inDs.properties.Task.title), 'Loose page');
  assert.equal(inDs.properties.Done.checkbox, false);
  assert.deepEqual(await childPages(n25, root.id), [], 'no longer in the page\'s content');
  const q = await n25.dataSources.query({ data_source_id: db.dataSourceId });
  assert.deepEqual(q.results.map((r) => r.id), [p.id]);
  // A database id with one data source is accepted as page_id and means its data source.
  const other = await createRootPage(n25, 'Elsewhere');
  const out = await n26.pages.move({ page_id: p.id, parent: { type: 'page_id', page_id: other.id } });
  assert.equal(plain(out.properties.title.title), 'Loose page');
  const again = await n26.pages.move({ page_id: p.id, parent: { type: 'page_id', page_id: db.databaseId } });
  assert.equal(again.parent.type, 'data_source_id');
  assert.equal(again.parent.data_source_id, db.dataSourceId);
});

test('Notion\'s documented errors', async () => {
  const a = await createRootPage(n25, 'Err A');
  const p = await child(n25, a.id, 'Err child');
  const grand = await child(n25, p.id, 'Err grandchild');
  await expectApiError(n25.pages.move({ page_id: p.id, parent: { type: 'page_id', page_id: a.id } }),
    V('New parent must be different from the current parent'));
  await expectApiError(n25.pages.move({ page_id: p.id, parent: { type: 'page_id', page_id: p.id } }),
    V(`Parent ID must be different from the child ID: ${p.id}`));
  await expectApiError(n26.pages.move({ page_id: p.id, parent: { type: 'page_id', page_id: grand.id } }),
    V(`New parent ${grand.id} cannot be under the hierarchy of child ${p.id}`));
  await n25.pages.update({ page_id: p.id, in_trash: true });
  await expectApiError(n25.pages.move({ page_id: p.id, parent: { type: 'page_id', page_id: a.id } }),
    V(`Object ${p.id} is in trash and cannot be moved`));
  const bad = await raw(srv, { method: 'POST', path: `/v1/pages/${a.id}/move`, version: '2026-03-11', body: { parent: { type: 'workspace', workspace: true } } });
  expectRawError(bad, V('body failed validation: body.parent.type should be `"page_id"` or `"data_source_id"`, instead was `"workspace"`.'));
  const missing = '59833787-2cf9-4fdf-8782-e53db20768a5';
  await expectApiError(n25.pages.move({ page_id: missing, parent: { page_id: a.id } }), notFound('page', missing));
});

test('sharing: the new parent must be visible; a moved page follows its new parent\'s shares', async () => {
  const shared = await createRootPage(n25, 'Shared area');
  const privateRoot = await createRootPage(n25, 'Private area');
  const created = await admin('POST', 'integrations', { name: 'Mover', capabilities: 'read,update,insert' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal((await admin('POST', `integrations/${created.body.id}/shares`, { object_id: shared.id })).status, 200);
  const mover = v5({ token: created.body.token, baseUrl: srv.baseUrl, port: srv.port }, { notionVersion: '2026-03-11' });
  const p = await child(n25, privateRoot.id, 'Was private');
  await expectApiError(mover.pages.retrieve({ page_id: p.id }), notFound('page', p.id));
  await expectApiError(mover.pages.move({ page_id: p.id, parent: { page_id: shared.id } }), notFound('page', p.id));
  const mine = await child(mover, shared.id, 'Mine');
  await expectApiError(mover.pages.move({ page_id: mine.id, parent: { page_id: privateRoot.id } }),
    notFound('page', privateRoot.id));
  // The owner moves the private page under the shared one: the mover now sees it.
  await n25.pages.move({ page_id: p.id, parent: { page_id: shared.id } });
  assert.equal((await mover.pages.retrieve({ page_id: p.id })).id, p.id);
  // And moved away again, it is gone for the mover.
  await n25.pages.move({ page_id: p.id, parent: { page_id: privateRoot.id } });
  await expectApiError(mover.pages.retrieve({ page_id: p.id }), notFound('page', p.id));
  const reader = await admin('POST', 'integrations', { name: 'Reader', capabilities: 'read' });
  const r = v5({ token: reader.body.token, baseUrl: srv.baseUrl, port: srv.port });
  await expectApiError(r.pages.move({ page_id: p.id, parent: { page_id: shared.id } }),
    { status: 403, code: 'restricted_resource', message: 'Insufficient permissions for this endpoint.' });
});
