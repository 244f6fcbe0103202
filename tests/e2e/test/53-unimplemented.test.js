'use strict';
// Unsupported is never silent: a route Notion has and localnotion does not implement
// yet answers Notion's 400 invalid_request with a message that says so, not "Invalid
// request URL." (which reads as the caller's mistake). SDK 5.x methods and raw HTTP.
// Every route of SDK 5.26 is implemented now (meeting notes and async tasks:
// 67-meeting-notes.test.js); what stays is that the routes which were listed here answer
// as implemented routes, and that a path Notion does not have is "Invalid request URL.".
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, raw, expectRawError } = require('../lib/clients');

const ID = '59833787-2cf9-4fdf-8782-e53db20768a5';

let srv; let n26;
before(async () => {
  srv = await startServer();
  n26 = v5(srv, { notionVersion: '2026-03-11' });
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('meeting notes through the SDK', async () => {
  // Implemented now: an empty workspace has no meeting notes.
  assert.deepEqual(await n26.blocks.meetingNotes.query({}), { results: [], has_more: false });
});

test('meeting notes and async tasks over raw HTTP, under both versions', async () => {
  for (const version of ['2025-09-03', '2026-03-11']) {
    // The Views API is implemented now (90-views*.test.js): an unknown view is a 404.
    expectRawError(await raw(srv, { method: 'DELETE', path: `/v1/views/${ID}`, version }), {
      status: 404, code: 'object_not_found',
      message: `Could not find view with ID: ${ID}. Make sure the relevant pages and databases are shared with your integration.`,
    });
    const query = await raw(srv, { method: 'POST', path: '/v1/blocks/meeting_notes/query', version, body: {} });
    assert.equal(query.status, 200);
    assert.deepEqual(query.json, { results: [], has_more: false });
    expectRawError(await raw(srv, { path: `/v1/async_tasks/${ID}`, version }), {
      status: 404, code: 'object_not_found',
      message: `Could not find async task with ID: ${ID}. Make sure the relevant pages and databases are shared with your integration.`,
    });
  }
  // A path Notion does not have is still "Invalid request URL.".
  expectRawError(await raw(srv, { path: '/v1/nothing', version: '2026-03-11' }),
    { status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' });
});
