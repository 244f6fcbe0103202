'use strict';
// Webhook delivery (docs/webhooks.md): retries with the same event id and growing
// attempt_number against a receiver that fails, a receiver that is down until every
// attempt is used, and at-least-once delivery across kill -9: a delivery in flight and
// a change not yet read from the outbox both arrive after the restart. Signatures are
// checked with the SDK's verifyWebhookSignature.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const { startServer, BIN } = require('../lib/server');
const { v5 } = require('../lib/clients');
const { createRootPage } = require('../lib/fixtures');
const { startReceiver } = require('../lib/webhook_receiver');
const { adminClient } = require('../lib/webhook_admin');

const ADMIN = 'admin_e2e_delivery_0123456789';
// Retry waits of 68 ms, 136 ms, ... 4.35 s: eight attempts in about 8.7 s.
const SCALE = '0.0001';
let srv; let admin; let n5; let integration; const receivers = [];

before(async () => {
  srv = await startServer({
    extraArgs: ['--admin-token', ADMIN, '--webhook-aggregation-ms', '0', '--webhook-retry-scale', SCALE],
  });
  admin = adminClient(srv, ADMIN);
  n5 = v5(srv);
  integration = await admin.integrationOf(n5);
});
after(async () => {
  for (const rx of receivers) await rx.close();
  if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); }
});

async function receiver(port) {
  const rx = await startReceiver({ port });
  receivers.push(rx);
  return rx;
}

async function delivery(subId, id, pred, ms = 20000) {
  const until = Date.now() + ms;
  for (;;) {
    const d = await admin.ok('GET', `webhooks/${subId}/deliveries/${id}`);
    if (pred(d)) return d;
    if (Date.now() > until) throw new Error(`delivery ${id} stayed ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a receiver that fails three times gets the same event on attempts 1 to 4', async () => {
  const rx = await receiver();
  const sub = await admin.subscribe(rx, { integration, event_types: ['page.created'] });
  rx.failNext(3);
  const page = await createRootPage(n5, 'Retried');
  await rx.waitFor((r) => r.events.length === 1);
  const attempts = rx.requests.filter((r) => r.json.entity && r.json.entity.id === page.id);
  assert.deepEqual(attempts.map((r) => r.json.attempt_number), [1, 2, 3, 4]);
  assert.equal(new Set(attempts.map((r) => r.json.id)).size, 1, 'the same event id on every attempt');
  assert.ok(attempts.every((r) => r.verified), 'every attempt is signed');
  // Only attempt_number differs between the bodies.
  assert.equal(attempts[3].body, attempts[0].body.replace('"attempt_number":1', '"attempt_number":4'));
  const d = await delivery(sub.id, attempts[0].json.id, (x) => x.status === 'delivered');
  assert.equal(d.attempts, 4);
  assert.equal(d.response_status, 200);
  assert.equal(d.error, null);
});

test('a receiver that is down: eight attempts, then failed; redeliver once it is back', async () => {
  const rx = await receiver();
  const port = rx.port;
  const sub = await admin.subscribe(rx, { integration, event_types: ['page.created'] });
  await rx.close();
  const page = await createRootPage(n5, 'Nobody home');
  const list = async () => (await admin.ok('GET', `webhooks/${sub.id}/deliveries`)).results;
  let event;
  for (let i = 0; i < 100 && !event; i += 1) {
    event = (await list()).find((d) => d.entity_id === page.id);
    if (!event) await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(event, 'the event is in the delivery log');
  const failed = await delivery(sub.id, event.id, (x) => x.status === 'failed', 30000);
  assert.equal(failed.attempts, 8);
  assert.equal(failed.max_attempts, 8);
  assert.equal(failed.response_status, null);
  assert.equal(typeof failed.error, 'string');
  assert.equal(JSON.parse(failed.request.body).attempt_number, 8);

  const back = await receiver(port);
  back.token = rx.token;
  await admin.ok('POST', `webhooks/${sub.id}/deliveries/${event.id}/redeliver`);
  await back.waitFor((r) => r.events.length === 1);
  assert.equal(back.events[0].id, event.id);
  assert.equal(back.events[0].attempt_number, 1);
  assert.equal(back.badSignatures, 0);
});

test('kill -9: a pending delivery and a change not yet read both arrive after the restart', async () => {
  const rx = await receiver();
  const port = rx.port;
  const sub = await admin.subscribe(rx, { integration, event_types: ['page.created'] });
  await rx.close();
  const first = await createRootPage(n5, 'Before the crash');
  // The first attempt fails (nobody listens); then the server dies mid-schedule.
  let event;
  for (let i = 0; i < 100; i += 1) {
    event = (await admin.ok('GET', `webhooks/${sub.id}/deliveries`)).results.find((d) => d.entity_id === first.id);
    if (event && event.attempts >= 1) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(event && event.attempts >= 1);
  // An acknowledged change, then kill -9 at once: its event may not be read yet.
  const second = await createRootPage(n5, 'Right before the crash');
  await srv.kill9();
  const back = await receiver(port);
  back.token = rx.token;
  await srv.restart();
  n5 = v5(srv); // the port may have changed
  await back.waitFor((r) => r.events.some((e) => e.entity.id === first.id) && r.events.some((e) => e.entity.id === second.id), 30000);
  const resent = back.events.find((e) => e.entity.id === first.id);
  assert.equal(resent.id, event.id, 'the same event id after the restart');
  assert.ok(resent.attempt_number > 1);
  assert.equal(back.badSignatures, 0);
});

function cli(args) {
  return new Promise((resolve, reject) => {
    execFile(BIN, args, { timeout: 10000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${args.join(' ')}: ${stderr}`)); else resolve(stdout);
    });
  });
}

test('the CLI subscribes on the store file; the running server sends the handshake and then events', async () => {
  const rx = await receiver();
  const db = srv.dbUrl;
  const created = JSON.parse(await cli(['webhook', 'create', '--db', db, '--integration', integration,
    '--url', rx.url, '--events', 'page.created,page.locked']));
  assert.equal(created.state, 'pending_verification');
  assert.deepEqual(created.event_types, ['page.created', 'page.locked']);
  await rx.waitFor((r) => r.token !== null);
  const verified = JSON.parse(await cli(['webhook', 'verify', created.id, '--token', rx.token, '--db', db]));
  assert.equal(verified.state, 'active');
  const page = await createRootPage(n5, 'From the CLI');
  await rx.waitFor((r) => r.events.length === 1);
  assert.deepEqual(rx.events[0].entity, { id: page.id, type: 'page' });
  assert.equal(rx.badSignatures, 0);
  const listed = JSON.parse(await cli(['webhook', 'list', '--db', db]));
  assert.ok(listed.results.some((s) => s.id === created.id && s.state === 'active'));
  assert.equal(await cli(['webhook', 'delete', created.id, '--db', db]), 'deleted\n');
});
