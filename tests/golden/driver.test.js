'use strict';
// Golden suite driver: one server, one fixture, one test() per file in cases/ (name order).
// Format: tests/golden/README.md. Run from the repo root: node --test tests/golden/
// Node 20, no dependencies.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const readline = require('node:readline');
// LOCALNOTION_DB=postgres: the server runs over a fresh schema of a PostgreSQL started
// for this process (no npm dependencies either).
const { usePostgres, freshStoreUrl } = require('../e2e/lib/postgres');

const BIN = process.env.LOCALNOTION_BIN
  ? path.resolve(process.env.LOCALNOTION_BIN)
  : path.resolve(__dirname, '../../build/localnotion');
const CASES_DIR = path.join(__dirname, 'cases');
const START_TIMEOUT_MS = 20000;
const STOP_TIMEOUT_MS = 5000;
const REQUEST_TIMEOUT_MS = 15000;
const DEFAULT_VERSION = '2025-09-03';
const ONLY = process.env.GOLDEN_ONLY ? new RegExp(process.env.GOLDEN_ONLY) : null;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MINUTE_TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/;
const COLORS = ['default', 'gray', 'brown', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'red'];

// ---------------------------------------------------------------------------------------------
// Server

let child = null;
const serverLog = [];
process.on('exit', () => { if (child) { try { child.kill('SIGKILL'); } catch { /* gone */ } } });

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function waitExit(proc, ms) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) { resolve(true); return; }
    const timer = setTimeout(() => resolve(false), ms);
    proc.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

async function startServer(dbDir, token) {
  if (!fs.existsSync(BIN)) throw new Error(`localnotion binary not found at ${BIN} (make build, or set LOCALNOTION_BIN)`);
  const port = await freePort();
  const db = usePostgres() ? await freshStoreUrl() : `sqlite:${path.join(dbDir, 'ln.db')}`;
  const args = ['serve', '--host', '127.0.0.1', '--port', String(port), '--db', db,
    '--token', token];
  const env = { ...process.env };
  delete env.LOCALNOTION_TOKEN;
  child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const remember = (p) => (line) => { serverLog.push(p + line); if (serverLog.length > 200) serverLog.shift(); };
  readline.createInterface({ input: child.stderr }).on('line', remember('[stderr] '));
  const out = readline.createInterface({ input: child.stdout });
  out.on('line', remember(''));
  const expected = `localnotion listening on http://127.0.0.1:${port}`;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      try { child.kill('SIGKILL'); } catch { /* gone */ }
      reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${serverLog.join('\n')}`));
    }, START_TIMEOUT_MS);
    out.on('line', (line) => { if (line.trim() === expected) { clearTimeout(timer); resolve(); } });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${code}, signal ${signal}):\n${serverLog.join('\n')}`));
    });
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
  return `http://127.0.0.1:${port}`;
}

async function stopServer() {
  const proc = child;
  if (!proc) return;
  child = null;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  if (await waitExit(proc, STOP_TIMEOUT_MS)) return;
  proc.kill('SIGKILL');
  await waitExit(proc, STOP_TIMEOUT_MS);
}

// ---------------------------------------------------------------------------------------------
// HTTP

let baseUrl = null;
let token = null;

// req: {method, path, body?, raw_body?, headers?, version?}. headers: a value null removes it.
async function send(req, defaultVersion) {
  const method = req.method || 'GET';
  const headers = { Authorization: `Bearer ${token}` };
  const version = 'version' in req ? req.version : defaultVersion;
  if (version !== null) headers['Notion-Version'] = version;
  let body;
  if ('raw_body' in req) body = req.raw_body;
  else if ('body' in req) body = JSON.stringify(req.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  for (const [k, v] of Object.entries(req.headers || {})) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
    if (v !== null) headers[k] = v;
  }
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), REQUEST_TIMEOUT_MS);
  let res;
  try {
    res = await fetch(baseUrl + req.path, { method, headers, body, signal: ctl.signal });
  } finally {
    clearTimeout(timer);
  }
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

async function call(method, p, body, version = DEFAULT_VERSION) {
  const r = await send(body === undefined ? { method, path: p } : { method, path: p, body }, version);
  if (r.status !== 200) throw new Error(`fixture ${method} ${p} -> ${r.status} ${r.text}`);
  return r.json;
}

// ---------------------------------------------------------------------------------------------
// Fixture

const text = (content) => [{ type: 'text', text: { content } }];
let fixture = null;

function schemaIndex(ds) {
  const props = {};
  const options = {};
  for (const [name, def] of Object.entries(ds.properties)) {
    props[name] = def;
    const cfg = def[def.type];
    if (cfg && Array.isArray(cfg.options)) {
      options[name] = {};
      for (const o of cfg.options) options[name][o.name] = o;
    }
  }
  return { props, options };
}

