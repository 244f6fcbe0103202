'use strict';
// Webhooks as Notion sends them (docs/webhooks.md): the handshake and verification, the
// events of every change made through /v1 shaped per subscription api_version, sharing
// and the comment capability, aggregation and collapse, a failed request emitting
// nothing, the delivery log, redelivery and pause. Every request the receiver gets is
// checked with the SDK's own verifyWebhookSignature (@notionhq/client 5.26).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2 } = require('../lib/clients');
const { text, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');
const { startReceiver } = require('../lib/webhook_receiver');
const { adminClient } = require('../lib/webhook_admin');

const ADMIN = 'admin_e2e_webhooks_0123456789';
const WINDOW_MS = 2000; // long enough for two SDK calls on a busy machine
let srv; let admin; let n5; let n2; let integration; const receivers = [];

async function receiver() {
  const rx = await startReceiver();
  receivers.push(rx);
  return rx;
}

// Flushes the windows, then waits until `pred(rx)` holds.
async function flushUntil(rx, pred) {
  await admin.sendNow();
  await rx.waitFor(pred);
}

// Flushes, lets the senders run, and returns what arrived meanwhile.
async function settle(rx) {
  await admin.sendNow();
  await new Promise((r) => setTimeout(r, 300));
  return rx.events;
}

before(async () => {
  srv = await startServer({
    extraArgs: ['--admin-token', ADMIN, '--webhook-aggregation-ms', String(WINDOW_MS), '--webhook-retry-scale', '0.0001'],
  });
  admin = adminClient(srv, ADMIN);
  n5 = v5(srv);
  n2 = v2(srv);
  integration = await admin.integrationOf(n5);
});
after(async () => {
  for (const rx of receivers) await rx.close();
  if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); }
});

test('a subscription is verified with the token of its handshake; URL rules; errors', async () => {
  const rx = await receiver();
  const sub = await admin.ok('POST', 'webhooks', { integration, url: rx.url, event_types: ['page.created'] });
  assert.deepEqual(Object.keys(sub), ['object', 'id', 'integration_id', 'url', 'event_types', 'api_version', 'state',
    'created_time']);
  assert.equal(sub.api_version, '2025-09-03');
  await rx.waitFor((r) => r.requests.length === 1);
  const [handshake] = rx.requests;
  assert.equal(handshake.method, 'POST');
  assert.equal(handshake.url, '/notion');
  assert.match(handshake.body, /^\{"verification_token":"secret_[A-Za-z0-9]{43}"\}$/);
  assert.equal(handshake.verified, true, 'the handshake is signed with its own token');
  assert.equal(handshake.headers['content-type'], 'application/json');

  const wrong = await admin.call('POST', `webhooks/${sub.id}/verify`, { verification_token: 'secret_wrong' });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.code, 'validation_error');
  assert.equal(wrong.body.message, "The verification token does not match the one sent to the subscription's URL.");
  // Before verification the URL may change; "resend token" sends the handshake again.
  const moved = await admin.ok('PATCH', `webhooks/${sub.id}`, { url: `${rx.url}?v=2` });
  assert.equal(moved.url, `${rx.url}?v=2`);
  await admin.ok('POST', `webhooks/${sub.id}/resend_token`);
  await rx.waitFor((r) => r.requests.length === 2);
  assert.equal(rx.requests[1].url, '/notion?v=2');
  assert.equal(rx.requests[1].body, handshake.body);
  await admin.ok('POST', `webhooks/${sub.id}/verify`, { verification_token: rx.token });
  const locked = await admin.call('PATCH', `webhooks/${sub.id}`, { url: rx.url });
  assert.equal(locked.status, 400);
  assert.equal(locked.body.message,
    'The URL of a verified webhook subscription cannot be changed. Delete the subscription and create a new one.');
  const types = await admin.ok('PATCH', `webhooks/${sub.id}`, { event_types: ['page.deleted', 'page.created'] });
  assert.deepEqual(types.event_types, ['page.deleted', 'page.created']);
  const bad = await admin.call('POST', 'webhooks', { integration, url: rx.url, event_types: ['page.created', 'x.y'] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.message, 'body.event_types[1] should be a webhook event type, instead was `"x.y"`.');
  const old = await admin.call('POST', 'webhooks', {
    integration, url: rx.url, api_version: '2022-06-28', event_types: ['data_source.created'],
  });
  assert.equal(old.body.message,
    'body.event_types[0] `data_source.created` is not sent to subscriptions of api_version 2022-06-28.');
  const deleted = await admin.ok('DELETE', `webhooks/${sub.id}`);
  assert.deepEqual(deleted, { object: 'webhook_subscription', id: sub.id, deleted: true });
  const gone = await admin.call('GET', `webhooks/${sub.id}`);
  assert.equal(gone.status, 404);
  assert.equal(gone.body.code, 'object_not_found');
  assert.equal(gone.body.message, `Could not find webhook subscription: ${sub.id}.`);
});

