'use strict';
// e2e-runs-alone: it drives a browser and bounds how long a page takes (run.sh).
// The web UI under /_localnotion/ui/ (issue 17, docs/ui.md) in a real browser (Debian's
// Chromium through Playwright), against the binary serving the grocery fixture: log in
// with the admin token, browse to the database, sort and filter it, edit a checkbox, a
// select and a text cell and add a row (the SDK then reads the new values), open a page
// with its blocks, comments and change history as a diff, follow the request log live,
// create a 429 fault that the SDK retries through, set a rate limit that the SDK runs
// into, and reset the workspace. Screenshots of the main screens go to docs/ui/.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer } = require('../lib/server');
const { launchBrowser, BROWSER } = require('../lib/browser');
const crypto = require('node:crypto');
const { v5, v2, adminCall } = require('../lib/clients');
const { adminClient } = require('../lib/webhook_admin');
const { startReceiver } = require('../lib/webhook_receiver');

const ADMIN = 'admin_ui_browser_test_0123456789';
const TOKEN = 'secret_grocery_list_token'; // the token of the fixture's integration
const GROCERY = path.resolve(__dirname, '../../../examples/grocery.json');
// The screenshots shown in the README are written to docs/ui/ only when
// LOCALNOTION_UI_SCREENSHOTS=1 (to refresh them); a normal run writes them to a
// temporary folder, so `make test` leaves the checkout unchanged. The README shows
// Chromium's: a run in Firefox (LOCALNOTION_BROWSER=firefox) never writes docs/ui/.
const SHOTS = process.env.LOCALNOTION_UI_SCREENSHOTS === '1' && BROWSER === 'chromium'
  ? path.resolve(__dirname, '../../../docs/ui')
  : require('node:fs').mkdtempSync(path.join(require('node:os').tmpdir(), 'localnotion-ui-shots-'));
const DB = 'bc1211ca-e3f1-4939-ae34-5260b16f627c';
const KALE = '59833787-2cf9-4fdf-8782-e53db20768a5';
const APPLES = '2f1c0b7e-8a9d-4e3f-b2a1-c0d9e8f7a6b5';

let srv;
let browser;
let page;
let notion;
let notionV2; // Notion-Version 2022-06-28, as the UI: databases are queried directly