async function buildFixture() {
  const me = await call('GET', '/v1/users/me');
  const users = await call('GET', '/v1/users');
  const owner = users.results.find((u) => u.type === 'person');
  if (!owner) throw new Error('fixture: no person user in GET /v1/users');
  const root = await call('POST', '/v1/pages', {
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: text('Golden root') } },
  });
  const targetsDb = await call('POST', '/v1/databases', {
    parent: { type: 'page_id', page_id: root.id },
    title: text('Targets'),
    initial_data_source: {
      properties: { Name: { title: {} }, Score: { number: {} }, When: { date: {} }, Ok: { checkbox: {} } },
    },
  });
  const targetsDs = targetsDb.data_sources[0].id;
  const rel = (extra) => ({ relation: { data_source_id: targetsDs, ...extra } });
  const rollup = (rel_name, prop, fn) => ({
    rollup: { relation_property_name: rel_name, rollup_property_name: prop, function: fn },
  });
  const everythingDb = await call('POST', '/v1/databases', {
    parent: { type: 'page_id', page_id: root.id },
    title: text('Everything'),
    initial_data_source: {
      properties: {
        Name: { title: {} },
        Notes: { rich_text: {} },
        Price: { number: { format: 'dollar' } },
        Category: { select: { options: [{ name: 'Tools', color: 'blue' }, { name: 'Toys', color: 'red' }] } },
        Tags: { multi_select: { options: [{ name: 'new', color: 'green' }, { name: 'sale', color: 'yellow' }] } },
        Stage: { status: {} },
        Due: { date: {} },
        Owner: { people: {} },
        Docs: { files: {} },
        Done: { checkbox: {} },
        Link: { url: {} },
        Mail: { email: {} },
        Phone: { phone_number: {} },
        Target: rel({ type: 'single_property', single_property: {} }),
        Linked: rel({ type: 'dual_property', dual_property: {} }),
        Calc: { formula: { expression: 'prop("Price") * 2' } },
        Count: rollup('Target', 'Name', 'count'),
        Total: rollup('Target', 'Score', 'sum'),
        Average: rollup('Target', 'Score', 'average'),
        Scores: rollup('Target', 'Score', 'show_original'),
        Latest: rollup('Target', 'When', 'latest_date'),
        Checked: rollup('Target', 'Ok', 'checked'),
        Created: { created_time: {} },
        Creator: { created_by: {} },
        Edited: { last_edited_time: {} },
        Editor: { last_edited_by: {} },
        Code: { unique_id: { prefix: 'INV' } },
      },
    },
  });
  const everythingDs = everythingDb.data_sources[0].id;
  const inTargets = (props) => call('POST', '/v1/pages', { parent: { data_source_id: targetsDs }, properties: props });
  const targetA = await inTargets({ Name: { title: text('Alpha') }, Score: { number: 10 }, When: { date: { start: '2024-01-05' } }, Ok: { checkbox: true } });
  const targetB = await inTargets({ Name: { title: text('Beta') }, Score: { number: 20 }, When: { date: { start: '2024-02-01' } }, Ok: { checkbox: false } });
  const targetC = await inTargets({ Name: { title: text('Gamma') }, Score: { number: 5 } });
  const other = await call('POST', '/v1/pages', {
    parent: { data_source_id: everythingDs }, properties: { Name: { title: text('Other item') } },
  });
  const eSchema = await call('GET', `/v1/data_sources/${everythingDs}`);
  const tSchema = await call('GET', `/v1/data_sources/${targetsDs}`);
  fixture = {
    me, owner, root,
    targets: { id: targetsDb.id, data_source_id: targetsDs, ...schemaIndex(tSchema) },
    everything: { id: everythingDb.id, data_source_id: everythingDs, ...schemaIndex(eSchema) },
    target_a: targetA, target_b: targetB, target_c: targetC, other,
    missing_id: '0f0e0d0c-0b0a-4909-8807-060504030201',
  };
}

// ---------------------------------------------------------------------------------------------
// Placeholders and generators

function lookup(ctx, expr) {
  const [pathExpr, ...pipes] = expr.split('|').map((s) => s.trim());
  let v = ctx;
  for (const part of pathExpr.split('.')) {
    if (v === null || v === undefined || !(part in Object(v))) {
      throw new Error(`placeholder {{${expr}}}: "${part}" not found`);
    }
    v = v[part];
  }
  for (const p of pipes) {
    if (p === 'undash') v = String(v).replace(/-/g, '');
    else if (p === 'upper') v = String(v).toUpperCase();
    else if (p === 'json') v = JSON.stringify(v);
    else if (p === 'uri') v = encodeURIComponent(String(v));
    else throw new Error(`placeholder {{${expr}}}: unknown pipe ${p}`);
  }
  return v;
}

