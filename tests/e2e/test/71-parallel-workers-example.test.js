'use strict';
// examples/parallel-workers (docs/workspaces.md): node --test runs three files in
// parallel processes against one server, each in a workspace it creates and deletes;
// all pass, and afterwards only the default workspace is left, untouched.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { withServer } = require('../lib/server');
const { v5, adminCall } = require('../lib/clients');

const EXAMPLE = path.resolve(__dirname, '../../../examples/parallel-workers');
const ADMIN = 'admin_e2e_parallel_workers_0123';

function runExample(srv) {
  // Without the variable node:test sets for the processes it runs, the example's runner
  // reports as a standalone one.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--test', '--test-concurrency=3', '--test-reporter=tap', 'test/'], {
      cwd: EXAMPLE,
      timeout: 60000,
      env: {
        ...env,
        LOCALNOTION_URL: srv.baseUrl,
        LOCALNOTION_ADMIN_TOKEN: ADMIN,
        // The SDK of the e2e suite: the example itself has no node_modules.
        NODE_PATH: path.resolve(__dirname, '../node_modules'),
      },
    }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

test('three workers in parallel, one workspace each, all pass and clean up', async () => {
  await withServer({ extraArgs: ['--admin-token', ADMIN] }, async (srv) => {
    const mine = await v5(srv).pages.create({
      parent: { type: 'workspace', workspace: true },
      properties: { title: { title: [{ text: { content: 'Shared title' } }] } },
    });
    const run = await runExample(srv);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^# pass 5$/m);
    assert.match(run.stdout, /^# fail 0$/m);
    // Three workspaces were made (the request log of the default workspace shows none of
    // their requests) and deleted.
    const list = await adminCall(srv, ADMIN, 'GET', 'workspaces');
    assert.deepEqual(list.body.results.map((w) => w.default), [true]);
    const found = await v5(srv).search({ query: 'Shared title' });
    assert.deepEqual(found.results.map((p) => p.id), [mine.id]);
  });
});
