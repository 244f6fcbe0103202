'use strict';
// e2e-runs-alone: it drives a browser (run.sh).
// The web UI with a workspace's own admin token (docs/ui.md, docs/workspaces.md), in a
// real browser (Debian's Chromium through Playwright, or Firefox ESR): two workspaces made
// through the admin API, a login with one's admin_token (its ID is found through GET
// /_localnotion/token) shows that workspace only (its pages, a page's history, its request log, its faults; the rate limit read but
// not set), and every admin call of the session acts on it (the UI's integration is made
// there and removed at log out). A wrong token, a workspace's token with the other's ID,
// an ID that is no UUID and an unknown workspace are refused at login. The server's admin
// token still logs in to the default workspace as before, or to any workspace named.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { startServer } = require('../lib/server');
const { launchBrowser } = require('../lib/browser');
const { v5, adminCall } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');

const ADMIN = 'admin_ui_workspaces_test_0123456789';
const UI_INTEGRATION = /^localnotion web UI [0-9a-f]{8}$/;

let srv;
let browser;
let page;
let alpha; // { id, name, token, admin, client, page }
let beta;
let defaultPage;

const admin = (method, route, body, token = ADMIN) => adminCall(srv, token, method, route, body);

async function makeWorkspace(name, title) {
  const res = await admin('POST', 'workspaces', { name });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const w = { id: res.body.id, name, token: res.body.token, admin: res.body.admin_token };
  w.client = v5(srv, { auth: w.token });
  w.page = await createRootPage(w.client, title);
  return w;
}

// The names of the integrations of a workspace (`prefix` '' for the default one) that
// the UI made for itself.
async function uiIntegrations(prefix) {
  const res = await admin('GET', `${prefix}integrations`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const list = res.body.results ?? res.body;
  return list.map((i) => i.name).filter((n) => UI_INTEGRATION.test(n));
}

async function logIn(token, workspaceId) {
  await page.getByLabel('Admin token').fill(token);
  await page.getByLabel('Workspace ID (optional)').fill(workspaceId);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function refused(token, workspaceId, message) {
  await logIn(token, workspaceId);
  await page.getByRole('alert').filter({ hasText: message }).waitFor();
  assert.equal(await page.getByRole('alert').innerText(), message);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('localnotion.admin_token')), null);
}

async function logOut() {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Admin token').waitFor();
}

// Waits for `shown` in the tree, then checks that none of `hidden` is there.
async function treeShows(shown, hidden) {
  const tree = page.getByRole('tree', { name: 'Pages and databases' });
  await tree.getByRole('link', { name: shown }).waitFor();
  for (const title of hidden) assert.equal(await tree.getByRole('link', { name: title }).count(), 0, title);
}

before(async () => {
  srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  defaultPage = await createRootPage(v5(srv), 'Default plan');
  alpha = await makeWorkspace('Alpha team', 'Alpha plan');
  beta = await makeWorkspace('Beta team', 'Beta plan');
  // A change in Alpha, for its page's history.
  await alpha.client.pages.update({ page_id: alpha.page.id, properties: { title: { title: text('Alpha roadmap') } } });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
});

after(async () => {
  await browser?.close();
  await srv?.stop().catch(() => {});
  await srv?.dispose();
});

test('a wrong token, another workspace\'s ID with a workspace token and an unknown workspace are refused', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/`);
  await refused('admin_wrong', alpha.id, 'That is not the admin token of this server.');
  await refused('admin_wrong', '', 'That is not the admin token of this server.');
  await refused(beta.admin, alpha.id, 'That admin token is not the one of this workspace.');
  // An ID is checked before it goes into a URL ("../health" would name another route).
  await refused(alpha.admin, '../health', 'That is not a workspace ID (a UUID).');
  await refused(ADMIN, crypto.randomUUID(), 'This server has no workspace with that ID.');
  // An integration token is no admin token.
  await refused(alpha.token, alpha.id, 'That is not the admin token of this server.');
});

test('a workspace admin token alone logs in to its workspace', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/`);
  await logIn(beta.admin, '');
  await treeShows('Beta plan', ['Alpha roadmap', 'Alpha plan', 'Default plan']);
  await page.getByRole('heading', { level: 1, name: 'Workspace Beta team' }).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => sessionStorage.getItem('localnotion.workspace'))),
    { id: beta.id, name: 'Beta team' });
  await logOut();
});

test('a workspace admin token shows that workspace only, and its UI integration is made there', async () => {
  // The ID may come in the address.
  await page.goto(`${srv.baseUrl}/_localnotion/ui/?workspace=${alpha.id}`);
  assert.equal(await page.getByLabel('Workspace ID (optional)').inputValue(), alpha.id);
  await page.getByLabel('Admin token').fill(alpha.admin);
  await page.getByRole('button', { name: 'Log in' }).click();
  await treeShows('Alpha roadmap', ['Beta plan', 'Default plan']);
  await page.getByRole('heading', { level: 1, name: 'Workspace Alpha team' }).waitFor();
  assert.equal(await page.locator('header .workspace-name').innerText(), 'Alpha team');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('localnotion.admin_token')), alpha.admin);
  assert.equal((await uiIntegrations(`workspaces/${alpha.id}/`)).length, 1);
  assert.deepEqual(await uiIntegrations(`workspaces/${beta.id}/`), []);
  assert.deepEqual(await uiIntegrations(''), []);
});

