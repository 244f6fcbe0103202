'use strict';
// The admin API under /_localnotion/: health, the request log, fault injection (with
// the SDKs' reactions: 5.x retries a 429, 2.x does not), and reset.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError } = require('../lib/clients');
const { text, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');

const ADMIN = 'admin_e2e_token_0123456789';
let srv; let n5; let n2; let inv; let page;

async function admin(method, path, body, token = ADMIN) {
  const res = await fetch(`${srv.baseUrl}/_localnotion/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  n5 = v5(srv, { retry: { maxRetries: 2, initialRetryDelayMs: 50, maxRetryDelayMs: 2000 } });
  n2 = v2(srv);
  const root = await createRootPage(n5);
  inv = await createDatabase(n5, 'v5', root.id, 'Inventory', { Name: { title: {} }, 'In stock': { checkbox: {} } });
  page = await createPageIn(n5, 'v5', inv, { Name: { title: text('Kale') } });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('health answers the admin token only', async () => {
  assert.deepEqual(await admin('GET', 'health').then((r) => [r.status, r.body]), [200, { status: 'ok' }]);
  const wrong = await admin('GET', 'health', undefined, srv.token);
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.code, 'unauthorized');
  assert.equal(wrong.body.message, 'API token is invalid.');
  const unknown = await admin('GET', 'nothing');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.code, 'invalid_request_url');
});

test('the request log records method, path, integration, version, bodies, status; filters; clears', async () => {
  await admin('DELETE', 'requests');
  const me = await n5.users.me({});
  await n2.pages.update({ page_id: page.id, properties: { 'In stock': { checkbox: true } } });
  await expectApiError(n5.pages.retrieve({ page_id: 'not-an-id' }), {
    status: 400,
    code: 'validation_error',
    message: 'path failed validation: path.page_id should be a valid uuid, instead was `"not-an-id"`.',
  });
  const all = (await admin('GET', 'requests')).body.results;
  assert.equal(all.length, 3);
  assert.deepEqual(all.map((e) => [e.method, e.path, e.status, e.notion_version]), [
    ['GET', '/v1/users/me', 200, '2025-09-03'],
    ['PATCH', `/v1/pages/${page.id}`, 200, '2022-06-28'],
    ['GET', '/v1/pages/not-an-id', 400, '2025-09-03'],
  ]);
  assert.equal(all[1].integration.name, me.name);
  assert.deepEqual(JSON.parse(all[1].request_body), { properties: { 'In stock': { checkbox: true } } });
  assert.equal(JSON.parse(all[1].response_body).id, page.id);
  assert.ok(all.every((e) => typeof e.latency_ms === 'number' && e.latency_ms >= 0));
  // Headers, names in lower case: what the SDK sent except its token, and what the server answered.
  for (const e of all) {
    assert.equal(e.request_headers['notion-version'], e.notion_version);
    assert.equal(e.request_headers.authorization, undefined);
    assert.equal(e.request_headers.host, `127.0.0.1:${srv.port}`);
    assert.match(e.request_headers['user-agent'], /notionhq-client/);
    assert.equal(e.response_headers['x-notion-request-id'], e.request_id);
  }
  assert.equal(all[1].request_headers['content-type'], 'application/json');
  assert.deepEqual(all[1].response_headers, { 'content-type': 'application/json; charset=utf-8', 'x-notion-request-id': all[1].request_id });
  const only400 = (await admin('GET', 'requests?status=400')).body.results;
  assert.deepEqual(only400.map((e) => e.path), ['/v1/pages/not-an-id']);
  const byPath = (await admin('GET', 'requests?path=/v1/pages/*')).body.results;
  assert.equal(byPath.length, 2);
  const byIntegration = (await admin('GET', `requests?integration=${encodeURIComponent('nobody')}`)).body.results;
  assert.equal(byIntegration.length, 0);
  await admin('DELETE', 'requests');
  assert.equal((await admin('GET', 'requests')).body.results.length, 0);
});

test('request-log filters are percent-decoded: an integration name with a space', async () => {
  const created = await admin('POST', 'integrations', { name: 'Filtered bot' });
  assert.equal(created.status, 200);
  await admin('DELETE', 'requests');
  const res = await fetch(`${srv.baseUrl}/v1/users/me`, {
    headers: { authorization: `Bearer ${created.body.token}`, 'notion-version': '2025-09-03' },
  });
  assert.equal(res.status, 200);
  await n5.users.me({});
  for (const query of [`integration=${encodeURIComponent('Filtered bot')}`, 'integration=Filtered+bot']) {
    const found = (await admin('GET', `requests?${query}`)).body.results;
    assert.deepEqual(found.map((e) => [e.path, e.integration.name]), [['/v1/users/me', 'Filtered bot']], query);
  }
  // No secret is logged: not the token, not a cookie; a header sent twice shows both values.
  await admin('DELETE', 'requests');
  const http = require('node:http');
  await new Promise((resolve, reject) => {
    const req = http.request(`${srv.baseUrl}/v1/users/me`, {
      headers: [['Authorization', `Bearer ${created.body.token}`], ['Notion-Version', '2025-09-03'], ['Cookie', 'session=secret'],
        ['Proxy-Authorization', 'Basic c2VjcmV0'], ['X-Trace', 'a'], ['X-Trace', 'b']],
    }, (r) => { r.resume(); r.on('end', resolve); });
    req.on('error', reject);
    req.end();
  });
  const [logged] = (await admin('GET', 'requests')).body.results;
  // node:http adds Connection (keep-alive or close) and, given headers as pairs, no Host.
  const { connection, ...sent } = logged.request_headers;
  assert.match(connection, /^(keep-alive|close)$/);
  assert.deepEqual(sent, { 'notion-version': '2025-09-03', 'x-trace': 'a, b' });
  assert.equal(JSON.stringify(logged).includes('secret'), false);
  assert.equal(JSON.stringify(logged).includes(created.body.token), false);
  // Path segments are decoded too; the later reset test expects one integration.
  const removed = await admin('DELETE', `integrations/${encodeURIComponent('Filtered bot')}`);
  assert.deepEqual([removed.status, removed.body.deleted], [200, true]);
});

test('a 429 fault: 5.x retries and succeeds; 2.x gets rate_limited with Retry-After', async () => {
  const added = await admin('POST', 'faults', { method: 'PATCH', path: '/v1/pages/*', status: 429, count: 1, retry_after: 1 });
  assert.equal(added.status, 200);
  assert.equal(added.body.code, 'rate_limited');
  await admin('DELETE', 'requests');
  const started = Date.now();
  const r = await n5.pages.update({ page_id: page.id, properties: { 'In stock': { checkbox: false } } });
  assert.equal(r.properties['In stock'].checkbox, false);
  assert.ok(Date.now() - started >= 900, 'the SDK waited for Retry-After');
  const log = (await admin('GET', 'requests')).body.results;
  assert.deepEqual(log.map((e) => e.status), [429, 200]);
  assert.equal(JSON.parse(log[0].response_body).message, 'You have been rate limited. Please try again in a few minutes.');

  await admin('POST', 'faults', { method: 'PATCH', path: '/v1/pages/*', status: 429, count: 1, retry_after: 7 });
  let caught;
  try {
    await n2.pages.update({ page_id: page.id, properties: { 'In stock': { checkbox: true } } });
  } catch (e) { caught = e; }
  assert.ok(caught, '2.x does not retry');
  assert.equal(caught.status, 429);
  assert.equal(caught.code, 'rate_limited');
  assert.equal(caught.headers.get('retry-after'), '7');
  assert.equal((await n5.pages.retrieve({ page_id: page.id })).properties['In stock'].checkbox, false);
});

test('a 409 conflict fault changes nothing; GET lists faults; DELETE clears them', async () => {
  await admin('POST', 'faults', { method: 'PATCH', path: `/v1/pages/${page.id}`, status: 409 });
  assert.equal((await admin('GET', 'faults')).body.results.length, 1);
  await expectApiError(n5.pages.update({ page_id: page.id, properties: { 'In stock': { checkbox: true } } }), {
    status: 409,
    code: 'conflict_error',
    message: 'Conflict occurred while saving. Please try again.',
  });
  assert.equal((await n5.pages.retrieve({ page_id: page.id })).properties['In stock'].checkbox, false);
  await admin('DELETE', 'faults');
  assert.deepEqual((await admin('GET', 'faults')).body.results, []);
  const ok = await n5.pages.update({ page_id: page.id, properties: { 'In stock': { checkbox: true } } });
  assert.equal(ok.properties['In stock'].checkbox, true);
});

test('a latency fault delays the answer', async () => {
  await admin('POST', 'faults', { path: '/v1/users/me', latency_ms: 300, count: 1 });
  const started = Date.now();
  await n5.users.me({});
  assert.ok(Date.now() - started >= 290);
});

test('a malformed fault is refused', async () => {
  const r = await admin('POST', 'faults', { status: 418 });
  assert.equal(r.status, 400);
  assert.equal(r.body.message, 'body failed validation: body.status should be one of 409, 429, 500, 502, 503, 504 or 529, instead was `418`.');
});

test('reset empties the workspace and keeps the integration', async () => {
  const r = await admin('POST', 'reset', {});
  assert.deepEqual([r.status, r.body], [200, { status: 'reset', kept_integrations: true }]);
  await expectApiError(n5.pages.retrieve({ page_id: page.id }), {
    status: 404,
    code: 'object_not_found',
    message: `Could not find page with ID: ${page.id}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  const users = await n5.users.list({});
  assert.deepEqual(users.results.map((u) => u.type).sort(), ['bot', 'person']);
  const fresh = await createRootPage(n5, 'After reset');
  assert.equal(fresh.object, 'page');
});