const WHOLE = /^\{\{([^{}]+)\}\}$/;
const ANY = /\{\{([^{}]+)\}\}/g;

// Replaces placeholders and expands generators ({"$repeat"}, {"$array"}).
function resolve(value, ctx) {
  if (typeof value === 'string') {
    const m = value.match(WHOLE);
    if (m && m[1].trim() !== 'i') return lookup(ctx, m[1].trim());
    return value.replace(ANY, (all, e) => (e.trim() === 'i' ? all : String(lookup(ctx, e.trim()))));
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, ctx));
  if (value && typeof value === 'object') {
    if ('$repeat' in value) {
      return (value.prefix ? resolve(value.prefix, ctx) : '') + String(value.$repeat).repeat(value.times)
        + (value.suffix ? resolve(value.suffix, ctx) : '');
    }
    if ('$array' in value) {
      const out = [];
      for (let i = 0; i < value.times; i += 1) {
        const item = JSON.parse(JSON.stringify(value.$array).replace(/\{\{\s*i\s*\}\}/g, String(i)));
        out.push(resolve(item, ctx));
      }
      return out;
    }
    const out = {};
    for (const [k, v] of Object.entries(value)) out[resolve(k, ctx)] = resolve(v, ctx);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Matching

function matcher(expected, actual, where) {
  if (typeof expected !== 'string' || !expected.startsWith('$')) return null;
  const fail = (what) => assert.fail(`${where}: expected ${what}, got ${JSON.stringify(actual)}`);
  if (expected === '$any') { if (actual === undefined) fail('a value'); return true; }
  if (expected === '$uuid') { if (typeof actual !== 'string' || !UUID_RE.test(actual)) fail('a uuid'); return true; }
  if (expected === '$string') { if (typeof actual !== 'string') fail('a string'); return true; }
  if (expected === '$nonempty') { if (typeof actual !== 'string' || !actual) fail('a non-empty string'); return true; }
  if (expected === '$number') { if (typeof actual !== 'number') fail('a number'); return true; }
  if (expected === '$minute_ts') { if (typeof actual !== 'string' || !MINUTE_TS_RE.test(actual)) fail('an ISO time on the minute'); return true; }
  if (expected === '$color') { if (!COLORS.includes(actual)) fail('an option color'); return true; }
  if (expected.startsWith('$re:')) {
    if (typeof actual !== 'string' || !new RegExp(expected.slice(4)).test(actual)) fail(`a match of /${expected.slice(4)}/`);
    return true;
  }
  if (expected.startsWith('$$')) return null; // escaped literal "$..." handled by caller
  return null;
}

// exact=true: objects must have exactly the expected keys. Arrays always compare element-wise
// with the same length.
function compare(expected, actual, where, exact) {
  if (matcher(expected, actual, where)) return;
  if (typeof expected === 'string' && expected.startsWith('$$')) expected = expected.slice(1);
  if (expected === null || typeof expected !== 'object') {
    assert.deepStrictEqual(actual, expected, `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) assert.fail(`${where}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length,
      `${where}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual).slice(0, 600)}`);
    expected.forEach((e, i) => compare(e, actual[i], `${where}[${i}]`, exact));
    return;
  }
  if (!actual || typeof actual !== 'object' || Array.isArray(actual)) {
    assert.fail(`${where}: expected an object, got ${JSON.stringify(actual)}`);
  }
  for (const [k, e] of Object.entries(expected)) {
    if (!(k in actual)) assert.fail(`${where}.${k}: missing (object has ${Object.keys(actual).join(', ')})`);
    compare(e, actual[k], `${where}.${k}`, exact);
  }
  if (exact) {
    const extra = Object.keys(actual).filter((k) => !(k in expected));
    if (extra.length) assert.fail(`${where}: unexpected keys ${extra.join(', ')}`);
  }
}

function getPath(obj, p) {
  let v = obj;
  for (const part of p.split('.')) {
    if (v === null || typeof v !== 'object' || !(part in v)) return { found: false };
    v = v[part];
  }
  return { found: true, value: v };
}

function check(expect, res, label) {
  const info = `${label}: ${res.status} ${res.text.slice(0, 1500)}`;
  if (expect.error) {
    const e = expect.error;
    assert.equal(res.status, e.status, `${info}\nexpected status ${e.status}`);
    assert.ok(res.json, `${info}\nexpected a JSON body`);
    compare({ object: 'error', status: e.status, code: e.code, message: e.message, request_id: '$uuid' },
      res.json, `${label} body`, true);
  }
  if ('status' in expect) assert.equal(res.status, expect.status, `${info}\nexpected status ${expect.status}`);
  if ('body' in expect) compare(expect.body, res.json, `${label} body`, true);
  if ('match' in expect) compare(expect.match, res.json, `${label} body`, false);
  for (const p of expect.absent || []) {
    assert.ok(!getPath(res.json, p).found, `${label}: ${p} should be absent, is ${JSON.stringify(getPath(res.json, p).value)}`);
  }
  for (const [p, e] of Object.entries(expect.includes || {})) {
    const got = getPath(res.json, p);
    assert.ok(got.found && Array.isArray(got.value), `${label}: ${p} should be an array`);
    const hits = got.value.filter((item) => { try { compare(e, item, p, false); return true; } catch { return false; } });
    assert.equal(hits.length, 1, `${label}: ${p} should hold exactly one item matching ${JSON.stringify(e)}: ${JSON.stringify(got.value)}`);
  }
  for (const [p, e] of Object.entries(expect.excludes || {})) {
    const got = getPath(res.json, p);
    assert.ok(got.found && Array.isArray(got.value), `${label}: ${p} should be an array`);
    const hits = got.value.filter((item) => { try { compare(e, item, p, false); return true; } catch { return false; } });
    assert.equal(hits.length, 0, `${label}: ${p} should hold no item matching ${JSON.stringify(e)}: ${JSON.stringify(hits)}`);
  }
  for (const [p, e] of Object.entries(expect.paths || {})) {
    const got = getPath(res.json, p);
    assert.ok(got.found, `${label}: ${p} missing`);
    compare(e, got.value, `${label} ${p}`, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Cases

const caseFiles = fs.readdirSync(CASES_DIR).filter((f) => f.endsWith('.json')).sort();

async function runCase(file) {
  const raw = fs.readFileSync(path.join(CASES_DIR, file), 'utf8');
  const spec = JSON.parse(raw);
  if (!fixture) throw new Error('fixture was not built (see the first failure)');
  const version = spec.version || DEFAULT_VERSION;
  const ctx = { fixture, token, saved: {}, case: file.replace(/\.json$/, '') };
  if (raw.includes('{{page.') || raw.includes('{{page|') || raw.includes('{{page}}')) {
    const props = { Name: { title: text(ctx.case) }, ...resolve(spec.page || {}, ctx) };
    const r = await send({ method: 'POST', path: '/v1/pages', body: { parent: { data_source_id: fixture.everything.data_source_id }, properties: props } }, DEFAULT_VERSION);
    assert.equal(r.status, 200, `creating {{page}}: ${r.status} ${r.text}`);
    ctx.page = r.json;
  }
  for (const [i, step] of (spec.setup || []).entries()) {
    const req = resolve(step, ctx);
    const r = await send(req, req.version === undefined ? version : req.version);
    const want = step.status === undefined ? 200 : step.status;
    assert.equal(r.status, want, `setup[${i}] ${req.method} ${req.path}: ${r.status} ${r.text.slice(0, 1500)}`);
    if (step.save) ctx.saved[step.save] = r.json;
  }
  const req = resolve(spec.request, ctx);
  const res = await send(req, version);
  ctx.response = res.json;
  if (process.env.GOLDEN_DUMP) process.stderr.write(`\n=== ${file} ${res.status}\n${JSON.stringify(res.json, null, 1)}\n`);
  check(resolve(spec.expect, ctx), res, `${req.method || 'GET'} ${req.path}`);
  for (const [i, step] of (spec.then || []).entries()) {
    const r2 = resolve(step.request, ctx);
    const res2 = await send(r2, r2.version === undefined ? version : r2.version);
    if (step.save) ctx.saved[step.save] = res2.json;
    check(resolve(step.expect, ctx), res2, `then[${i}] ${r2.method || 'GET'} ${r2.path}`);
  }
}

let dbDir = null;
before(async () => {
  dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-golden-'));
  token = `secret_golden_${crypto.randomBytes(12).toString('hex')}`;
  baseUrl = await startServer(dbDir, token);
  await buildFixture();
});

after(async () => {
  await stopServer();
  if (dbDir && !process.env.LOCALNOTION_KEEP_DB) fs.rmSync(dbDir, { recursive: true, force: true });
});

for (const file of caseFiles) {
  if (ONLY && !ONLY.test(file)) continue;
  let description = '';
  try { description = JSON.parse(fs.readFileSync(path.join(CASES_DIR, file), 'utf8')).description || ''; } catch { /* reported by the test */ }
  test(`${file.replace(/\.json$/, '')}: ${description}`, () => runCase(file));
}
