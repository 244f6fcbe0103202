'use strict';
// GET /v1/users/me, GET /v1/users, GET /v1/users/{id}.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2, expectApiError } = require('../lib/clients');
const { createRootPage } = require('../lib/fixtures');

let srv; let n5; let n2;
before(async () => {
  srv = await startServer();
  n5 = v5(srv);
  n2 = v2(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

test('users.me: the integration bot, owned by the workspace (v5 and v2)', async () => {
  const me = await n5.users.me({});
  assert.equal(me.object, 'user');
  assert.equal(me.type, 'bot');
  assert.equal(typeof me.name, 'string');
  assert.deepEqual(me.bot.owner, { type: 'workspace', workspace: true });
  assert.equal(typeof me.bot.workspace_name, 'string');
  const me2 = await n2.users.me({});
  assert.equal(me2.id, me.id);
  assert.equal(me2.type, 'bot');
});

test('pages are created and edited by the bot from users.me', async () => {
  const me = await n5.users.me({});
  const root = await createRootPage(n5);
  assert.deepEqual(root.created_by, { object: 'user', id: me.id });
  assert.deepEqual(root.last_edited_by, { object: 'user', id: me.id });
});

test('users.list: the owner (a person with name and email) and the bot', async () => {
  const me = await n5.users.me({});
  const list = await n5.users.list({});
  assert.equal(list.object, 'list');
  assert.equal(list.type, 'user');
  assert.equal(list.has_more, false);
  assert.equal(list.next_cursor, null);
  const people = list.results.filter((u) => u.type === 'person');
  const bots = list.results.filter((u) => u.type === 'bot');
  assert.equal(people.length, 1, 'one person user, the owner');
  assert.equal(typeof people[0].name, 'string');
  assert.ok(people[0].name.length > 0);
  assert.match(people[0].person.email, /^[^@\s]+@[^@\s]+$/);
  assert.ok(bots.some((b) => b.id === me.id), 'the bot is listed');
  const list2 = await n2.users.list({});
  assert.deepEqual(list2.results.map((u) => u.id).sort(), list.results.map((u) => u.id).sort());
});

test('users.retrieve: the person and the bot by id', async () => {
  const list = await n5.users.list({});
  for (const u of list.results) {
    const g = await n5.users.retrieve({ user_id: u.id });
    assert.equal(g.id, u.id);
    assert.equal(g.type, u.type);
    assert.equal(g.name, u.name);
    if (u.type === 'person') assert.equal(g.person.email, u.person.email);
  }
});

test('users.retrieve: unknown id 404, bad id 400', async () => {
  const missing = '0f0e0d0c-0b0a-4909-8807-060504030201';
  await expectApiError(n5.users.retrieve({ user_id: missing }), {
    status: 404, code: 'object_not_found',
    message: `Could not find user with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`,
  });
  await expectApiError(n2.users.retrieve({ user_id: 'nobody' }), {
    status: 400, code: 'validation_error',
    message: 'path failed validation: path.user_id should be a valid uuid, instead was `"nobody"`.',
  });
});
