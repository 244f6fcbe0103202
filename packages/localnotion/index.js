'use strict';
// localnotion for tests: start the server this package carries (native/) on a free port
// with a fresh or seeded store, or connect to one already running, and drive its test
// controls (the admin API under /_localnotion/, README "Test controls"). Types: index.d.ts.
//
//   const { start } = require('localnotion');
//   const ln = await start();                  // fresh SQLite store in a temporary folder
//   const notion = ln.client();                // @notionhq/client, auth and baseUrl set
//   await ln.reset();  await ln.seed(fixture);  await ln.rateLimit('180');  await ln.stop();

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const START_TIMEOUT_MS = 20000;
const STOP_TIMEOUT_MS = 10000;

// Servers started by this process; SIGKILLed if the process exits without stop().
const live = new Set();
process.on('exit', () => {
  for (const child of live) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

// The native binary: LOCALNOTION_BIN when set (a build of the repository), else the
// one in this package's native/ folder, which carries its shared libraries in native/lib.
function binaryPath() {
  const bin = process.env.LOCALNOTION_BIN || path.join(__dirname, 'native', 'localnotion');
  if (!fs.existsSync(bin)) {
    throw new Error(`localnotion: no binary at ${bin} (the package carries it in native/; ` +
      'in the repository run `make dist`, or set LOCALNOTION_BIN)');
  }
  return bin;
}

function loadSdk() {
  try {
    return require('@notionhq/client');
  } catch (err) {
    throw new Error('localnotion: client() needs @notionhq/client (npm install --save-dev @notionhq/client)',
      { cause: err });
  }
}

// The test controls of one workspace: the server's default one (prefix /_localnotion/)
// or a workspace made with workspace() (prefix /_localnotion/workspaces/{id}/).
class Controls {
  constructor({ baseUrl, token, adminToken, prefix }) {
    this.baseUrl = baseUrl;
    this.token = token ?? null;
    this.adminToken = adminToken;
    this.prefix = prefix;
  }

  // One admin call; a non-2xx answer throws an Error with .status and .body.
  async admin(method, route, body) {
    const headers = { authorization: `Bearer ${this.adminToken}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${this.prefix}${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = text; }
    if (!res.ok) {
      const err = new Error(`localnotion: ${method} ${this.prefix}${route} answered ${res.status}: ${text}`);
      err.status = res.status;
      err.body = json;
      throw err;
    }
    return json;
  }

  client(options = {}) {
    if (!this.token) throw new Error('localnotion: no integration token known (pass { token } to connect())');
    const { Client } = loadSdk();
    return new Client({ auth: this.token, baseUrl: this.baseUrl, ...options });
  }

  // Empties the workspace; { keep_integrations: false } also drops the integrations made since start.
  reset(options = {}) { return this.admin('POST', 'reset', options); }

  // Replaces the workspace with a fixture: an object, or the path of a JSON file (docs/fixtures.md).
  seed(fixture) {
    const body = typeof fixture === 'string' ? JSON.parse(fs.readFileSync(fixture, 'utf8')) : fixture;
    return this.admin('POST', 'seed', body);
  }

  export() { return this.admin('GET', 'export'); }

  // The request log, newest last; filter = { path, status, integration } as the admin route takes them.
  async requests(filter = {}) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (value !== undefined && value !== null) query.set(key, String(value));
    }
    const qs = query.toString();
    return (await this.admin('GET', qs ? `requests?${qs}` : 'requests')).results;
  }

  clearRequests() { return this.admin('DELETE', 'requests'); }

  // Makes matching requests fail or slow down; answers the fault with its id.
  fault(spec) { return this.admin('POST', 'faults', spec); }

  async faults() { return (await this.admin('GET', 'faults')).results; }

  clearFaults(id) { return this.admin('DELETE', id === undefined ? 'faults' : `faults/${encodeURIComponent(id)}`); }

  health() { return this.admin('GET', 'health'); }
}

class Workspace extends Controls {
  constructor(server, created) {
    super({
      baseUrl: server.baseUrl,
      token: created.token,
      adminToken: created.admin_token,
      prefix: `/_localnotion/workspaces/${created.id}/`,
    });
    this.id = created.id;
    this.name = created.name;
    this.server = server;
  }

  clock() { return this.admin('GET', 'clock'); }

  // The server's rate limit, read through this workspace. It is one for the whole server,
  // so only the server's admin token sets it: server.rateLimit(limit).
  rateLimit(limit) {
    if (limit !== undefined) {
      return Promise.reject(new Error('localnotion: the rate limit is the server\'s, for all its workspaces: ' +
        'set it with server.rateLimit(limit)'));
    }
    return this.admin('GET', 'rate_limit');
  }

  // Deletes the workspace and all it holds; its tokens answer 401 from then on.
  delete() { return this.server.admin('DELETE', `workspaces/${this.id}`); }
}

class Server extends Controls {
  constructor({ baseUrl, token, adminToken, child, dir }) {
    super({ baseUrl, token, adminToken, prefix: '/_localnotion/' });
    this.child = child ?? null;
    this.dir = dir ?? null;
    this.output = [];
  }

  // clock(): the clock; clock(ms): advance it; clock(date or ISO string): set it;
  // clock(body): POST the body as is. Setting needs `--deterministic` (start({ args })).
  clock(arg) {
    if (arg === undefined) return this.admin('GET', 'clock');
    if (typeof arg === 'number') return this.admin('POST', 'clock', { advance_ms: arg });
    if (arg instanceof Date) return this.admin('POST', 'clock', { now: arg.toISOString() });
    if (typeof arg === 'string') return this.admin('POST', 'clock', { now: arg });
    return this.admin('POST', 'clock', arg);
  }

  // rateLimit(): the rate limit of /v1, { object: "rate_limit", limit }, limit being "off",
  // "notion", "N/s" or "N/min". rateLimit(limit): sets it while the server runs, in any
  // spelling `serve --rate-limit` takes ("180", "600", "N/min", "N/s", "notion", "off"; a
  // number is requests per minute), and answers the new one. A new limit starts every
  // integration's budget afresh. One for the whole server and all its workspaces; the
  // admin API is never limited.
  rateLimit(limit) {
    if (limit === undefined) return this.admin('GET', 'rate_limit');
    if (typeof limit === 'number') {
      if (!Number.isSafeInteger(limit) || limit < 1) {
        return Promise.reject(new TypeError(`localnotion: rateLimit(${limit}): a number is requests per minute, a positive integer`));
      }
      limit = String(limit);
    }
    return this.admin('POST', 'rate_limit', { limit });
  }

  // A new workspace of its own (docs/workspaces.md), with its token and admin token.
  async workspace(name) {
    const body = typeof name === 'object' && name !== null ? name : { name: name ?? `workspace ${process.pid}` };
    return new Workspace(this, await this.admin('POST', 'workspaces', body));
  }

  async workspaces() { return (await this.admin('GET', 'workspaces')).results; }

  // SIGTERM, wait for the exit (SIGKILL after 10 s), remove the temporary store folder.
  async stop() {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    if (this.dir) {
      fs.rmSync(this.dir, { recursive: true, force: true });
      this.dir = null;
    }
  }
}

function storeUrl(db, dir) {
  if (!db) return `sqlite:${path.join(dir, 'localnotion.db')}`;
  return /^(sqlite|memory|postgres|postgresql):/.test(db) ? db : `sqlite:${path.resolve(db)}`;
}

// Starts `localnotion serve` on 127.0.0.1 and resolves once it listens.
async function start(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localnotion-'));
  const adminToken = options.adminToken ?? `admin_${crypto.randomBytes(18).toString('hex')}`;
  const args = ['serve', '--host', options.host ?? '127.0.0.1', '--port', String(options.port ?? 0),
    '--db', storeUrl(options.db, dir), '--admin-token', adminToken];
  if (options.token) args.push('--token', options.token);
  if (options.seed !== undefined) {
    let file = options.seed;
    if (typeof file !== 'string') {
      file = path.join(dir, 'seed.json');
      fs.writeFileSync(file, JSON.stringify(options.seed));
    }
    args.push('--seed', file);
  }
  args.push(...(options.args ?? []));

  let child;
  try {
    child = spawn(options.bin ?? binaryPath(), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(options.env ?? {}) },
    });
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
  const output = [];
  const remember = (line) => {
    output.push(line);
    if (output.length > 200) output.shift();
  };
  readline.createInterface({ input: child.stderr }).on('line', remember);
  const stdout = readline.createInterface({ input: child.stdout });
  stdout.on('line', remember);

  const found = {};
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`localnotion did not start within ${START_TIMEOUT_MS} ms:\n${output.join('\n')}`));
      }, options.startTimeoutMs ?? START_TIMEOUT_MS);
      const done = (err) => {
        clearTimeout(timer);
        stdout.off('line', onLine);
        child.off('exit', onExit);
        child.off('error', onError);
        if (err) reject(err); else resolve();
      };
      // The start banner (README): the token lines, then "localnotion listening on URL" last.
      const onLine = (line) => {
        let m;
        if ((m = /^localnotion token: (\S+)$/.exec(line))) found.token = m[1];
        else if ((m = /^localnotion listening on (http:\/\/\S+)$/.exec(line))) {
          found.baseUrl = m[1];
          done();
        }
      };
      const onExit = (code, signal) => done(new Error(
        `localnotion exited before listening (code ${code}, signal ${signal}):\n${output.join('\n')}`));
      const onError = (err) => done(err);
      stdout.on('line', onLine);
      child.once('exit', onExit);
      child.once('error', onError);
    });
  } catch (err) {
    live.delete(child);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const server = new Server({ baseUrl: found.baseUrl, token: options.token ?? found.token, adminToken, child, dir });
  server.output = output;
  return server;
}

// A server already running: connect(baseUrl, adminToken, { token }). Without arguments it
// reads what the Jest and Vitest global setups export: LOCALNOTION_BASE_URL,
// LOCALNOTION_ADMIN_TOKEN and NOTION_API_KEY. stop() on it only forgets it.
function connect(baseUrl, adminToken, options = {}) {
  const url = baseUrl ?? process.env.LOCALNOTION_BASE_URL;
  const admin = adminToken ?? process.env.LOCALNOTION_ADMIN_TOKEN;
  if (!url || !admin) throw new Error('localnotion: connect(baseUrl, adminToken) (or LOCALNOTION_BASE_URL and LOCALNOTION_ADMIN_TOKEN)');
  const token = options.token ?? (baseUrl === undefined ? process.env.NOTION_API_KEY : undefined);
  return new Server({ baseUrl: url.replace(/\/+$/, ''), token, adminToken: admin });
}

// The environment the global setups export for the test files (and for connect()).
function environment(server) {
  return {
    LOCALNOTION_BASE_URL: server.baseUrl,
    LOCALNOTION_ADMIN_TOKEN: server.adminToken,
    NOTION_BASE_URL: server.baseUrl,
    NOTION_API_KEY: server.token,
  };
}

module.exports = { start, connect, binaryPath, environment, Controls, Server, Workspace };
