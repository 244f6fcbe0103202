'use strict';
// Notion's limits as it answers them now (https://developers.notion.com/reference/request-limits,
// https://developers.notion.com/reference/workspace-block-limits):
//   - `serve --rate-limit 180`: a fixed budget of 180 requests per integration per
//     60-second window, spent in one burst; the next gets 429 rate_limited with an integer
//     Retry-After (the time until the window resets) that the body repeats as
//     additional_data.retry_after, with rate_limit_reason "public_api_request_rate_limit";
//   - injected 429 faults answer the same way (and other faults with a Retry-After repeat it);
//   - without the flag nothing is limited;
//   - `serve --block-limit N`: the request that reaches N lifetime blocks succeeds, the next
//     one that creates anything gets Notion's exact 403, and a refused write changes nothing.
const { test, before, after, describe } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { APIResponseError } = require('@notionhq/client');
const { v5, raw, expectRawError, adminCall } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');

const ADMIN = 'admin_limits_2026_0123456789';
const RATE_LIMITED = {
  status: 429, code: 'rate_limited', message: 'You have been rate limited. Please try again in a few minutes.',
};
const BLOCK_LIMIT = {
  status: 403,
  code: 'restricted_resource',
  message: 'This workspace has used all of its free blocks. Upgrade its plan in Notion to create more content. '
    + 'Learn more: https://www.notion.com/help/understanding-block-usage',
};

