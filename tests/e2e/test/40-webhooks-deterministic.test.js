'use strict';
// Webhooks under --deterministic (docs/webhooks.md): the aggregation window and the
// retry schedule follow the controlled clock (POST /_localnotion/clock), at Notion's own
// scale (retry scale 1: the second attempt 680 s after the first), and event timestamps
// are the clock's.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5 } = require('../lib/clients');
const { createRootPage } = require('../lib/fixtures');
const { startReceiver } = require('../lib/webhook_receiver');
const { adminClient } = require('../lib/webhook_admin');

const ADMIN = 'admin_e2e_deterministic_0123456789';
let srv; let admin; let n5; let rx;

before(async () => {
  srv = await startServer({
    extraArgs: ['--admin-token', ADMIN, '--deterministic', '11', '--webhook-aggregation-ms', '60000'],
  });
  admin = adminClient(srv, ADMIN);
  n5 = v5(srv);
  rx = await startReceiver();
});
after(async () => {
  if (rx) await rx.close();
  if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); }
});

const quiet = () => new Promise((r) => setTimeout(r, 300));

test('the window and the retries wait for the controlled clock', async () => {
  const integration = await admin.integrationOf(n5);
  await admin.subscribe(rx, { integration, event_types: ['page.created', 'page.locked'] });
  const page = await createRootPage(n5, 'Clockwork');
  await quiet();
  assert.equal(rx.events.length, 0, 'held for the window: the clock has not moved');
  await admin.ok('POST', 'clock', { advance_ms: 60000 });
  await rx.waitFor((r) => r.events.length === 1);
  assert.equal(rx.events[0].type, 'page.created');
  assert.equal(rx.events[0].timestamp, '2025-01-01T00:00:00.000Z');

  rx.failNext(1);
  await n5.pages.update({ page_id: page.id, is_locked: true });
  await rx.waitFor((r) => r.requests.some((q) => q.json.type === 'page.locked'));
  await quiet();
  assert.equal(rx.requests.filter((q) => q.json.type === 'page.locked').length, 1, 'the retry waits 680 s');
  await admin.ok('POST', 'clock', { advance_ms: 679000 });
  await quiet();
  assert.equal(rx.events.length, 1);
  await admin.ok('POST', 'clock', { advance_ms: 1000 });
  await rx.waitFor((r) => r.events.length === 2);
  assert.equal(rx.events[1].type, 'page.locked');
  assert.equal(rx.events[1].attempt_number, 2);
  assert.equal(rx.badSignatures, 0);
});

test('an upload left unattached gives file_upload.expired once the clock passes its hour', async () => {
  const rx2 = await startReceiver();
  try {
    const integration = await admin.integrationOf(n5);
    await admin.subscribe(rx2, { integration, event_types: ['file_upload.expired'] });
    await admin.sendNow(); // the first look notes the time: expiries before it give nothing
    const upload = await n5.fileUploads.create({ filename: 'late.txt', content_type: 'text/plain' });
    await admin.ok('POST', 'clock', { advance_ms: 59 * 60 * 1000 });
    await admin.sendNow();
    await quiet();
    assert.equal(rx2.events.length, 0, 'not yet: 59 minutes');
    await admin.ok('POST', 'clock', { advance_ms: 2 * 60 * 1000 });
    await admin.sendNow();
    await rx2.waitFor((r) => r.events.length === 1);
    const e = rx2.events[0];
    assert.equal(e.type, 'file_upload.expired');
    assert.deepEqual(e.entity, { id: upload.id, type: 'file_upload' });
    assert.equal('data' in e, false);
    assert.equal(e.attempt_number, 1);
    const got = await n5.fileUploads.retrieve({ file_upload_id: upload.id });
    assert.equal(got.status, 'expired');
    await admin.sendNow();
    await quiet();
    assert.equal(rx2.events.length, 1, 'once');
    assert.equal(rx2.badSignatures, 0);
  } finally {
    await rx2.close();
  }
});