test('a page of the workspace shows with its history; a page of another workspace is not found', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/pages/${alpha.page.id}`);
  await page.getByRole('heading', { level: 1, name: 'Alpha roadmap' }).waitFor();
  const history = page.getByRole('region', { name: 'History' });
  const title = history.locator('tr').filter({ has: page.getByRole('rowheader', { name: 'title', exact: true }) });
  await title.first().waitFor();
  assert.equal(await title.first().locator('td.before').innerText(), 'Alpha plan');
  assert.equal(await title.first().locator('td.after').innerText(), 'Alpha roadmap');

  await page.goto(`${srv.baseUrl}/_localnotion/ui/pages/${beta.page.id}`);
  // The page and its blocks are both not found; the screen shows whichever answer came last.
  const missing = page.getByRole('alert').filter({ hasText: new RegExp(`^Could not find (page|block) with ID: ${beta.page.id}\\. `) });
  await missing.waitFor();
  assert.equal(await page.getByRole('heading', { level: 1, name: 'Beta plan' }).count(), 0);
});

test('the live request log shows this workspace\'s requests only', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/requests`);
  await page.getByRole('status').filter({ hasText: 'live' }).waitFor();
  const [inBeta, inDefault, inAlpha] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  await assert.rejects(beta.client.pages.retrieve({ page_id: inBeta }), { status: 404 });
  await assert.rejects(v5(srv).pages.retrieve({ page_id: inDefault }), { status: 404 });
  await assert.rejects(alpha.client.pages.retrieve({ page_id: inAlpha }), { status: 404 });
  const log = page.getByRole('table', { name: 'Request log' });
  // The log streams in order: once Alpha's last request shows, the others would have.
  await log.locator('tr').filter({ hasText: `/v1/pages/${inAlpha}` }).waitFor({ timeout: 2000 });
  assert.equal(await log.locator('tr').filter({ hasText: `/v1/pages/${inBeta}` }).count(), 0);
  assert.equal(await log.locator('tr').filter({ hasText: `/v1/pages/${inDefault}` }).count(), 0);
});

test('controls act on the workspace: a fault lands in it; the rate limit is read, not set', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/controls`);
  const card = page.getByRole('region', { name: 'Rate limit' });
  await card.locator('.rate-now').filter({ hasText: 'off (no limit)' }).waitFor();
  await card.getByText('only the server\'s admin token sets it').waitFor();
  assert.equal(await card.getByRole('button', { name: 'Set rate limit' }).count(), 0);

  const faults = page.getByRole('region', { name: 'Faults' });
  await faults.getByLabel('Method').fill('GET');
  await faults.getByLabel('Path').fill('/v1/users/me');
  await faults.getByLabel('Status').fill('503');
  await faults.getByLabel('Count').fill('1');
  await faults.getByRole('button', { name: 'Add fault' }).click();
  await faults.getByRole('table', { name: 'Active faults' }).getByText('/v1/users/me').waitFor();
  const paths = async (prefix) => (await admin('GET', `${prefix}faults`)).body.results.map((f) => f.path);
  assert.deepEqual(await paths(`workspaces/${alpha.id}/`), ['/v1/users/me']);
  assert.deepEqual(await paths(`workspaces/${beta.id}/`), []);
  assert.deepEqual(await paths(''), []);
  // Beta's requests never meet Alpha's fault.
  assert.equal((await beta.client.users.me({})).bot.workspace_name, 'Beta team');
  assert.equal((await admin('DELETE', `workspaces/${alpha.id}/faults`)).status, 200);
});

test('log out removes the UI\'s integration from the workspace', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/`);
  await logOut();
  assert.deepEqual(await uiIntegrations(`workspaces/${alpha.id}/`), []);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('localnotion.admin_token')), null);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('localnotion.workspace')), null);
});

test('the server\'s admin token logs in to the default workspace as before, or to one named', async () => {
  await logIn(ADMIN, '');
  await treeShows('Default plan', ['Alpha roadmap', 'Beta plan']);
  assert.equal(await page.locator('header .workspace-name').count(), 0);
  await page.goto(`${srv.baseUrl}/_localnotion/ui/controls`);
  await page.getByRole('region', { name: 'Rate limit' }).getByRole('button', { name: 'Set rate limit' }).waitFor();
  assert.equal((await uiIntegrations('')).length, 1);
  await logOut();
  assert.deepEqual(await uiIntegrations(''), []);

  await logIn(ADMIN, beta.id);
  await treeShows('Beta plan', ['Alpha roadmap', 'Default plan']);
  assert.equal(await page.locator('header .workspace-name').innerText(), 'Beta team');
  assert.equal((await uiIntegrations(`workspaces/${beta.id}/`)).length, 1);
  assert.deepEqual(await uiIntegrations(''), []);
  // The server's token sets the rate limit from any workspace's session (it is the server's).
  await page.goto(`${srv.baseUrl}/_localnotion/ui/controls`);
  const card = page.getByRole('region', { name: 'Rate limit' });
  await card.getByLabel('Limit').fill('600');
  await card.getByRole('button', { name: 'Set rate limit' }).click();
  await page.getByRole('status').filter({ hasText: 'Rate limit set to 600/min.' }).waitFor();
  assert.deepEqual((await admin('GET', 'rate_limit')).body, { object: 'rate_limit', limit: '600/min' });
  await card.getByRole('button', { name: 'Turn off' }).click();
  await page.getByRole('status').filter({ hasText: 'Rate limit set to off.' }).waitFor();
  await logOut();
  assert.deepEqual(await uiIntegrations(`workspaces/${beta.id}/`), []);
});