// Awaits an SDK call that must fail; returns the APIResponseError.
async function sdkError(promise) {
  try {
    const value = await promise;
    assert.fail(`expected an error, the call answered ${JSON.stringify(value).slice(0, 300)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.ok(APIResponseError.isAPIResponseError(e), `expected an APIResponseError, got ${e && e.name}: ${e && e.message}`);
    return e;
  }
}

// Sends `n` GET /v1/users/me at once with this token; answers the responses.
function burst(srv, n, token = srv.token, version = '2025-09-03') {
  return Promise.all(Array.from({ length: n }, () => raw(srv, { path: '/v1/users/me', token, version })));
}

describe('serve --rate-limit 180', () => {
  let srv;
  before(async () => { srv = await startServer({ extraArgs: ['--rate-limit', '180', '--admin-token', ADMIN] }); });
  after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

  test('180 requests in one burst pass; the 181st gets 429 with Retry-After and additional_data', async () => {
    const first = await burst(srv, 180);
    assert.deepEqual([...new Set(first.map((r) => r.status))], [200]);
    for (const version of ['2025-09-03', '2026-03-11', '2022-06-28']) {
      const res = await raw(srv, { path: '/v1/users/me', version });
      expectRawError(res, RATE_LIMITED);
      const wait = res.headers['retry-after'];
      assert.match(wait, /^[1-9][0-9]*$/, 'Retry-After is an integer number of seconds');
      assert.ok(Number(wait) <= 60, `the window resets within 60 s, Retry-After was ${wait}`);
      assert.deepEqual(res.json.additional_data, { rate_limit_reason: 'public_api_request_rate_limit', retry_after: wait });
      assert.deepEqual(Object.keys(res.json), ['object', 'status', 'code', 'message', 'request_id', 'additional_data']);
    }
  });

  test('the SDK (retries off) surfaces the 429 with its additional_data and header', async () => {
    const n5 = v5(srv, { retry: false });
    const e = await sdkError(n5.users.me({}));
    assert.deepEqual({ status: e.status, code: e.code, message: e.message }, RATE_LIMITED);
    const wait = e.headers.get('retry-after');
    assert.match(wait, /^[1-9][0-9]*$/);
    assert.deepEqual(e.additional_data, { rate_limit_reason: 'public_api_request_rate_limit', retry_after: wait });
    // A write is refused before it is looked at: nothing is created.
    const res = await raw(srv, { method: 'POST', path: '/v1/pages', body: {
      parent: { type: 'workspace', workspace: true }, properties: { title: { title: text('Never') } } } });
    expectRawError(res, RATE_LIMITED);
  });

  test('each integration has its own window', async () => {
    const created = await adminCall(srv, ADMIN, 'POST', 'integrations', { name: 'Second connection' });
    assert.equal(created.status, 200);
    const other = await burst(srv, 180, created.body.token);
    assert.deepEqual([...new Set(other.map((r) => r.status))], [200]);
    expectRawError(await raw(srv, { path: '/v1/users/me', token: created.body.token }), RATE_LIMITED);
    // Nothing the refused requests asked for was written: the first integration's
    // refused page create above is not in the workspace.
    const log = (await adminCall(srv, ADMIN, 'GET', 'requests?path=/v1/pages')).body.results;
    const creates = log.filter((e) => e.method === 'POST' && e.path === '/v1/pages');
    assert.deepEqual(creates.map((e) => e.status), [429]);
  });
});

describe('rate-limit faults and the default (no limit)', () => {
  let srv;
  before(async () => { srv = await startServer({ extraArgs: ['--admin-token', ADMIN] }); });
  after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

  test('without --rate-limit, 400 requests in a burst all pass', async () => {
    const all = await burst(srv, 400);
    assert.deepEqual([...new Set(all.map((r) => r.status))], [200]);
  });

  test('a 429 fault answers with rate_limit_reason and repeats its Retry-After', async () => {
    const added = await adminCall(srv, ADMIN, 'POST', 'faults', { path: '/v1/users/me', status: 429, count: 1, retry_after: 4 });
    assert.equal(added.status, 200);
    assert.equal(added.body.rate_limit_reason, 'public_api_request_rate_limit');
    const res = await raw(srv, { path: '/v1/users/me' });
    expectRawError(res, RATE_LIMITED);
    assert.equal(res.headers['retry-after'], '4');
    assert.deepEqual(res.json.additional_data, { rate_limit_reason: 'public_api_request_rate_limit', retry_after: '4' });
  });

  test('a fault may name another reason; without retry_after there is no header and no retry_after', async () => {
    await adminCall(srv, ADMIN, 'POST', 'faults',
      { path: '/v1/users/me', status: 429, count: 1, rate_limit_reason: 'public_api_request_blocked' });
    const n5 = v5(srv, { retry: false });
    const e = await sdkError(n5.users.me({}));
    assert.deepEqual({ status: e.status, code: e.code, message: e.message }, RATE_LIMITED);
    assert.equal(e.headers.get('retry-after'), null);
    assert.deepEqual(e.additional_data, { rate_limit_reason: 'public_api_request_blocked' });
  });

  test('a 529 fault with a Retry-After repeats the wait; a 409 has no additional_data', async () => {
    await adminCall(srv, ADMIN, 'POST', 'faults', { path: '/v1/users/me', status: 529, count: 1, retry_after: 2 });
    const res = await raw(srv, { path: '/v1/users/me' });
    expectRawError(res, { status: 529, code: 'service_overload', message: 'Service is overloaded, please try again later.' });
    assert.equal(res.headers['retry-after'], '2');
    assert.deepEqual(res.json.additional_data, { retry_after: '2' });
    await adminCall(srv, ADMIN, 'POST', 'faults', { path: '/v1/users/me', status: 409, count: 1 });
    const conflict = await raw(srv, { path: '/v1/users/me' });
    assert.equal(conflict.status, 409);
    assert.equal('additional_data' in conflict.json, false);
  });

  test('a reason with another status is refused', async () => {
    const r = await adminCall(srv, ADMIN, 'POST', 'faults', { status: 503, rate_limit_reason: 'public_api_request_rate_limit' });
    assert.equal(r.status, 400);
    assert.equal(r.body.message, "A fault's rate_limit_reason goes with status 429 (rate_limited) only.");
  });

  test('the SDK with its default retries waits out a 429 fault and succeeds', async () => {
    await adminCall(srv, ADMIN, 'POST', 'faults', { path: '/v1/users/me', status: 429, count: 1, retry_after: 1 });
    const n5 = v5(srv, { retry: { maxRetries: 2 } });
    const started = Date.now();
    const me = await n5.users.me({});
    assert.equal(me.type, 'bot');
    assert.ok(Date.now() - started >= 900, 'the SDK waited for Retry-After');
  });
});

describe('serve --block-limit 5', () => {
  let srv; let n25; let n26;
  before(async () => {
    srv = await startServer({ extraArgs: ['--block-limit', '5', '--admin-token', ADMIN] });
    n25 = v5(srv, { notionVersion: '2025-09-03' });
    n26 = v5(srv, { notionVersion: '2026-03-11' });
  });
  after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

  const paragraphs = (n, word = 'p') => Array.from({ length: n }, (_, i) => ({
    paragraph: { rich_text: text(`${word} ${i}`) } }));
  const childIds = async (id) => (await n25.blocks.children.list({ block_id: id })).results.map((b) => b.id);

  let root; let kept;
  test('5 blocks succeed; the next write that creates a block gets the exact 403', async () => {
    root = await createRootPage(n25, 'Limited');                                   // 1
    await n25.blocks.children.append({ block_id: root.id, children: paragraphs(4) }); // 5
    kept = await childIds(root.id);
    assert.equal(kept.length, 4);

    const res = await raw(srv, { method: 'PATCH', path: `/v1/blocks/${root.id}/children`,
      body: { children: paragraphs(1, 'over') } });
    expectRawError(res, BLOCK_LIMIT);
    assert.deepEqual(res.json.additional_data, { block_limit: 'block_creation' });
    assert.deepEqual(Object.keys(res.json), ['object', 'status', 'code', 'message', 'request_id', 'additional_data']);

    const e = await sdkError(n25.blocks.children.append({ block_id: root.id, children: paragraphs(1, 'over') }));
    assert.deepEqual({ status: e.status, code: e.code, message: e.message }, BLOCK_LIMIT);
    assert.deepEqual(e.additional_data, { block_limit: 'block_creation' });
  });

  test('every write that creates blocks is refused and changes nothing', async () => {
    const before = await n26.pages.retrieveMarkdown({ page_id: root.id });
    // Thunks, so that each call starts only after the previous refusal was checked: an array of live
    // promises would reject before it is awaited (an unhandled rejection fails the test run).
    const refusals = [
      () => n25.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Child') } } }),
      () => n25.pages.create({ parent: { page_id: root.id }, properties: { title: { title: text('Child') } },
        children: paragraphs(2) }),
      () => n26.pages.create({ parent: { page_id: root.id }, markdown: '# From markdown\n\nBody' }),
      () => n26.pages.updateMarkdown({ page_id: root.id, type: 'insert_content', insert_content: { content: 'More' } }),
      () => n25.databases.create({ parent: { type: 'page_id', page_id: root.id }, title: text('DB'),
        initial_data_source: { properties: { Name: { title: {} } } } }),
      () => n25.pages.create({ parent: { type: 'workspace', workspace: true }, properties: { title: { title: text('Top') } } }),
    ];
    for (const call of refusals) {
      const e = await sdkError(call());
      assert.deepEqual({ status: e.status, code: e.code, message: e.message }, BLOCK_LIMIT);
      assert.deepEqual(e.additional_data, { block_limit: 'block_creation' });
    }
    assert.deepEqual(await childIds(root.id), kept);
    assert.equal((await n26.pages.retrieveMarkdown({ page_id: root.id })).markdown, before.markdown);
    const found = await n25.search({ filter: { property: 'object', value: 'page' } });
    assert.deepEqual(found.results.map((p) => p.id), [root.id]);
  });

  test('reads, edits that create nothing and deletes go on; deleting gives no blocks back', async () => {
    const renamed = await n25.pages.update({ page_id: root.id, properties: { title: { title: text('Renamed') } } });
    assert.equal(renamed.properties.title.title[0].plain_text, 'Renamed');
    const edited = await n25.blocks.update({ block_id: kept[0], paragraph: { rich_text: text('edited') } });
    assert.equal(edited.paragraph.rich_text[0].plain_text, 'edited');
    await n25.blocks.delete({ block_id: kept[3] });
    assert.equal((await childIds(root.id)).length, 3);
    const e = await sdkError(n25.blocks.children.append({ block_id: root.id, children: paragraphs(1) }));
    assert.deepEqual({ status: e.status, code: e.code, message: e.message }, BLOCK_LIMIT);
  });

  test('the count survives a restart', async () => {
    await srv.restart();
    const e = await sdkError(n25.blocks.children.append({ block_id: root.id, children: paragraphs(1) }));
    assert.equal(e.code, 'restricted_resource');
  });

  test('after a reset, the write that reaches the limit succeeds whole, and the next is refused', async () => {
    const reset = await adminCall(srv, ADMIN, 'POST', 'reset', {});
    assert.equal(reset.status, 200);
    const page = await createRootPage(n25, 'Again');                                   // 1
    const res = await n25.blocks.children.append({ block_id: page.id, children: paragraphs(10) }); // 11: reaches 5
    assert.equal(res.results.length, 10);
    assert.equal((await childIds(page.id)).length, 10);
    const e = await sdkError(n25.blocks.children.append({ block_id: page.id, children: paragraphs(1) }));
    assert.deepEqual({ status: e.status, code: e.code, message: e.message }, BLOCK_LIMIT);
    assert.equal((await childIds(page.id)).length, 10);
  });
});