async function shot(name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

// The titles of the table's rows, top to bottom.
async function rowTitles() {
  return page.locator('table.grid tbody tr[data-id] td[data-prop="Name"]').evaluateAll((tds) =>
    tds.map((td) => td.querySelector('.title-text').textContent),
  );
}

// The rows' titles once they equal `expected`, or as they are after 10 s: the table
// re-renders after each answer, and a slow (sanitized) server lets a read land mid-render.
async function settledTitles(expected) {
  const until = Date.now() + 10000;
  let titles = await rowTitles();
  while (JSON.stringify(titles) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    titles = await rowTitles();
  }
  return titles;
}

async function waitForRows(n) {
  await page.locator('.count').filter({ hasText: new RegExp(`^${n} rows?$`) }).waitFor({ timeout: 10000 });
}

// Opens a cell's editor the way a person does: a double-click in Chromium. In Firefox the
// keyboard's way (focus the cell, Enter): Playwright's double-click over WebDriver BiDi
// reaches Firefox ESR as two single clicks (each with detail 1, no dblclick event).
async function openEditor(cell) {
  if (BROWSER === 'firefox') {
    await cell.focus();
    await cell.press('Enter');
  } else {
    await cell.dblclick();
  }
}

async function openDatabase() {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/databases/${DB}`);
  await waitForRows(2);
}

before(async () => {
  srv = await startServer({ token: TOKEN, extraArgs: ['--admin-token', ADMIN, '--seed', GROCERY, '--webhook-aggregation-ms', '0'] });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme: 'light' });
  notion = v5(srv);
  notionV2 = v2(srv);
});

after(async () => {
  await browser?.close();
  await srv?.stop().catch(() => {});
  await srv?.dispose();
});

test('the UI asks for the admin token, refuses a wrong one and shows the workspace tree', async () => {
  const res = await page.goto(`${srv.baseUrl}/_localnotion/ui/`);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'text/html; charset=utf-8');
  assert.equal(res.headers()['cache-control'], 'no-cache');
  await page.getByLabel('Admin token').fill('admin_wrong');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').filter({ hasText: 'That is not the admin token of this server.' }).waitFor();
  await shot('login');
  await page.getByLabel('Admin token').fill(ADMIN);
  await page.getByRole('button', { name: 'Log in' }).click();
  const tree = page.getByRole('tree', { name: 'Pages and databases' });
  await tree.getByRole('link', { name: /Groceries/ }).waitFor();
  await tree.getByRole('link', { name: /Grocery List/ }).waitFor();
  // The token is kept for the tab only.
  assert.equal(await page.evaluate(() => sessionStorage.getItem('localnotion.admin_token')), ADMIN);
  assert.equal(await page.evaluate(() => localStorage.getItem('localnotion.admin_token')), null);
  // The database's rows are in its table, not in the tree.
  assert.equal(await tree.getByRole('link', { name: /Tuscan kale/ }).count(), 0);
});

test('the grocery database shows as a typed table', async () => {
  await page.getByRole('tree').getByRole('link', { name: /Grocery List/ }).click();
  await waitForRows(2);
  assert.equal(page.url(), `${srv.baseUrl}/_localnotion/ui/databases/${DB}`);
  const kale = page.locator(`tr[data-id="${KALE}"]`);
  const api = await notion.pages.retrieve({ page_id: KALE });
  // The number keeps its dollar format, the select its chip in its color.
  const price = api.properties.Price.number;
  const expected = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 10 }).format(price);
  assert.equal(await kale.locator('td[data-prop="Price"]').innerText(), expected);
  const chip = kale.locator('td[data-prop="Food group"] .chip');
  assert.equal(await chip.innerText(), api.properties['Food group'].select.name);
  assert.ok((await chip.getAttribute('class')).includes(`c-${api.properties['Food group'].select.color}`));
  const stores = await kale.locator('td[data-prop="Store availability"] .chip').allInnerTexts();
  assert.deepEqual(stores, api.properties['Store availability'].multi_select.map((o) => o.name));
  await shot('database');
});

test('sorting and filtering ask the server and show what it answers', async () => {
  await openDatabase();
  const byPrice = async (direction) =>
    (await notionV2.databases.query({ database_id: DB, sorts: [{ property: 'Price', direction }] })).results.map(
      (p) => p.properties.Name.title.map((t) => t.plain_text).join(''),
    );
  const header = page.getByRole('columnheader', { name: /Price/ });
  await header.getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"]'));
  await waitForRows(2);
  const ascending = await byPrice('ascending');
  assert.deepEqual(await settledTitles(ascending), ascending);
  await header.getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"]'));
  await waitForRows(2);
  const descending = await byPrice('descending');
  assert.deepEqual(await settledTitles(descending), descending);

  await page.getByLabel('Filter property').selectOption('Name');
  await page.getByLabel('Filter operator').selectOption('contains');
  await page.getByLabel('Filter value').fill('kale');
  await page.getByRole('button', { name: 'Apply' }).click();
  await waitForRows(1);
  assert.deepEqual(await settledTitles(['Tuscan kale']), ['Tuscan kale']);
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await waitForRows(2);
});

test('editing a checkbox, a select and a text cell writes through /v1', async () => {
  await openDatabase();
  const apples = page.locator(`tr[data-id="${APPLES}"]`);
  const before = (await notion.pages.retrieve({ page_id: APPLES })).properties;

  const box = apples.getByRole('checkbox');
  const patched = page.waitForResponse((r) => r.url().endsWith(`/v1/pages/${APPLES}`) && r.request().method() === 'PATCH');
  await box.click();
  assert.equal((await patched).status(), 200);
  let now = (await notion.pages.retrieve({ page_id: APPLES })).properties;
  assert.equal(now['In stock'].checkbox, !before['In stock'].checkbox);

  const other = (await notionV2.databases.retrieve({ database_id: DB })).properties['Food group'].select.options.find(
    (o) => o.name !== before['Food group'].select?.name,
  );
  await openEditor(apples.locator('td[data-prop="Food group"]'));
  const selected = page.waitForResponse((r) => r.url().endsWith(`/v1/pages/${APPLES}`) && r.request().method() === 'PATCH');
  // The editor has the focus, for the keyboard.
  assert.equal(await apples.getByRole('combobox').evaluate((el) => document.activeElement === el), true);
  await apples.getByRole('combobox').selectOption(other.name);
  assert.equal((await selected).status(), 200);
  now = (await notion.pages.retrieve({ page_id: APPLES })).properties;
  assert.equal(now['Food group'].select.name, other.name);
  await apples.locator('td[data-prop="Food group"] .chip').filter({ hasText: other.name }).waitFor();

  await openEditor(apples.locator('td[data-prop="Description"]'));
  const written = page.waitForResponse((r) => r.url().endsWith(`/v1/pages/${APPLES}`) && r.request().method() === 'PATCH');
  await apples.getByRole('textbox').fill('Crisp, from the UI');
  await apples.getByRole('textbox').press('Enter');
  assert.equal((await written).status(), 200);
  now = (await notion.pages.retrieve({ page_id: APPLES })).properties;
  assert.equal(now.Description.rich_text.map((t) => t.plain_text).join(''), 'Crisp, from the UI');
});

test('adding a row creates a page in the database', async () => {
  await openDatabase();
  await page.getByLabel('New row title').fill('Oat milk');
  await page.getByRole('button', { name: '+ New row' }).click();
  await waitForRows(3);
  const found = await notionV2.databases.query({
    database_id: DB,
    filter: { property: 'Name', title: { equals: 'Oat milk' } },
  });
  assert.equal(found.results.length, 1);
  await page.locator(`tr[data-id="${found.results[0].id}"]`).waitFor();
});

test('a page shows its properties, blocks and comments', async () => {
  await notion.blocks.children.append({
    block_id: KALE,
    children: [
      { heading_2: { rich_text: [{ text: { content: 'How to cook it' } }] } },
      { to_do: { rich_text: [{ text: { content: 'Wash the leaves' } }], checked: true } },
      { bulleted_list_item: { rich_text: [{ text: { content: 'Olive oil' } }] } },
      { code: { language: 'javascript', rich_text: [{ text: { content: 'cook(kale)' } }] } },
      { quote: { rich_text: [{ text: { content: 'Eat your greens' }, annotations: { bold: true } }] } },
      { callout: { rich_text: [{ text: { content: 'Best in winter' } }], icon: { emoji: '❄️' } } },
      { toggle: { rich_text: [{ text: { content: 'More' } }], children: [{ paragraph: { rich_text: [{ text: { content: 'Hidden tip' } }] } }] } },
    ],
  });
  await notion.comments.create({ parent: { page_id: KALE }, rich_text: [{ text: { content: 'Buy two bunches' } }] });
  await page.goto(`${srv.baseUrl}/_localnotion/ui/pages/${KALE}`);
  await page.getByRole('heading', { level: 1, name: /Tuscan kale/ }).waitFor();
  const content = page.getByRole('region', { name: 'Content' });
  await content.getByRole('heading', { name: 'How to cook it' }).waitFor();
  assert.equal(await content.locator('[data-block="to_do"] input').isChecked(), true);
  assert.equal(await content.locator('[data-block="bulleted_list_item"]').innerText(), 'Olive oil');
  assert.equal(await content.locator('[data-block="code"]').innerText(), 'cook(kale)');
  assert.equal(await content.locator('[data-block="quote"] strong').innerText(), 'Eat your greens');
  assert.ok((await content.getByRole('note').innerText()).includes('Best in winter'));
  await content.locator('[data-block="toggle"] summary').click();
  await content.getByText('Hidden tip').waitFor();
  await page.getByRole('region', { name: 'Comments' }).getByText('Buy two bunches').waitFor();
  const props = page.getByRole('table', { name: 'Properties' });
  await props.getByRole('rowheader', { name: 'Price' }).waitFor();
  await shot('page');
});

test('a page shows its change history as a diff of the removed and added words', async () => {
  await notion.pages.update({
    page_id: KALE,
    properties: {
      Name: { title: [{ text: { content: 'Tuscan black kale' } }] },
      Description: { rich_text: [{ text: { content: 'A dark leafy winter vegetable' } }] },
    },
  });
  const history = (await adminCall(srv, ADMIN, 'GET', `pages/${KALE}/history`)).body.results;
  const latest = history[history.length - 1];
  await page.goto(`${srv.baseUrl}/_localnotion/ui/pages/${KALE}`);
  await page.getByRole('heading', { level: 1, name: /Tuscan black kale/ }).waitFor();
  const region = page.getByRole('region', { name: 'History' });
  const change = region.getByRole('table', { name: `Change ${latest.sequence}` });
  await change.waitFor();
  // Newest first: the entry just made tops the list, with who made it and its request id.
  assert.equal(await region.locator('table.changes').first().getAttribute('aria-label'), `Change ${latest.sequence}`);
  const head = await region.locator('.history-entry').first().locator('.history-head').innerText();
  assert.ok(head.startsWith('Updated') && head.includes('by Grocery bot') && head.includes(`request ${latest.request_id}`), head);
  const row = (name) => change.locator('tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  const words = async (cells) => (await cells.allInnerTexts()).map((w) => w.trim());

  const title = row('Name');
  assert.equal(await title.locator('td.before').innerText(), 'Tuscan kale');
  assert.equal(await title.locator('td.after').innerText(), 'Tuscan black kale');
  assert.deepEqual(await words(title.locator('del')), []);
  assert.deepEqual(await words(title.locator('td.after ins')), ['black']);

  const text = row('Description');
  assert.equal(await text.locator('td.before').innerText(), 'A dark green leafy vegetable');
  assert.equal(await text.locator('td.after').innerText(), 'A dark leafy winter vegetable');
  assert.deepEqual(await words(text.locator('td.before del')), ['green']);
  assert.deepEqual(await words(text.locator('td.after ins')), ['winter']);
  assert.deepEqual(await words(text.locator('td.before ins, td.after del')), []);
  // Only what changed is listed.
  assert.equal(await change.locator('tbody tr').count(), 2);
  await region.scrollIntoViewIfNeeded();
  await region.screenshot({ path: path.join(SHOTS, 'page-history.png') });
});

test('an SDK call shows in the live request log within a second', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/requests`);
  await page.getByRole('status').filter({ hasText: 'live' }).waitFor();
  // A page that does not exist: its path is unique, and its error shows highlighted.
  const missing = crypto.randomUUID();
  const started = Date.now();
  await assert.rejects(notion.pages.retrieve({ page_id: missing }), { status: 404 });
  const row = page.getByRole('table', { name: 'Request log' }).locator('tr').filter({ hasText: `/v1/pages/${missing}` });
  await row.waitFor({ timeout: 1000 });
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 1000, `it took ${elapsed} ms`);
  assert.equal(await row.locator('td.status').innerText(), '404');
  await row.getByRole('button').click();
  const detail = page.getByRole('complementary', { name: 'Request detail' });
  const note = await detail.getByRole('note').innerText();
  assert.equal(note, `object_not_found: Could not find page with ID: ${missing}. Make sure the relevant pages and databases are shared with your integration.`);
  const text = await detail.innerText();
  assert.ok(text.includes('Grocery bot'), text);
  // The header fields, the token not among them.
  assert.match(text, /Request headers[\s\S]*\bnotion-version\s+2025-09-03[\s\S]*Response headers/);
  assert.match(text, /Request headers[\s\S]*\buser-agent\s+notionhq-client\/[\s\S]*Response headers/);
  assert.match(text, /Response headers\s+content-type\s+application\/json; charset=utf-8\s+x-notion-request-id\s+[0-9a-f-]{36}\s/);
  assert.ok(!/authorization/i.test(text), text);
  assert.ok(!text.includes(TOKEN) && !(await page.content()).includes(TOKEN), 'the log never shows a token');
  await shot('requests');
});

