// start() from the package: its own server with a seeded store and a chosen token, then
// stop(); and the package's bin through npx.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { start } from 'localnotion';

const fixture = new URL('../grocery.json', import.meta.url);

test('start({ seed, token }) serves the fixture; stop() ends the server', async () => {
  const ln = await start({ seed: fixture.pathname, token: 'secret_grocery_list_token' });
  let stopped = false;
  try {
    expect(ln.token).toBe('secret_grocery_list_token');
    const found = await ln.client().search({ query: 'Tuscan kale' });
    expect(found.results.map((r) => r.properties?.Name?.title?.[0]?.plain_text)).toContain('Tuscan kale');
    const exported = await ln.export();
    const names = JSON.parse(readFileSync(fixture, 'utf8')).pages.length;
    expect(exported.pages.length).toBe(names);
    await ln.stop();
    stopped = true;
    await expect(fetch(`${ln.baseUrl}/_localnotion/ready`)).rejects.toThrow();
  } finally {
    if (!stopped) await ln.stop();
  }
});

test('start({ seed: object }) seeds from an object', async () => {
  const ln = await start({ seed: JSON.parse(readFileSync(fixture, 'utf8')), token: 'secret_grocery_list_token' });
  try {
    const found = await ln.client().search({ query: 'Tuscan kale' });
    expect(found.results.length).toBeGreaterThan(0);
  } finally {
    await ln.stop();
  }
});

test('npx localnotion runs the binary the package carries', () => {
  const version = JSON.parse(readFileSync(new URL('../node_modules/localnotion/package.json', import.meta.url))).version;
  expect(execFileSync('npx', ['--offline', 'localnotion', '--version'], { encoding: 'utf8' })).toBe(`localnotion ${version}\n`);
});
