'use strict';
// Debian's Chromium driven by Playwright (playwright-core, no downloaded browser), for the
// tests of pages a person uses: the web UI and the OAuth authorize page.
//   const browser = await launchBrowser();
//   const page = await browser.newPage();
//   ...
//   await browser.close();
// The executable is $LOCALNOTION_CHROMIUM or /usr/bin/chromium (Debian package
// `chromium`, installed by `make deps`). Tests run as root in CI, hence --no-sandbox.

const fs = require('node:fs');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.LOCALNOTION_CHROMIUM || '/usr/bin/chromium';

async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run \`make deps\` (Debian package chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

module.exports = { launchBrowser, CHROMIUM };