test('a 429 fault created in the UI makes the SDK retry', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/controls`);
  const faults = page.getByRole('region', { name: 'Faults' });
  await faults.getByLabel('Method').fill('GET');
  await faults.getByLabel('Path').fill('/v1/users/me');
  await faults.getByLabel('Status').fill('429');
  await faults.getByLabel('Count').fill('1');
  await faults.getByLabel('Retry-After (s)').fill('1');
  await faults.getByRole('button', { name: 'Add fault' }).click();
  await faults.getByRole('table', { name: 'Active faults' }).getByText('/v1/users/me').waitFor();
  await shot('controls');
  const retrying = v5(srv, { retry: { maxRetries: 2 } });
  const started = Date.now();
  const me = await retrying.users.me({});
  assert.equal(me.object, 'user');
  assert.ok(Date.now() - started >= 900, 'the SDK waited for Retry-After before it tried again');
  const log = await (await fetch(`${srv.baseUrl}/_localnotion/requests?path=/v1/users/me`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  })).json();
  assert.deepEqual(log.results.map((e) => e.status).slice(-2), [429, 200]);

  // A fault that stays until it is deleted from the UI.
  await faults.getByLabel('Path').fill('/v1/search');
  await faults.getByLabel('Status').fill('503');
  await faults.getByLabel('Count').fill('');
  await faults.getByRole('button', { name: 'Add fault' }).click();
  const remove = faults.getByRole('button', { name: 'Delete the fault on GET /v1/search' });
  await remove.click();
  await page.getByRole('status').filter({ hasText: 'Fault deleted.' }).waitFor();
  const left = await (await fetch(`${srv.baseUrl}/_localnotion/faults`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
  assert.deepEqual(left.results, []);
});

test('the webhooks screen shows deliveries and redelivers one', async () => {
  const rx = await startReceiver();
  try {
    const hooks = adminClient(srv, ADMIN);
    await hooks.subscribe(rx, { integration: await hooks.integrationOf(notion), event_types: ['page.properties_updated'] });
    await notion.pages.update({ page_id: KALE, properties: { 'In stock': { checkbox: false } } });
    await hooks.sendNow();
    await rx.waitFor((r) => r.ofType('page.properties_updated').length === 1);
    await page.goto(`${srv.baseUrl}/_localnotion/ui/webhooks`);
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    const row = deliveries.locator('tr').filter({ hasText: 'page.properties_updated' });
    await row.filter({ hasText: 'delivered' }).waitFor();
    await page.getByRole('table', { name: 'Subscriptions' }).getByText(rx.url).waitFor();
    await shot('webhooks');
    await row.getByRole('button', { name: 'Redeliver' }).click();
    await page.getByRole('status').filter({ hasText: 'Redelivered.' }).waitFor();
    await rx.waitFor((r) => r.ofType('page.properties_updated').length === 2);
  } finally {
    await rx.close();
  }
});

test('a rate limit set in the UI answers the SDK 429 rate_limited, and is turned off again', async () => {
  const admin = (method, what, body) => adminCall(srv, ADMIN, method, what, body);
  await page.goto(`${srv.baseUrl}/_localnotion/ui/controls`);
  const card = page.getByRole('region', { name: 'Rate limit' });
  await card.locator('.rate-now').filter({ hasText: 'off (no limit)' }).waitFor();
  try {
    await card.getByLabel('Limit').fill('2/min');
    await card.getByRole('button', { name: 'Set rate limit' }).click();
    await page.getByRole('status').filter({ hasText: 'Rate limit set to 2/min.' }).waitFor();
    await card.locator('.rate-now').filter({ hasText: '2 requests per integration in each 60-second window (2/min)' }).waitFor();
    assert.deepEqual((await admin('GET', 'rate_limit')).body, { object: 'rate_limit', limit: '2/min' });
    await shot('controls-rate-limit');

    // Two requests of the window go through; the third gets Notion's answer.
    assert.equal((await notion.users.me({})).object, 'user');
    assert.equal((await notion.users.me({})).object, 'user');
    const refused = await notion.users.me({}).then(() => null, (e) => e);
    assert.ok(refused, 'the third request of the window was refused');
    assert.equal(refused.status, 429);
    assert.equal(refused.code, 'rate_limited');
    assert.equal(refused.message, 'You have been rate limited. Please try again in a few minutes.');
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After: ${wait}`);
    assert.deepEqual(refused.additional_data, { rate_limit_reason: 'public_api_request_rate_limit', retry_after: String(wait) });
    const log = (await admin('GET', 'requests?path=/v1/users/me')).body.results;
    assert.deepEqual(log.slice(-3).map((e) => e.status), [200, 200, 429]);

    await card.getByRole('button', { name: 'Turn off' }).click();
    await page.getByRole('status').filter({ hasText: 'Rate limit set to off.' }).waitFor();
    await card.locator('.rate-now').filter({ hasText: 'off (no limit)' }).waitFor();
    for (let i = 0; i < 3; i++) assert.equal((await notion.users.me({})).object, 'user');
  } finally {
    await admin('POST', 'rate_limit', { limit: 'off' });
  }
});

test('reset from the UI empties the workspace', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/controls`);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Reset workspace' }).click();
  await page.getByRole('status').filter({ hasText: 'The workspace was reset.' }).waitFor();
  await page.getByText('The workspace is empty.').waitFor();
  const left = await notion.search({});
  assert.equal(left.results.length, 0);
});

test('the dark theme', async () => {
  await page.goto(`${srv.baseUrl}/_localnotion/ui/controls`);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  // The click's state change renders on the next frame; on a loaded machine that is after
  // the click returns.
  await page.waitForFunction(() => document.documentElement.dataset.theme !== 'light', null, { timeout: 5000 })
    .catch(() => {});
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(25, 25, 25)');
  await shot('controls-dark');
});
