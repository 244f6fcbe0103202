'use strict';
// Issue 15, defect 10: JSON that JavaScript's JSON.parse accepts is accepted: an
// integer beyond 64 bits is a double, a lone surrogate escape reads as U+FFFD
// (docs/compat.md "Request bodies").
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectRawError } = require('../lib/clients');
const { text, createRootPage, createDatabase } = require('../lib/fixtures');

const FFFD = '\uFFFD';

let srv; let n5; let inv;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  const root = await createRootPage(n5, 'Bytes');
  inv = await createDatabase(n5, 'v5', root.id, 'Numbers', { Name: { title: {} }, Count: { number: {} } });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('defect 10: an integer beyond 64 bits is read as a double, as JSON.parse reads it', async () => {
  const body = `{"parent":{"data_source_id":"${inv.dataSourceId}"},"properties":{`
    + '"Name":{"title":[{"text":{"content":"Big"}}]},"Count":{"number":123456789012345678901234567890}}}';
  const res = await raw(srv, { method: 'POST', path: '/v1/pages', body });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.properties.Count.number, 123456789012345678901234567890);
  assert.match(res.text, /"number":1\.2345678901234568e\+29/);
  const again = await n5.pages.retrieve({ page_id: res.json.id });
  assert.equal(again.properties.Count.number, 1.2345678901234568e+29);
});

test('defect 10: a lone surrogate escape is read as U+FFFD (raw and through the SDK)', async () => {
  const body = `{"parent":{"data_source_id":"${inv.dataSourceId}"},"properties":{`
    + '"Name":{"title":[{"text":{"content":"a\\ud800b\\udc00"}}]}}}';
  const res = await raw(srv, { method: 'POST', path: '/v1/pages', body });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.properties.Name.title[0].plain_text, `a${FFFD}b${FFFD}`);
  // JSON.stringify writes a lone surrogate as the escape \ud800, so the SDK sends one.
  const page = await n5.pages.create({
    parent: { data_source_id: inv.dataSourceId }, properties: { Name: { title: text('x\ud800') } },
  });
  assert.equal(page.properties.Name.title[0].plain_text, `x${FFFD}`);
});

test('defect 10: text that is not JSON for another reason is still invalid_json', async () => {
  const E = { status: 400, code: 'invalid_json', message: 'Error parsing JSON body.' };
  for (const body of ['{"n": 123456789012345678901234567890', '{"a":"\\ud800"', '{"a":"\\ud800","n":0123456789012345678901}']) {
    expectRawError(await raw(srv, { method: 'POST', path: '/v1/search', body }), E);
  }
});
