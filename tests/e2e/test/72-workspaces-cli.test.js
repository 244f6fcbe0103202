'use strict';
// localnotion workspace create|list|delete on a store file (docs/workspaces.md): a
// workspace made by the CLI is served by the next server on the file, with its token.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runCli, withServer, usePostgres } = require('../lib/server');
const { v5 } = require('../lib/clients');

// The test makes its own SQLite store in a temporary folder and starts a server on it;
// under LOCALNOTION_DB=postgres the harness would start that server on PostgreSQL instead.
test('workspace create, list and delete through the CLI',
  { skip: usePostgres() && 'SQLite only: the test creates its own SQLite store for the CLI' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-ws-cli-'));
  try {
    const db = `sqlite:${path.join(dir, 'ln.db')}`;
    const made = await runCli(['workspace', 'create', '--name', 'From the CLI', '--db', db]);
    assert.equal(made.code, 0, made.stderr);
    const m = made.stdout.match(/^id: (\S+)\ntoken: (\S+)\nadmin token: (admin_\S+)\n$/);
    assert.ok(m, made.stdout);
    const [, id, token] = m;
    assert.ok(fs.existsSync(path.join(dir, 'ln.db.workspaces', `${id}.db`)));
    const listed = await runCli(['workspace', 'list', '--db', db]);
    assert.equal(listed.code, 0, listed.stderr);
    // A store no server has started yet: the default workspace has no id yet.
    const rows = listed.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
    assert.deepEqual(rows.map((r) => r.slice(1)), [['localnotion', 'default'], ['From the CLI', '-']]);
    assert.equal(rows[1][0], id);

    await withServer({ dbDir: dir }, async (srv) => {
      const me = await v5(srv, { auth: token }).users.me({});
      assert.deepEqual([me.bot.workspace_id, me.bot.workspace_name], [id, 'From the CLI']);
    });

    const gone = await runCli(['workspace', 'delete', id, '--db', db]);
    assert.deepEqual([gone.code, gone.stdout], [0, 'deleted\n']);
    assert.ok(!fs.existsSync(path.join(dir, 'ln.db.workspaces', `${id}.db`)));
    const again = await runCli(['workspace', 'delete', id, '--db', db]);
    assert.equal(again.code, 1);
    assert.equal(again.stderr, `localnotion: Could not find workspace with ID: ${id}.\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
