'use strict';
// e2e-runs-alone: it drives a browser (run.sh).
// The OAuth flow end to end in a real browser (Debian's Chromium through Playwright):
// the authorization URL opens localnotion's authorize page, a person picks two pages and
// allows access, the browser is redirected to a local test app (a node http server in
// this test) with `code` and `state`, the app exchanges the code with SDK 5.26
// oauth.token, and the token sees exactly those two pages and what is below them. Cancel
// sends error=access_denied. Sub-pages are offered under their parents, and a sub-page
// alone may be picked.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { startServer } = require('../lib/server');
const { launchBrowser } = require('../lib/browser');
const { v5, adminCall } = require('../lib/clients');
const { text, createRootPage } = require('../lib/fixtures');

const ADMIN = 'admin_e2e_oauth_browser_0123';

// The integration's app: records each callback (not the browser's /favicon.ico) and
// answers a small page.
function startApp() {
  const calls = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/callback') calls.push(url);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>App</title><p id="done">Connected</p>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, calls, port: server.address().port })));
}

test('authorize page -> pick two pages -> redirect to the app -> token exchange -> the token sees those pages', async () => {
  const srv = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const n26 = v5(srv, { notionVersion: '2026-03-11' });
    const a = await createRootPage(n26, 'Roadmap');
    const b = await createRootPage(n26, 'Team <wiki> & notes');
    const c = await createRootPage(n26, 'Secret plans');
    const child = await n26.pages.create({ parent: { page_id: b.id }, properties: { title: { title: text('Onboarding') } } });
    const redirect = `http://127.0.0.1:${app.port}/callback`;
    const created = await adminCall(srv, ADMIN, 'POST', 'oauth/clients', { name: 'Browser app', redirect_uris: [redirect] });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const { client_id: clientId, client_secret: clientSecret } = created.body;

    const page = await browser.newPage();
    const url = `${srv.baseUrl}/v1/oauth/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(redirect)}` +
      '&response_type=code&owner=user&state=st%26ate';
    const shown = await page.goto(url);
    assert.equal(shown.status(), 200);
    assert.equal(shown.headers()['content-type'], 'text/html; charset=utf-8');
    assert.ok((await page.locator('h1').innerText()).includes('Browser app'));
    // Every page is offered, titles escaped, in creation order, each sub-page in a list
    // of its own inside its parent's item.
    const offered = await page.locator('input[name=page]').evaluateAll((xs) => xs.map((x) => [x.dataset.title, x.dataset.depth]));
    assert.deepEqual(offered, [['Roadmap', '0'], ['Team <wiki> & notes', '0'], ['Onboarding', '1'], ['Secret plans', '0']]);
    const nested = page.locator('li', { has: page.getByLabel('Team <wiki> & notes', { exact: true }) }).locator('ul input[name=page]');
    assert.deepEqual(await nested.evaluateAll((xs) => xs.map((x) => x.dataset.title)), ['Onboarding']);
    await page.getByLabel('Roadmap', { exact: true }).check();
    await page.getByLabel('Team <wiki> & notes', { exact: true }).check();
    await Promise.all([page.waitForURL((u) => u.href.startsWith(`${redirect}?`)), page.getByRole('button', { name: 'Allow access' }).click()]);
    assert.equal(await page.locator('#done').innerText(), 'Connected');

    assert.equal(app.calls.length, 1);
    const code = app.calls[0].searchParams.get('code');
    assert.equal(app.calls[0].searchParams.get('state'), 'st&ate');
    const token = await v5(srv, { notionVersion: '2026-03-11', auth: undefined }).oauth.token({
      client_id: clientId, client_secret: clientSecret, grant_type: 'authorization_code', code, redirect_uri: redirect,
    });
    const asApp = v5(srv, { notionVersion: '2026-03-11', auth: token.access_token });
    const seen = await asApp.search({});
    assert.deepEqual(seen.results.map((r) => r.id).sort(), [a.id, b.id, child.id].sort());
    await assert.rejects(asApp.pages.retrieve({ page_id: c.id }), (e) => e.status === 404);

    // Cancel: back to the app with error=access_denied.
    await page.goto(url);
    await Promise.all([page.waitForURL((u) => u.href.startsWith(`${redirect}?`)), page.getByRole('button', { name: 'Cancel' }).click()]);
    assert.equal(app.calls[1].searchParams.get('error'), 'access_denied');
    assert.equal(app.calls[1].searchParams.get('state'), 'st&ate');

    // A sub-page alone may be picked: the next token sees it and what is below it, not
    // its parent or the parent's other content.
    const deeper = await n26.pages.create({ parent: { page_id: child.id }, properties: { title: { title: text('First week') } } });
    const sibling = await n26.pages.create({ parent: { page_id: b.id }, properties: { title: { title: text('Payroll') } } });
    await page.goto(url);
    const depths = await page.locator('input[name=page]').evaluateAll((xs) => xs.map((x) => [x.dataset.title, x.dataset.depth]));
    assert.deepEqual(depths, [['Roadmap', '0'], ['Team <wiki> & notes', '0'], ['Onboarding', '1'], ['First week', '2'],
      ['Payroll', '1'], ['Secret plans', '0']]);
    await page.getByLabel('Onboarding', { exact: true }).check();
    await Promise.all([page.waitForURL((u) => u.href.startsWith(`${redirect}?`)), page.getByRole('button', { name: 'Allow access' }).click()]);
    const subCode = app.calls[2].searchParams.get('code');
    const subToken = await v5(srv, { notionVersion: '2026-03-11', auth: undefined }).oauth.token({
      client_id: clientId, client_secret: clientSecret, grant_type: 'authorization_code', code: subCode, redirect_uri: redirect,
    });
    const asSub = v5(srv, { notionVersion: '2026-03-11', auth: subToken.access_token });
    assert.deepEqual((await asSub.search({})).results.map((r) => r.id).sort(), [child.id, deeper.id].sort());
    await assert.rejects(asSub.pages.retrieve({ page_id: b.id }), (e) => e.status === 404);
    await assert.rejects(asSub.pages.retrieve({ page_id: sibling.id }), (e) => e.status === 404);

    // A redirect URI the integration did not register is refused on the page itself.
    const refused = await page.goto(`${srv.baseUrl}/v1/oauth/authorize?client_id=${clientId}` +
      '&redirect_uri=http%3A%2F%2Fevil.test%2F&response_type=code&owner=user');
    assert.equal(refused.status(), 400);
    assert.ok((await page.locator('body').innerText()).includes('is not one of the integration\'s redirect URIs'));
    assert.equal(app.calls.length, 3);
  } finally {
    await browser.close();
    app.server.close();
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});
