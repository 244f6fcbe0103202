'use strict';
// e2e-runs-alone: it drives a browser (run.sh).
// A real browser (Debian's Chromium, or Firefox ESR in `make e2e-firefox`, through
// Playwright) opens the landing page: the
// browser tooling that the web UI and OAuth tests build on works, and a person who opens
// the server's address sees where to start (issue 16).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { launchBrowser } = require('../lib/browser');

test('the browser shows the landing page with the server address and links to the docs', async () => {
  const srv = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const res = await page.goto(`${srv.baseUrl}/`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'text/html; charset=utf-8');
    const text = await page.locator('body').innerText();
    assert.ok(text.includes(srv.baseUrl), text);
    const hrefs = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.includes('https://developers.notion.com/reference/intro'), JSON.stringify(hrefs));
    assert.ok(hrefs.includes('/metrics'), JSON.stringify(hrefs));
    // The metrics link works from the page.
    const metrics = await page.goto(`${srv.baseUrl}/metrics`);
    assert.equal(metrics.status(), 200);
  } finally {
    await browser.close();
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});
