'use strict';
// One localnotion workspace per test file (docs/workspaces.md). node --test runs each
// file in a process of its own, in parallel; each file creates its own workspace on the
// one running server through the admin API, works only with that workspace's token, and
// deletes the workspace at the end. Nothing one file does is seen by another.
//
//   const { useWorkspace } = require('../workspace');
//   const ws = useWorkspace('tasks');   // in a test file, at the top level
//   test('...', async () => { await ws.notion.pages.create(...); await ws.reset(); });
const { before, after } = require('node:test');
const { Client } = require('@notionhq/client');

const BASE_URL = process.env.LOCALNOTION_URL || 'http://127.0.0.1:8787';
const ADMIN_TOKEN = process.env.LOCALNOTION_ADMIN_TOKEN;

async function admin(token, method, path, body) {
  const res = await fetch(`${BASE_URL}/_localnotion/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} /_localnotion/${path}: ${res.status} ${json.code}: ${json.message}`);
  return json;
}

function useWorkspace(name) {
  const ws = {};
  before(async () => {
    if (!ADMIN_TOKEN) throw new Error('set LOCALNOTION_ADMIN_TOKEN (localnotion serve --admin-token ...)');
    // The server's admin token creates the workspace; everything after uses the
    // workspace's own tokens, which cannot touch any other workspace.
    const created = await admin(ADMIN_TOKEN, 'POST', 'workspaces', { name: `${name} (pid ${process.pid})` });
    ws.id = created.id;
    ws.adminToken = created.admin_token;
    ws.notion = new Client({ auth: created.token, baseUrl: BASE_URL });
    // The workspace's own admin routes: /_localnotion/workspaces/{id}/<route>.
    ws.admin = (method, route, body) => admin(ws.adminToken, method, `workspaces/${ws.id}/${route}`, body);
    ws.reset = () => ws.admin('POST', 'reset', {});
    ws.seed = (fixture) => ws.admin('POST', 'seed', fixture);
  });
  after(async () => {
    if (ws.id) await admin(ws.adminToken, 'DELETE', `workspaces/${ws.id}`);
  });
  return ws;
}

module.exports = { useWorkspace };