test('page events: created, properties, content, locked, deleted, undeleted, with the full envelope', async () => {
  const rx = await receiver();
  const sub = await admin.subscribe(rx, { integration });
  const page = await createRootPage(n5, 'Webhook page');
  await flushUntil(rx, (r) => r.ofType('page.created').length === 1);
  const [created] = rx.ofType('page.created');
  assert.deepEqual(Object.keys(created), ['id', 'timestamp', 'workspace_id', 'workspace_name', 'subscription_id',
    'integration_id', 'type', 'authors', 'attempt_number', 'api_version', 'entity', 'data']);
  assert.equal(created.subscription_id, sub.id);
  assert.equal(created.integration_id, integration);
  assert.equal(created.attempt_number, 1);
  assert.equal(created.api_version, '2025-09-03');
  assert.match(created.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  const me = await n5.users.me({});
  assert.deepEqual(created.authors, [{ id: me.id, type: 'bot' }]);
  assert.deepEqual(created.entity, { id: page.id, type: 'page' });
  assert.deepEqual(created.data, { parent: { id: created.workspace_id, type: 'space' } });
  const raw = rx.requests.find((r) => r.json.id === created.id).body;
  assert.equal(raw, JSON.stringify(created), 'minified, in this key order');

  await n5.pages.update({ page_id: page.id, properties: { title: { title: text('Renamed') } } });
  await flushUntil(rx, (r) => r.ofType('page.properties_updated').length === 1);
  assert.deepEqual(rx.ofType('page.properties_updated')[0].data,
    { parent: { id: created.workspace_id, type: 'space' }, updated_properties: ['title'] });

  const appended = await n5.blocks.children.append({
    block_id: page.id, children: [{ paragraph: { rich_text: text('hello') } }],
  });
  await flushUntil(rx, (r) => r.ofType('page.content_updated').length === 1);
  assert.deepEqual(rx.ofType('page.content_updated')[0].data, {
    updated_blocks: [{ id: appended.results[0].id, type: 'block' }],
    parent: { id: created.workspace_id, type: 'space' },
  });

  await n5.pages.update({ page_id: page.id, is_locked: true });
  await rx.waitFor((r) => r.ofType('page.locked').length === 1); // never aggregated: no flush needed
  await n5.pages.update({ page_id: page.id, is_locked: false });
  await rx.waitFor((r) => r.ofType('page.unlocked').length === 1);

  await n5.pages.update({ page_id: page.id, in_trash: true });
  await flushUntil(rx, (r) => r.ofType('page.deleted').length === 1);
  await n5.pages.update({ page_id: page.id, in_trash: false });
  await flushUntil(rx, (r) => r.ofType('page.undeleted').length === 1);
  for (const type of ['page.locked', 'page.unlocked', 'page.deleted', 'page.undeleted']) {
    assert.deepEqual(rx.ofType(type)[0].entity, { id: page.id, type: 'page' }, type);
  }
  assert.equal(rx.badSignatures, 0);
  assert.equal(new Set(rx.events.map((e) => e.id)).size, rx.events.length, 'one id per event');
});

test('database and data source events follow the subscription version (2022-06-28 vs 2025-09-03)', async () => {
  const rxNew = await receiver();
  const rxOld = await receiver();
  await admin.subscribe(rxNew, { integration, api_version: '2025-09-03' });
  await admin.subscribe(rxOld, { integration, api_version: '2022-06-28' });
  const root = await createRootPage(n5, 'Versions');
  const inv = await createDatabase(n5, 'v5', root.id, 'Inventory', { Name: { title: {} } });
  await admin.sendNow();
  await rxNew.waitFor((r) => r.ofType('database.created').length === 1);
  await rxOld.waitFor((r) => r.ofType('database.created').length === 1);
  for (const rx of [rxNew, rxOld]) {
    const [e] = rx.ofType('database.created');
    assert.deepEqual(e.entity, { id: inv.databaseId, type: 'database' });
    assert.deepEqual(e.data, { parent: { id: root.id, type: 'page' } });
  }
  assert.equal(rxNew.ofType('data_source.created').length, 0, 'created with its database: no event of its own');

  await n5.dataSources.update({ data_source_id: inv.dataSourceId, properties: { Qty: { number: {} } } });
  const row = await createPageIn(n5, 'v5', inv, { Name: { title: text('Kale') } });
  await admin.sendNow();
  await rxNew.waitFor((r) => r.ofType('data_source.schema_updated').length === 1
    && r.ofType('data_source.content_updated').length === 1 && r.ofType('page.created').length === 2);
  await rxOld.waitFor((r) => r.ofType('database.schema_updated').length === 1
    && r.ofType('database.content_updated').length === 1 && r.ofType('page.created').length === 2);
  const schemaNew = rxNew.ofType('data_source.schema_updated')[0];
  assert.deepEqual(schemaNew.entity, { id: inv.dataSourceId, type: 'data_source' });
  assert.equal(schemaNew.data.updated_properties.length, 1);
  assert.deepEqual({ ...schemaNew.data.updated_properties[0], id: undefined }, { id: undefined, name: 'Qty', action: 'created' });
  assert.deepEqual(schemaNew.data.parent, { id: inv.databaseId, type: 'database' });
  const schemaOld = rxOld.ofType('database.schema_updated')[0];
  assert.deepEqual(schemaOld.entity, { id: inv.databaseId, type: 'database' });
  assert.deepEqual(schemaOld.data.updated_properties, schemaNew.data.updated_properties);
  assert.equal(schemaOld.api_version, '2022-06-28');

  const rowNew = rxNew.ofType('page.created').find((e) => e.entity.id === row.id);
  const rowOld = rxOld.ofType('page.created').find((e) => e.entity.id === row.id);
  assert.deepEqual(rowNew.data.parent, { id: inv.databaseId, type: 'database', data_source_id: inv.dataSourceId });
  assert.deepEqual(rowOld.data.parent, { id: inv.databaseId, type: 'database' });
  assert.deepEqual(rxNew.ofType('data_source.content_updated')[0].data.updated_blocks, [{ id: row.id, type: 'page' }]);
  assert.deepEqual(rxOld.ofType('database.content_updated')[0].entity, { id: inv.databaseId, type: 'database' });

  await n5.databases.update({ database_id: inv.databaseId, in_trash: true });
  await admin.sendNow();
  await rxNew.waitFor((r) => r.ofType('database.deleted').length === 1);
  await rxOld.waitFor((r) => r.ofType('database.deleted').length === 1);
  assert.equal(rxNew.badSignatures + rxOld.badSignatures, 0);
});

test('an integration hears only about what it can see, and about comments only with read_comments', async () => {
  const other = await admin.ok('POST', 'integrations', { name: 'Webhook reader', capabilities: 'read,update' });
  const shared = await createRootPage(n5, 'Shared');
  const hidden = await createRootPage(n5, 'Hidden');
  await admin.ok('POST', `integrations/${other.id}/shares`, { object_id: shared.id });
  const rxOther = await receiver();
  const rxMine = await receiver();
  await admin.subscribe(rxOther, { integration: other.id });
  await admin.subscribe(rxMine, { integration, event_types: ['page.properties_updated', 'comment.created'] });
  for (const p of [shared, hidden]) {
    await n5.pages.update({ page_id: p.id, properties: { title: { title: text('Edited') } } });
  }
  await n5.comments.create({ parent: { page_id: shared.id }, rich_text: text('a comment') });
  await admin.sendNow();
  await rxMine.waitFor((r) => r.ofType('page.properties_updated').length === 2 && r.ofType('comment.created').length === 1);
  const events = await settle(rxOther);
  assert.deepEqual(events.map((e) => [e.type, e.entity.id]), [['page.properties_updated', shared.id]]);
  const [comment] = rxMine.ofType('comment.created');
  assert.equal(comment.entity.type, 'comment');
  assert.deepEqual(comment.data, { page_id: shared.id, parent: { id: shared.id, type: 'page' } });
});

test('aggregation: edits of one page within the window come as one event; create then delete as none', async () => {
  const rx = await receiver();
  await admin.subscribe(rx, { integration });
  const root = await createRootPage(n5, 'Aggregation');
  const db = await createDatabase(n5, 'v5', root.id, 'Tasks', { Name: { title: {} }, Done: { checkbox: {} } });
  const task = await createPageIn(n5, 'v5', db, { Name: { title: text('One') } });
  await flushUntil(rx, (r) => r.ofType('page.created').length === 2);
  await settle(rx);
  const before = rx.events.length;
  // Two edits (via two SDK versions) inside the window: one event, both property ids.
  await n5.pages.update({ page_id: task.id, properties: { Done: { checkbox: true } } });
  await n2.pages.update({ page_id: task.id, properties: { Name: { title: text('Two') } } });
  // A page created and trashed inside the window: nothing at all.
  const fleeting = await createRootPage(n5, 'Fleeting');
  await n5.pages.update({ page_id: fleeting.id, in_trash: true });
  await new Promise((r) => setTimeout(r, WINDOW_MS * 2)); // the window closes by itself
  await rx.waitFor((r) => r.ofType('page.properties_updated').length === 1);
  const events = await settle(rx);
  const [merged] = rx.ofType('page.properties_updated');
  assert.equal(merged.entity.id, task.id);
  assert.equal(merged.data.updated_properties.length, 2);
  assert.ok(merged.data.updated_properties.includes('title'));
  assert.equal(events.filter((e) => e.entity.id === fleeting.id).length, 0, 'created then deleted: no event');
  assert.equal(events.length - before, 1);
});

test('a failed request emits nothing', async () => {
  const rx = await receiver();
  await admin.subscribe(rx, { integration });
  const page = await createRootPage(n5, 'Failure');
  await flushUntil(rx, (r) => r.events.length === 1);
  await assert.rejects(n5.pages.update({ page_id: page.id, properties: { Nope: { checkbox: true } } }),
    (e) => e.status === 400);
  await assert.rejects(n5.blocks.children.append({ block_id: page.id, children: [{ paragraph: {} }] }),
    (e) => e.status === 400);
  const events = await settle(rx);
  assert.equal(events.length, 1);
});

test('the delivery log shows the exact body and headers; redeliver sends the same event again; pause', async () => {
  const rx = await receiver();
  const sub = await admin.subscribe(rx, { integration, event_types: ['page.locked', 'page.unlocked'] });
  const page = await createRootPage(n5, 'Log');
  await n5.pages.update({ page_id: page.id, is_locked: true });
  await rx.waitFor((r) => r.events.length === 1);
  const [event] = rx.events;
  const received = rx.requests.find((r) => r.json.id === event.id);
  let log = (await admin.ok('GET', `webhooks/${sub.id}/deliveries`)).results;
  for (let i = 0; i < 50 && log[0].status === 'pending'; i += 1) {
    await new Promise((r) => setTimeout(r, 20));
    log = (await admin.ok('GET', `webhooks/${sub.id}/deliveries`)).results;
  }
  assert.deepEqual(log.map((d) => d.type), ['page.locked', 'verification']);
  const d = log[0];
  assert.equal(d.id, event.id);
  assert.equal(d.status, 'delivered');
  assert.equal(d.attempts, 1);
  assert.equal(d.response_status, 200);
  assert.equal(d.entity_id, page.id);
  assert.ok(Number.isInteger(d.latency_ms) && d.latency_ms >= 0);
  assert.equal(d.request.body, received.body);
  assert.equal(d.request.headers['X-Notion-Signature'], received.headers['x-notion-signature']);
  assert.equal(d.request.headers['Content-Type'], 'application/json');
  assert.deepEqual(await admin.ok('GET', `webhooks/${sub.id}/deliveries/${d.id}`), d);

  await admin.ok('POST', `webhooks/${sub.id}/deliveries/${d.id}/redeliver`);
  await rx.waitFor((r) => r.events.length === 2);
  assert.equal(rx.events[1].id, event.id);
  assert.equal(rx.events[1].attempt_number, 1);

  await admin.ok('POST', `webhooks/${sub.id}/pause`);
  await n5.pages.update({ page_id: page.id, is_locked: false });
  await settle(rx);
  assert.equal(rx.events.length, 2, 'a paused subscription gets nothing');
  const resumed = await admin.ok('POST', `webhooks/${sub.id}/resume`);
  assert.equal(resumed.state, 'active');
  await n5.pages.update({ page_id: page.id, is_locked: true });
  await rx.waitFor((r) => r.events.length === 3);
  assert.equal(rx.events[2].type, 'page.locked');
  assert.equal(rx.badSignatures, 0);
});

test('file uploads: file_upload.created and .completed without data, to the integration that made them', async () => {
  const rx = await receiver();
  const rxOther = await receiver();
  await admin.subscribe(rx, { integration, event_types: ['file_upload.created', 'file_upload.completed'] });
  const other = await admin.ok('POST', 'integrations', { name: 'Upload watcher', capabilities: 'read,insert' });
  await admin.ok('POST', `integrations/${other.id}/shares`, { object_id: 'workspace' });
  await admin.subscribe(rxOther, { integration: other.id });
  const created = await n5.fileUploads.create({ filename: 'note.txt', content_type: 'text/plain' });
  await rx.waitFor((r) => r.ofType('file_upload.created').length === 1);
  await n5.fileUploads.send({
    file_upload_id: created.id, file: { filename: 'note.txt', data: new Blob(['hello'], { type: 'text/plain' }) },
  });
  await rx.waitFor((r) => r.ofType('file_upload.completed').length === 1);
  for (const e of rx.events) {
    assert.deepEqual(e.entity, { id: created.id, type: 'file_upload' });
    assert.equal('data' in e, false, `${e.type} has no data`);
  }
  const raw = rx.requests.find((r) => r.json.type === 'file_upload.completed').body;
  assert.ok(raw.endsWith(`"entity":{"id":"${created.id}","type":"file_upload"}}`));
  assert.deepEqual(await settle(rxOther), [], "another integration's upload is not its business");
});

test('views: view.created with its type, view.updated with the fields that changed, view.deleted', async () => {
  const rx = await receiver();
  await admin.subscribe(rx, { integration, api_version: '2025-09-03',
    event_types: ['view.created', 'view.updated', 'view.deleted'] });
  const n26 = v5(srv, { notionVersion: '2026-03-11' });
  const root = await createRootPage(n5, 'Views hook');
  const db = await createDatabase(n5, 'v5', root.id, 'Tracked', { Name: { title: {} }, Done: { checkbox: {} } });
  const before = rx.ofType('view.created').length; // the database's default view may come first
  const view = await n26.views.create({ database_id: db.databaseId, data_source_id: db.dataSourceId, name: 'Open', type: 'board' });
  await flushUntil(rx, (r) => r.ofType('view.created').some((e) => e.entity.id === view.id));
  const created = rx.ofType('view.created').find((e) => e.entity.id === view.id);
  assert.deepEqual(created.entity, { id: view.id, type: 'view' });
  assert.equal(created.data.view_type, 'board');
  assert.deepEqual(created.data.parent, { id: db.databaseId, type: 'database' });
  assert.ok(rx.ofType('view.created').length >= before + 1);

  await n26.views.update({ view_id: view.id, name: 'Still open', filter: { property: 'Done', checkbox: { equals: false } } });
  await flushUntil(rx, (r) => r.ofType('view.updated').some((e) => e.entity.id === view.id));
  const updated = rx.ofType('view.updated').find((e) => e.entity.id === view.id);
  assert.deepEqual([...updated.data.updated_fields].sort(), ['filter', 'name']);
  assert.deepEqual(updated.data.parent, { id: db.databaseId, type: 'database' });

  await n26.views.delete({ view_id: view.id });
  await flushUntil(rx, (r) => r.ofType('view.deleted').some((e) => e.entity.id === view.id));
  const deleted = rx.ofType('view.deleted').find((e) => e.entity.id === view.id);
  assert.deepEqual(deleted.data.parent, { id: db.databaseId, type: 'database' });
});

test('comments: comment.updated and comment.deleted carry the page and the parent, as comment.created does', async () => {
  const rx = await receiver();
  await admin.subscribe(rx, { integration, event_types: ['comment.created', 'comment.updated', 'comment.deleted'] });
  const page = await createRootPage(n5, 'Discussed');
  const block = (await n5.blocks.children.append({ block_id: page.id,
    children: [{ paragraph: { rich_text: text('on this line') } }] })).results[0];
  const onPage = await n5.comments.create({ parent: { page_id: page.id }, rich_text: text('first') });
  const onBlock = await n5.comments.create({ parent: { block_id: block.id }, rich_text: text('inline') });
  await n5.comments.update({ comment_id: onPage.id, rich_text: text('first, edited') });
  await n5.comments.delete({ comment_id: onBlock.id });
  await flushUntil(rx, (r) => r.ofType('comment.updated').length === 1 && r.ofType('comment.deleted').length === 1);
  const [updated] = rx.ofType('comment.updated');
  assert.deepEqual(updated.entity, { id: onPage.id, type: 'comment' });
  assert.deepEqual(updated.data, { page_id: page.id, parent: { id: page.id, type: 'page' } });
  const [deleted] = rx.ofType('comment.deleted');
  assert.deepEqual(deleted.entity, { id: onBlock.id, type: 'comment' });
  assert.deepEqual(deleted.data, { page_id: page.id, parent: { id: block.id, type: 'block' } });
  assert.deepEqual(rx.ofType('comment.created').map((e) => e.entity.id).sort(), [onPage.id, onBlock.id].sort());
});

test('moves: page.moved and database.moved with the new parent', async () => {
  const rx = await receiver();
  await admin.subscribe(rx, { integration, event_types: ['page.moved', 'database.moved'] });
  const from = await createRootPage(n5, 'Move from');
  const to = await createRootPage(n5, 'Move to');
  const traveller = await n5.pages.create({ parent: { page_id: from.id },
    properties: { title: { title: text('Traveller') } } });
  const db = await createDatabase(n5, 'v5', from.id, 'Moving table', { Name: { title: {} } });
  await n5.pages.move({ page_id: traveller.id, parent: { type: 'page_id', page_id: to.id } });
  const row = await n5.pages.create({ parent: { data_source_id: db.dataSourceId },
    properties: { Name: { title: text('Row') } } });
  await assert.rejects(n5.databases.update({ database_id: db.databaseId, parent: { type: 'page_id', page_id: row.id } }),
    { status: 400, code: 'validation_error',
      message: `New parent ${row.id} cannot be under the hierarchy of child ${db.databaseId}` });
  const moved = await n5.databases.update({ database_id: db.databaseId, parent: { type: 'page_id', page_id: to.id } });
  assert.deepEqual(moved.parent, { type: 'page_id', page_id: to.id });
  const fromChildren = await n5.blocks.children.list({ block_id: from.id });
  assert.deepEqual(fromChildren.results.map((b) => b.id), [], 'the child_page and child_database rows left');
  const toChildren = await n5.blocks.children.list({ block_id: to.id });
  assert.deepEqual(toChildren.results.map((b) => [b.type, b.id]),
    [['child_page', traveller.id], ['child_database', db.databaseId]]);
  await flushUntil(rx, (r) => r.ofType('page.moved').length === 1 && r.ofType('database.moved').length === 1);
  const [pageMoved] = rx.ofType('page.moved');
  assert.deepEqual(pageMoved.entity, { id: traveller.id, type: 'page' });
  assert.deepEqual(pageMoved.data, { parent: { id: to.id, type: 'page' } });
  const [dbMoved] = rx.ofType('database.moved');
  assert.deepEqual(dbMoved.entity, { id: db.databaseId, type: 'database' });
  assert.deepEqual(dbMoved.data, { parent: { id: to.id, type: 'page' } });
});

test('trash and restore: database.deleted/.undeleted and data_source.deleted/.undeleted', async () => {
  const rx = await receiver();
  await admin.subscribe(rx, { integration, event_types: ['database.deleted', 'database.undeleted',
    'data_source.deleted', 'data_source.undeleted'] });
  const root = await createRootPage(n5, 'Trash hooks');
  const db = await createDatabase(n5, 'v5', root.id, 'Binned', { Name: { title: {} } });
  const second = await n5.dataSources.create({ parent: { type: 'database_id', database_id: db.databaseId },
    title: text('Second source'), properties: { Name: { title: {} } } });
  await n5.dataSources.update({ data_source_id: second.id, in_trash: true });
  await flushUntil(rx, (r) => r.ofType('data_source.deleted').length === 1);
  await n5.dataSources.update({ data_source_id: second.id, in_trash: false });
  await flushUntil(rx, (r) => r.ofType('data_source.undeleted').length === 1);
  for (const type of ['data_source.deleted', 'data_source.undeleted']) {
    const [e] = rx.ofType(type);
    assert.deepEqual(e.entity, { id: second.id, type: 'data_source' });
    assert.deepEqual(e.data.parent, { id: db.databaseId, type: 'database' });
  }
  await n5.databases.update({ database_id: db.databaseId, in_trash: true });
  await flushUntil(rx, (r) => r.ofType('database.deleted').length === 1);
  await n5.databases.update({ database_id: db.databaseId, in_trash: false });
  await flushUntil(rx, (r) => r.ofType('database.undeleted').length === 1);
  for (const type of ['database.deleted', 'database.undeleted']) {
    const [e] = rx.ofType(type);
    assert.deepEqual(e.entity, { id: db.databaseId, type: 'database' });
    assert.deepEqual(e.data.parent, { id: root.id, type: 'page' });
  }
});
