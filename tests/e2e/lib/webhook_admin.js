'use strict';
// The admin API's webhook calls for the webhook tests (docs/webhooks.md).
const assert = require('node:assert/strict');

function adminClient(srv, token) {
  const call = async (method, path, body) => {
    const res = await fetch(`${srv.baseUrl}/_localnotion/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const ok = async (method, path, body) => {
    const r = await call(method, path, body);
    assert.equal(r.status, 200, `${method} ${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return {
    call,
    ok,
    // The id of the integration behind `client` (an SDK client).
    async integrationOf(client) {
      const me = await client.users.me({});
      const all = await ok('GET', 'integrations');
      const found = all.results.find((i) => i.bot_user_id === me.id);
      assert.ok(found, 'the integration of the token');
      return found.id;
    },
    // Creates a subscription pointing at `rx`, waits for the handshake and verifies it.
    async subscribe(rx, { integration, event_types, api_version }) {
      const before = rx.requests.length;
      const sub = await ok('POST', 'webhooks', { integration, url: rx.url, event_types, api_version });
      assert.equal(sub.state, 'pending_verification');
      await rx.waitFor((r) => r.requests.length > before);
      const handshake = rx.requests[before];
      assert.equal(handshake.body, `{"verification_token":"${handshake.json.verification_token}"}`);
      const verified = await ok('POST', `webhooks/${sub.id}/verify`, { verification_token: rx.token });
      assert.equal(verified.state, 'active');
      return verified;
    },
    sendNow() { return ok('POST', 'webhooks/send_now'); },
  };
}

module.exports = { adminClient };
