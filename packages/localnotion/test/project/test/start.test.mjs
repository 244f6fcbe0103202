// start() from the package: its own server with a seeded store and a chosen token, then
// stop(); and the package's bin (`npx localnotion`), which runs the binary it carries.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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

test('the bin serves: `localnotion serve` answers the SDK and exits 0 on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ln-bin-'));
  const bin = new URL('../node_modules/.bin/localnotion', import.meta.url).pathname;
  const child = spawn(bin, ['serve', '--port', '0', '--db', `sqlite:${join(dir, 'ln.db')}`, '--token', 'secret_bin_test'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const baseUrl = await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /^localnotion listening on (http:\/\/\S+)$/.exec(line);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const { Client } = await import('@notionhq/client');
    const me = await new Client({ auth: 'secret_bin_test', baseUrl }).users.me({});
    expect(me.type).toBe('bot');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
