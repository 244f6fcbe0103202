'use strict';
// Public integrations and OAuth with SDK 5.26 oauth.token / oauth.introspect /
// oauth.revoke: a client made through the admin API, the authorize step done by the
// admin API's non-interactive call (91-oauth-browser does it in Chromium), the
// redirect_uri rules, refresh, introspect, revoke, and the errors in the RFC 6749 shape.
// The token sees exactly the pages picked and what is below them.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, adminCall } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');

const ADMIN = 'admin_e2e_oauth_0123456789';
const APP = 'http://127.0.0.1:9/callback';
const OTHER = 'http://127.0.0.1:9/other';

let srv; let n26; let client; let two; let pages;
const admin = (method, path, body) => adminCall(srv, ADMIN, method, path, body);
// The SDK as a client's server uses it: no integration token; every body is validated.
const sdk = () => v5(srv, { notionVersion: '2026-03-11', auth: undefined });
const asToken = (token) => v5(srv, { notionVersion: '2026-03-11', auth: token });

// An SDK call that must fail: the OAuth codes are not the SDK's API error codes, so it
// raises UnknownHTTPResponseError with the status and the body.
async function expectOAuthError(promise, status, error, description) {
  let err;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected ${status} ${error}`);
  assert.equal(err.status, status, err.message);
  const body = JSON.parse(err.body);
  assert.equal(body.error, error);
  if (description) assert.equal(body.error_description, description);
}

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  n26 = v5(srv, { notionVersion: '2026-03-11' });
  pages = {};
  for (const name of ['Shared A', 'Shared B', 'Private']) pages[name] = await createRootPage(n26, name);
  pages.child = await n26.pages.create({
    parent: { page_id: pages['Shared A'].id }, properties: { title: { title: text('Child of A') } },
  });
  let res = await admin('POST', 'oauth/clients', { name: 'Public app', redirect_uris: [APP], capabilities: 'read,insert' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  client = res.body;
  assert.match(client.client_id, /^[0-9a-f-]{36}$/);
  assert.match(client.client_secret, /^secret_/);
  res = await admin('POST', 'oauth/clients', { name: 'Two URIs', redirect_uris: [APP, OTHER] });
  two = res.body;
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

async function authorize(c, body) {
  const res = await admin('POST', 'oauth/authorize', { client_id: c.client_id, ...body });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

test('code exchange: the token sees exactly the pages picked and what is below them', async () => {
  const { code, redirect_url } = await authorize(client, {
    page_ids: [pages['Shared A'].id, pages['Shared B'].id], state: 'xyz',
  });
  assert.equal(redirect_url, `${APP}?code=${code}&state=xyz`);
  // One redirect URI registered, none in the authorization URL: redirect_uri is not allowed.
  const token = await sdk().oauth.token({
    client_id: client.client_id, client_secret: client.client_secret, grant_type: 'authorization_code', code,
  });
  assert.equal(token.token_type, 'bearer');
  assert.match(token.access_token, /^ntn_/);
  assert.equal(typeof token.refresh_token, 'string');
  assert.equal(token.duplicated_template_id, null);
  assert.equal(token.owner.type, 'user');
  assert.equal(token.owner.user.type, 'person');
  assert.equal(token.workspace_name, 'localnotion');

  const app = asToken(token.access_token);
  const me = await app.users.me({});
  assert.equal(me.id, token.bot_id);
  assert.equal(me.name, 'Public app');
  const found = await app.search({ filter: { property: 'object', value: 'page' } });
  assert.deepEqual(found.results.map((p) => p.id).sort(),
    [pages['Shared A'].id, pages['Shared B'].id, pages.child.id].sort());
  await app.pages.retrieve({ page_id: pages.child.id });
  await assert.rejects(app.pages.retrieve({ page_id: pages.Private.id }), (e) => e.status === 404);
  // The client's capabilities: read and insert, not update.
  await assert.rejects(app.pages.update({ page_id: pages.child.id, properties: {} }), (e) => e.status === 403);

  // A code is good once.
  await expectOAuthError(sdk().oauth.token({
    client_id: client.client_id, client_secret: client.client_secret, grant_type: 'authorization_code', code,
  }), 400, 'invalid_grant', 'Invalid code: this code has been revoked.');

  // Introspect, refresh (new tokens; the old access token stops working), revoke.
  const info = await sdk().oauth.introspect({ client_id: client.client_id, client_secret: client.client_secret, token: token.access_token });
  assert.equal(info.active, true);
  assert.equal(info.scope, 'read_content insert_content');
  assert.ok(Number.isInteger(info.iat) && Math.abs(info.iat - Date.now() / 1000) < 60);
  const refreshed = await sdk().oauth.token({
    client_id: client.client_id, client_secret: client.client_secret, grant_type: 'refresh_token', refresh_token: token.refresh_token,
  });
  assert.notEqual(refreshed.access_token, token.access_token);
  assert.equal(refreshed.bot_id, token.bot_id);
  await assert.rejects(app.users.me({}), (e) => e.status === 401);
  assert.equal((await asToken(refreshed.access_token).users.me({})).id, token.bot_id);
  await expectOAuthError(sdk().oauth.token({
    client_id: client.client_id, client_secret: client.client_secret, grant_type: 'refresh_token', refresh_token: token.refresh_token,
  }), 400, 'invalid_grant', 'Invalid refresh_token.');
  const revoked = await sdk().oauth.revoke({ client_id: client.client_id, client_secret: client.client_secret, token: refreshed.access_token });
  assert.equal(typeof revoked.request_id, 'string');
  await assert.rejects(asToken(refreshed.access_token).users.me({}), (e) => e.status === 401);
  assert.deepEqual(Object.keys(await sdk().oauth.introspect({
    client_id: client.client_id, client_secret: client.client_secret, token: refreshed.access_token,
  })).filter((k) => k !== 'request_id'), ['active']);
  assert.equal((await sdk().oauth.introspect({
    client_id: client.client_id, client_secret: client.client_secret, token: refreshed.access_token,
  })).active, false);
});

test('redirect_uri rules and client errors', async () => {
  const secret = { client_id: client.client_id, client_secret: client.client_secret };
  // redirect_uri in the authorization URL: required on exchange, and equal.
  let { code } = await authorize(client, { redirect_uri: APP, page_ids: [] });
  await expectOAuthError(sdk().oauth.token({ ...secret, grant_type: 'authorization_code', code }),
    400, 'invalid_request', 'Missing redirect_uri.');
  const ok = await sdk().oauth.token({ ...secret, grant_type: 'authorization_code', code, redirect_uri: APP });
  assert.equal(typeof ok.access_token, 'string');
  // None in the URL and one registered: not allowed.
  ({ code } = await authorize(client, { page_ids: [] }));
  await expectOAuthError(sdk().oauth.token({ ...secret, grant_type: 'authorization_code', code, redirect_uri: APP }),
    400, 'invalid_request',
    'redirect_uri is not allowed: the integration has one redirect URI and the authorization URL had none.');
  // Several registered: required, and must match.
  const twoSecret = { client_id: two.client_id, client_secret: two.client_secret };
  ({ code } = await authorize(two, { redirect_uri: OTHER, page_ids: [] }));
  await expectOAuthError(sdk().oauth.token({ ...twoSecret, grant_type: 'authorization_code', code, redirect_uri: APP }),
    400, 'invalid_grant', 'Invalid redirect_uri: it does not match the one of the authorization request.');
  const res = await admin('POST', 'oauth/authorize', { client_id: two.client_id, page_ids: [] });
  assert.equal(res.status, 400);
  assert.equal(res.body.message, 'Missing redirect_uri: the integration has more than one redirect URI.');
  const bad = await admin('POST', 'oauth/authorize', { client_id: client.client_id, redirect_uri: 'http://evil.test/', page_ids: [] });
  assert.equal(bad.status, 400);
  // A code of another client, a bad secret, an unknown grant type.
  ({ code } = await authorize(client, { page_ids: [] }));
  await expectOAuthError(sdk().oauth.token({ ...twoSecret, grant_type: 'authorization_code', code, redirect_uri: APP }),
    400, 'invalid_grant', 'Invalid code: this code was issued to another client.');
  await expectOAuthError(sdk().oauth.token({ client_id: client.client_id, client_secret: 'nope', grant_type: 'authorization_code', code }),
    401, 'invalid_client', 'Client authentication failed.');
  await expectOAuthError(sdk().oauth.token({ ...secret, grant_type: 'client_credentials', code }),
    400, 'unsupported_grant_type', 'Unsupported grant_type: client_credentials. Use authorization_code or refresh_token.');
  await expectOAuthError(sdk().oauth.token({ ...secret, grant_type: 'authorization_code', code: 'made-up' }),
    400, 'invalid_grant', 'Invalid code: this code does not exist.');
  // Without Basic credentials at all (raw HTTP).
  const raw = await fetch(`${srv.baseUrl}/v1/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'authorization_code', code }),
  });
  assert.equal(raw.status, 401);
  const body = await raw.json();
  assert.deepEqual(Object.keys(body), ['error', 'error_description', 'request_id']);
  assert.equal(body.error, 'invalid_client');
  assert.equal(body.request_id, raw.headers.get('x-notion-request-id'));
  // Cancel: error=access_denied and the state.
  const denied = await authorize(client, { deny: true, state: 's1' });
  assert.equal(denied.redirect_url, `${APP}?error=access_denied&state=s1`);
});

test('the admin API lists and deletes clients; a deleted client cannot authenticate', async () => {
  const list = await admin('GET', 'oauth/clients');
  assert.deepEqual(list.body.results.map((c) => c.name), ['Public app', 'Two URIs']);
  assert.equal('client_secret' in list.body.results[0], false);
  const del = await admin('DELETE', `oauth/clients/${two.client_id}`);
  assert.deepEqual(del.body, { object: 'oauth_client', client_id: two.client_id, deleted: true });
  await expectOAuthError(sdk().oauth.introspect({ client_id: two.client_id, client_secret: two.client_secret, token: 'x' }),
    401, 'invalid_client');
});
