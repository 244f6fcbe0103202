'use strict';
// Webhooks and page history in workspaces made through the admin API (docs/workspaces.md,
// docs/webhooks.md): a subscription made with a workspace's own admin token gets that
// workspace's changes, signed, with its workspace_id and workspace_name, and nothing of
// another workspace's; page history is kept per workspace and a page's history is not
// found through another workspace. Runs on SQLite and, with LOCALNOTION_DB=postgres, on
// PostgreSQL, where each workspace lives in a schema of its own.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, adminCall } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');
const { startReceiver } = require('../lib/webhook_receiver');
const { adminClient } = require('../lib/webhook_admin');

const ADMIN = 'admin_e2e_ws_webhooks_0123456789';
let srv;
const ws = []; // { id, name, token, admin, client, hooks, integration, rx }

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN, '--webhook-aggregation-ms', '0'] });
  for (const name of ['Hooks A', 'Hooks B']) {
    const res = await adminCall(srv, ADMIN, 'POST', 'workspaces', { name });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const b = res.body;
    // The workspace's own admin token, through the workspace-scoped admin routes.
    const hooks = adminClient({ baseUrl: srv.baseUrl }, b.admin_token);
    const prefixed = {
      ok: (method, path, body) => hooks.ok(method, `workspaces/${b.id}/${path}`, body),
      call: (method, path, body) => hooks.call(method, `workspaces/${b.id}/${path}`, body),
    };
    ws.push({ id: b.id, name, token: b.token, admin: b.admin_token, client: v5(srv, { auth: b.token }),
      hooks: prefixed, integration: b.integration.id });
  }
});
after(async () => {
  for (const w of ws) if (w.rx) await w.rx.close();
  if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); }
});

// adminClient's subscribe, on a workspace's own routes.
async function subscribe(w, event_types) {
  const rx = await startReceiver();
  w.rx = rx;
  const sub = await w.hooks.ok('POST', 'webhooks', { integration: w.integration, url: rx.url, event_types });
  assert.equal(sub.state, 'pending_verification');
  await rx.waitFor((r) => r.requests.length > 0);
  const verified = await w.hooks.ok('POST', `webhooks/${sub.id}/verify`, { verification_token: rx.token });
  assert.equal(verified.state, 'active');
  return verified;
}

test('each workspace\'s subscription gets its own changes only, with its workspace id and name', async () => {
  const [a, b] = ws;
  const subA = await subscribe(a, ['page.created', 'page.properties_updated']);
  const subB = await subscribe(b, ['page.created', 'page.properties_updated']);

  const pageA = await createRootPage(a.client, 'Only in A');
  const pageB = await createRootPage(b.client, 'Only in B');
  await a.client.pages.update({ page_id: pageA.id, properties: { title: { title: text('Renamed in A') } } });

  await a.rx.waitFor((r) => r.events.length >= 2);
  await b.rx.waitFor((r) => r.events.length >= 1);
  // Let anything stray arrive before asserting that it did not.
  await new Promise((r) => setTimeout(r, 300));

  const seen = (rx) => rx.events.map((e) => [e.type, e.entity.id]);
  assert.deepEqual(seen(a.rx), [['page.created', pageA.id], ['page.properties_updated', pageA.id]]);
  assert.deepEqual(seen(b.rx), [['page.created', pageB.id]]);
  for (const [w, sub] of [[a, subA], [b, subB]]) {
    for (const e of w.rx.events) {
      assert.equal(e.workspace_id, w.id);
      assert.equal(e.workspace_name, w.name);
      assert.equal(e.subscription_id, sub.id);
      assert.equal(e.integration_id, w.integration);
    }
    assert.ok(w.rx.requests.filter((r) => r.json.type).every((r) => r.verified), 'every event is signed');
  }

  // The delivery log of one workspace's subscription is not reachable from the other.
  const foreign = await b.hooks.call('GET', `webhooks/${subA.id}/deliveries`);
  assert.deepEqual([foreign.status, foreign.body.code], [404, 'object_not_found']);
  const crossToken = await adminClient({ baseUrl: srv.baseUrl }, b.admin).call('GET', `workspaces/${a.id}/webhooks`);
  assert.deepEqual([crossToken.status, crossToken.body.code, crossToken.body.message],
    [403, 'restricted_resource', 'This workspace admin token may only act on its own workspace.']);
});

test('page history is kept per workspace and not found through another', async () => {
  const [a, b] = ws;
  const page = await createRootPage(a.client, 'History in A');
  await a.client.pages.update({ page_id: page.id, properties: { title: { title: text('History in A, renamed') } } });
  await a.client.pages.update({ page_id: page.id, icon: { type: 'emoji', emoji: '📘' } });

  const history = await a.hooks.ok('GET', `pages/${page.id}/history`);
  assert.deepEqual(history.results.map((e) => e.action), ['created', 'updated', 'updated']);
  const [created, renamed, icon] = history.results;
  assert.equal(created.changes[0].before, null);
  assert.deepEqual(renamed.changes.map((c) => c.property), ['title']);
  assert.equal(renamed.changes[0].after.title[0].plain_text, 'History in A, renamed');
  assert.deepEqual(icon.changes, [{ field: 'icon', before: null, after: { type: 'emoji', emoji: '📘' } }]);
  assert.ok(history.results.every((e) => e.integration.id === a.integration));

  // The same page id in workspace B, and in the default workspace: not found, as for any unknown id.
  const unknown = '00000000-0000-4000-8000-000000000000';
  const expected = await b.hooks.call('GET', `pages/${unknown}/history`);
  assert.deepEqual([expected.status, expected.body.code], [404, 'object_not_found']);
  for (const res of [await b.hooks.call('GET', `pages/${page.id}/history`),
    await adminCall(srv, ADMIN, 'GET', `pages/${page.id}/history`)]) {
    assert.deepEqual([res.status, res.body.code, res.body.message],
      [404, 'object_not_found', expected.body.message.replace(unknown, page.id)]);
  }
  // Reset of workspace B leaves A's history whole.
  const reset = await b.hooks.call('POST', 'reset');
  assert.equal(reset.status, 200, JSON.stringify(reset.body));
  assert.equal((await a.hooks.ok('GET', `pages/${page.id}/history`)).results.length, 3);
});
