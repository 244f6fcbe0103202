'use strict';
// Every error class of the request pipeline, in Notion's order:
// route -> JSON -> auth -> version -> path/body validation -> existence.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, raw, expectApiError, expectRawError, notFound } = require('../lib/clients');
const { UUID_RE } = require('../lib/schema');
const { text, undash, createRootPage, createDatabase, createPageIn } = require('../lib/fixtures');

const E = {
  url: { status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' },
  json: { status: 400, code: 'invalid_json', message: 'Error parsing JSON body.' },
  authFormat: { status: 401, code: 'unauthorized', message: 'Authorization header must use the format "Bearer <token>".' },
  authInvalid: { status: 401, code: 'unauthorized', message: 'API token is invalid.' },
  versionMissing: {
    status: 400, code: 'missing_version',
    message: 'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
  },
  versionBanana: {
    status: 400, code: 'missing_version',
    message: 'Notion-Version header failed validation: Notion-Version header should be `"2021-05-11"`, `"2021-05-13"`, `"2021-08-16"`, `"2022-02-22"`, `"2022-06-28"`, `"2025-09-03"`, or `"2026-03-11"`, instead was `"banana"`.',
  },
};
const badUuid = (param, value) => ({
  status: 400, code: 'validation_error',
  message: `path failed validation: path.${param} should be a valid uuid, instead was \`${JSON.stringify(value)}\`.`,
});
const MISSING = '0f0e0d0c-0b0a-4909-8807-060504030201';

let srv; let n5; let n2; let root; let inv; let item;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  n2 = v2(srv);
  root = await createRootPage(n5);
  inv = await createDatabase(n5, 'v5', root.id, 'Inventory', {
    Name: { title: {} }, Price: { number: {} }, 'In stock': { checkbox: {} },
  });
  item = await createPageIn(n5, 'v5', inv, { Name: { title: text('Widget') }, Price: { number: 1 } });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('unknown route: 400 invalid_request_url, before auth (no token)', async () => {
  expectRawError(await raw(srv, { path: '/v1/nothing/here', token: null, version: null }), E.url);
  expectRawError(await raw(srv, { path: '/v1/nothing/here' }), E.url);
  expectRawError(await raw(srv, { path: '/v2/pages', token: 'bogus' }), E.url);
  expectRawError(await raw(srv, { path: `/v1/pages/${item.id}/nope`, token: null }), E.url);
});

test('wrong method: 400 invalid_request_url, before auth', async () => {
  expectRawError(await raw(srv, { method: 'PUT', path: '/v1/users/me', token: null, version: null }), E.url);
  expectRawError(await raw(srv, { method: 'DELETE', path: `/v1/pages/${item.id}`, token: 'bogus' }), E.url);
  expectRawError(await raw(srv, { method: 'POST', path: '/v1/users', body: {} }), E.url);
});

test('unparsable JSON body: 400 invalid_json, before auth', async () => {
  const path = `/v1/pages/${item.id}`;
  expectRawError(await raw(srv, { method: 'PATCH', path, body: '{"properties": {', token: null, version: null }), E.json);
  expectRawError(await raw(srv, { method: 'PATCH', path, body: 'not json', token: 'bogus' }), E.json);
  expectRawError(await raw(srv, { method: 'POST', path: '/v1/pages', body: '{"a":1,}' }), E.json);
  // still unchanged
  const page = await n5.pages.retrieve({ page_id: item.id });
  assert.equal(page.properties.Price.number, 1);
});

test('missing or malformed Authorization: 401 with the format message', async () => {
  const path = '/v1/users/me';
  expectRawError(await raw(srv, { path, token: null }), E.authFormat);
  expectRawError(await raw(srv, { path, token: null, headers: { Authorization: `Token ${srv.token}` } }), E.authFormat);
  expectRawError(await raw(srv, { path, token: null, headers: { Authorization: 'Bearer' } }), E.authFormat);
  expectRawError(await raw(srv, { path, token: null, headers: { Authorization: srv.token } }), E.authFormat);
  // SDK without auth sends no header at all
  await expectApiError(v5(srv, { auth: undefined }).users.me({}), E.authFormat);
});

test('unknown token: 401 API token is invalid (SDK v5 and v2)', async () => {
  expectRawError(await raw(srv, { path: '/v1/users/me', token: 'secret_nope' }), E.authInvalid);
  await expectApiError(v5(srv, { auth: 'secret_nope' }).pages.update({
    page_id: item.id, properties: { 'In stock': { checkbox: true } },
  }), E.authInvalid);
  await expectApiError(v2(srv, { auth: 'secret_nope' }).pages.retrieve({ page_id: item.id }), E.authInvalid);
});

test('auth is checked before the version header', async () => {
  expectRawError(await raw(srv, { path: '/v1/users/me', token: null, version: null }), E.authFormat);
  expectRawError(await raw(srv, { path: '/v1/users/me', token: 'secret_nope', version: 'banana' }), E.authInvalid);
});

test('header names match regardless of case', async () => {
  const res = await raw(srv, {
    path: `/v1/pages/${item.id}`, token: null, version: null,
    headers: { AUTHORIZATION: `Bearer ${srv.token}`, 'notion-version': '2025-09-03' },
  });
  assert.equal(res.status, 200);
  assert.equal(res.json.id, item.id);
});

test('missing Notion-Version: 400 missing_version', async () => {
  expectRawError(await raw(srv, { path: '/v1/users/me', version: null }), E.versionMissing);
  expectRawError(await raw(srv, {
    method: 'PATCH', path: `/v1/pages/${item.id}`, version: null, body: { properties: {} },
  }), E.versionMissing);
});

test('unknown Notion-Version banana: 400 missing_version listing the served versions', async () => {
  expectRawError(await raw(srv, { path: '/v1/users/me', version: 'banana' }), E.versionBanana);
  await expectApiError(v5(srv, { notionVersion: 'banana' }).users.me({}), E.versionBanana);
});

test('bad uuid in the path: 400 validation_error per path parameter', async () => {
  await expectApiError(n5.pages.update({ page_id: 'not-an-id', properties: {} }), badUuid('page_id', 'not-an-id'));
  await expectApiError(n5.pages.retrieve({ page_id: 'not-an-id' }), badUuid('page_id', 'not-an-id'));
  await expectApiError(n2.pages.retrieve({ page_id: 'not-an-id' }), badUuid('page_id', 'not-an-id'));
  await expectApiError(n5.databases.retrieve({ database_id: 'xyz' }), badUuid('database_id', 'xyz'));
  await expectApiError(n5.dataSources.retrieve({ data_source_id: '1234' }), badUuid('data_source_id', '1234'));
  await expectApiError(n5.users.retrieve({ user_id: 'someone' }), badUuid('user_id', 'someone'));
});

test('missing page: 404 object_not_found with the dashed lower-case id (v5 and v2)', async () => {
  await expectApiError(n5.pages.update({ page_id: MISSING, properties: { 'In stock': { checkbox: true } } }),
    notFound('page', MISSING));
  await expectApiError(n2.pages.update({ page_id: MISSING, properties: { 'In stock': { checkbox: true } } }),
    notFound('page', MISSING));
  await expectApiError(n5.pages.retrieve({ page_id: undash(MISSING).toUpperCase() }), notFound('page', MISSING));
});

test('missing database and data source: 404 object_not_found', async () => {
  await expectApiError(n5.databases.retrieve({ database_id: MISSING }), notFound('database', MISSING));
  await expectApiError(n2.databases.retrieve({ database_id: MISSING }), notFound('database', MISSING));
  // The contract left the data-source text open; the server says "data source".
  await expectApiError(n5.dataSources.retrieve({ data_source_id: MISSING }), notFound('data source', MISSING));
});

test('a page id given to /v1/databases/{id}: 400 "is a page, not a database"', async () => {
  await expectApiError(n5.databases.retrieve({ database_id: item.id }), {
    status: 400, code: 'validation_error',
    message: `Provided ID ${item.id} is a page, not a database. Use the retrieve page API instead.`,
  });
});

test('a database id given to /v1/pages/{id}: 400 "is a database, not a page"', async () => {
  const expected = {
    status: 400, code: 'validation_error',
    message: `Provided ID ${inv.databaseId} is a database, not a page. Use the retrieve database API instead.`,
  };
  await expectApiError(n5.pages.update({ page_id: inv.databaseId, properties: {} }), expected);
  await expectApiError(n5.pages.retrieve({ page_id: undash(inv.databaseId) }), expected);
});

test('unknown top-level body key: "should be not present", value JSON-encoded', async () => {
  const path = `/v1/pages/${item.id}`;
  expectRawError(await raw(srv, { method: 'PATCH', path, body: { foo: 'bar' } }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.foo should be not present, instead was `"bar"`.',
  });
  expectRawError(await raw(srv, { method: 'PATCH', path, body: { foo: { a: [1, true, null] } } }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.foo should be not present, instead was `{"a":[1,true,null]}`.',
  });
  expectRawError(await raw(srv, { method: 'PATCH', path, body: { extra: 42 } }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.extra should be not present, instead was `42`.',
  });
});

test('parent in a PATCH body is "should be not present" and the parent never changes', async () => {
  const path = `/v1/pages/${item.id}`;
  expectRawError(await raw(srv, { method: 'PATCH', path, body: { parent: { page_id: root.id } } }), {
    status: 400, code: 'validation_error',
    message: `body failed validation: body.parent should be not present, instead was \`{"page_id":"${root.id}"}\`.`,
  });
  const page = await n5.pages.retrieve({ page_id: item.id });
  assert.deepEqual(page.parent, { type: 'data_source_id', data_source_id: inv.dataSourceId, database_id: inv.databaseId });
});

test('body validation comes before existence', async () => {
  expectRawError(await raw(srv, { method: 'PATCH', path: `/v1/pages/${MISSING}`, body: { foo: 'bar' } }), {
    status: 400, code: 'validation_error',
    message: 'body failed validation: body.foo should be not present, instead was `"bar"`.',
  });
});

test('empty body {} and no body at all are valid no-ops returning the page', async () => {
  const before = await n5.pages.retrieve({ page_id: item.id });
  const a = await raw(srv, { method: 'PATCH', path: `/v1/pages/${item.id}`, body: {} });
  assert.equal(a.status, 200);
  assert.deepEqual(a.json.properties, before.properties);
  const b = await raw(srv, { method: 'PATCH', path: `/v1/pages/${item.id}` });
  assert.equal(b.status, 200);
  assert.deepEqual(b.json.properties, before.properties);
  const c = await n2.pages.update({ page_id: item.id }); // v2 sends no body here
  assert.equal(c.properties.Price.number, 1);
});

test('every response has x-notion-request-id; error bodies carry request_id', async () => {
  const ok = await raw(srv, { path: '/v1/users/me' });
  assert.equal(ok.status, 200);
  assert.ok(ok.headers['x-notion-request-id']);
  const err = await raw(srv, { path: '/v1/users/me', token: null });
  assert.equal(err.status, 401);
  assert.ok(err.headers['x-notion-request-id']);
  assert.match(err.json.request_id, UUID_RE);
  assert.deepEqual(Object.keys(err.json).sort(), ['code', 'message', 'object', 'request_id', 'status']);
  assert.match(err.headers['content-type'], /^application\/json/);
  const other = await raw(srv, { path: '/v1/users/me', token: null });
  assert.notEqual(other.headers['x-notion-request-id'], err.headers['x-notion-request-id'], 'request ids are unique');
});

test('`//` in the path is collapsed', async () => {
  const res = await raw(srv, { path: `//v1//pages/${item.id}` });
  assert.equal(res.status, 200);
  assert.equal(res.json.id, item.id);
  const me = await raw(srv, { path: '//v1/users/me' });
  assert.equal(me.status, 200);
  assert.equal(me.json.type, 'bot');
});
