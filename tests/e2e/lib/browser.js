'use strict';
// Debian's Chromium (or Firefox ESR) driven by Playwright (playwright-core, no downloaded
// browser), for the tests of pages a person uses: the web UI and the OAuth authorize page.
//   const browser = await launchBrowser();
//   const page = await browser.newPage();
//   ...
//   await browser.close();
// The browser is Chromium unless LOCALNOTION_BROWSER=firefox (`make e2e-firefox`).
// Chromium: $LOCALNOTION_CHROMIUM or /usr/bin/chromium (Debian package `chromium`,
// installed by `make deps`). Tests run as root in CI, hence --no-sandbox.
// Firefox: $LOCALNOTION_FIREFOX or /usr/bin/firefox-esr (Debian package `firefox-esr`),
// driven over WebDriver BiDi (Playwright's `moz-firefox` channel), which works with a
// stock Firefox; Playwright's own Firefox protocol needs its patched build, which cannot
// be downloaded here. playwright-core stays at 1.64: 1.65 opens every page with the BiDi
// command emulation.setMediaFeaturesOverride, which Firefox ESR 153 does not know
// ("unknown command"), so no page opens (docs/ui.md). Over BiDi, Playwright 1.64 does not
// emulate prefers-color-scheme (the colorScheme option is ignored) and has no tracing.

const fs = require('node:fs');
const { chromium, firefox } = require('playwright-core');

const CHROMIUM = process.env.LOCALNOTION_CHROMIUM || '/usr/bin/chromium';
const FIREFOX = process.env.LOCALNOTION_FIREFOX || '/usr/bin/firefox-esr';
const BROWSER = process.env.LOCALNOTION_BROWSER || 'chromium';

async function launchBrowser() {
  if (BROWSER === 'firefox') {
    if (!fs.existsSync(FIREFOX)) {
      throw new Error(`no Firefox at ${FIREFOX}: run \`make deps\` (Debian package firefox-esr)`);
    }
    return firefox.launch({ channel: 'moz-firefox', executablePath: FIREFOX, headless: true });
  }
  if (BROWSER !== 'chromium') throw new Error(`LOCALNOTION_BROWSER is "chromium" or "firefox", not "${BROWSER}"`);
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run \`make deps\` (Debian package chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

module.exports = { launchBrowser, CHROMIUM, FIREFOX, BROWSER };
