'use strict';
// Each worker's token names its own workspace, and its admin token only that workspace.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useWorkspace } = require('../workspace');

const ws = useWorkspace('identity');

test('users/me names this worker\'s workspace', async () => {
  const me = await ws.notion.users.me({});
  assert.equal(me.bot.workspace_id, ws.id);
  assert.match(me.bot.workspace_name, /^identity \(pid \d+\)$/);
});

test('the workspace\'s admin token cannot touch the default workspace', async () => {
  const res = await fetch(`${process.env.LOCALNOTION_URL}/_localnotion/reset`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ws.adminToken}` },
  });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).code, 'restricted_resource');
});
