'use strict';
// Spawns the built localnotion binary on 127.0.0.1 with a temporary SQLite file, or,
// with LOCALNOTION_DB=postgres, a fresh schema of the test process's PostgreSQL
// (lib/postgres.js): the same tests then run against the PostgreSQL store.
//   const srv = await startServer();            // srv.baseUrl, srv.token, srv.dbPath, srv.dbUrl
//   startServer({ dbUrl })                       // this store URL (e.g. a second instance on one PostgreSQL)
//   startServer({ noDb: true })                  // no --db at all (the server's default, e.g. with --shard)
//   await srv.stop();                            // SIGTERM, wait for exit
//   await srv.kill9();                           // SIGKILL, wait for exit
//   await srv.restart();                         // same db file (and same port when possible)
// Every spawned process is tracked and SIGKILLed when the test process exits,
// so a failing test never leaks a server.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort } = require('./ports');
const crypto = require('node:crypto');
const readline = require('node:readline');
const { usePostgres, freshStoreUrl } = require('./postgres');

const BIN = process.env.LOCALNOTION_BIN
  ? path.resolve(process.env.LOCALNOTION_BIN)
  : path.resolve(__dirname, '../../../build/localnotion');

const START_TIMEOUT_MS = Number(process.env.LOCALNOTION_START_TIMEOUT_MS || 20000);
// Set by tools/sanitized_suites.sh when the binary is an ASan/UBSan or TSan build. Such a
// server runs several times slower, so the few assertions on latency (never on behaviour)
// multiply their bounds by this factor; the normal run keeps the factor 1.
const LATENCY_FACTOR = process.env.LOCALNOTION_SANITIZER ? 10 : 1;
const STOP_TIMEOUT_MS = Number(process.env.LOCALNOTION_STOP_TIMEOUT_MS || 10000);

const live = new Set();
process.on('exit', () => {
  for (const child of live) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

function waitExit(child, ms) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    const timer = ms ? setTimeout(() => resolve(null), ms) : null;
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

class LocalNotionServer {
  // token: the --token to pass (default: a random one); null passes no --token at all.
  // env: extra environment variables for the server process.
  constructor({ token, dbDir, dbUrl, noDb, port, extraArgs, env } = {}) {
    this.token = token === null ? null : (token || `secret_e2e_${crypto.randomBytes(12).toString('hex')}`);
    this.env = env || {};
    this.dbDir = dbDir || fs.mkdtempSync(path.join(os.tmpdir(), 'ln-e2e-'));
    this.ownsDir = !dbDir;
    this.dbPath = path.join(this.dbDir, 'ln.db');
    // The --db URL (the dbUrl getter): given, or the SQLite file at dbPath, or a fresh
    // PostgreSQL schema chosen on the first start under LOCALNOTION_DB=postgres; restarts
    // keep it.
    this.givenDbUrl = dbUrl || null;
    this.noDb = Boolean(noDb);
    this.port = port || null;
    this.extraArgs = extraArgs || [];
    this.child = null;
    this.log = []; // last lines of stdout/stderr, for diagnostics
  }

  get baseUrl() { return `http://127.0.0.1:${this.port}`; }

  get dbUrl() { return this.givenDbUrl || (usePostgres() ? null : `sqlite:${this.dbPath}`); }

  logTail(n = 40) { return this.log.slice(-n).join('\n'); }

  async start() {
    if (!fs.existsSync(BIN)) {
      throw new Error(`localnotion binary not found at ${BIN} (build it with 'make build' or set LOCALNOTION_BIN)`);
    }
    // The store first: starting the test process's PostgreSQL takes a free port too, and
    // the kernel may hand it the port just chosen for this server (CI once saw
    // "cannot listen on 127.0.0.1:38325: Address already in use" with PostgreSQL on 38325).
    if (!this.dbUrl && !this.noDb) this.givenDbUrl = await freshStoreUrl();
    // A port this harness chose can still be taken between freePort() and the server's
    // bind (another test process, nginx, PostgreSQL); then choose again. A port the test
    // named is never replaced.
    const chosen = !this.port;
    for (let attempt = 1; ; attempt++) {
      if (!this.port) this.port = await freePort();
      try {
        return await this.spawnAndWait();
      } catch (e) {
        if (!chosen || attempt >= 4 || !e.addressInUse) throw e;
        this.port = null;
      }
    }
  }

  // Spawns the server on this.port and resolves once it prints that it listens.
  async spawnAndWait() {
    const args = ['serve', '--host', '127.0.0.1', '--port', String(this.port)];
    if (!this.noDb) args.push('--db', this.dbUrl);
    if (this.token !== null) args.push('--token', this.token);
    args.push(...this.extraArgs);
    const env = { ...process.env };
    delete env.LOCALNOTION_TOKEN;
    Object.assign(env, this.env);
    this.stdout = []; // this run's stdout lines
    const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    this.child = child;
    live.add(child);
    child.once('exit', () => live.delete(child));
    const remember = (prefix) => (line) => {
      this.log.push(`${prefix}${line}`);
      if (this.log.length > 400) this.log.splice(0, this.log.length - 400);
    };
    let addressInUse = false; // this run's stderr said its port was taken
    const err = readline.createInterface({ input: child.stderr });
    err.on('line', remember('[stderr] '));
    err.on('line', (line) => { if (/cannot listen on .*Address already in use/.test(line)) addressInUse = true; });
    const out = readline.createInterface({ input: child.stdout });
    out.on('line', remember(''));
    out.on('line', (line) => this.stdout.push(line));

    const expected = `localnotion listening on http://127.0.0.1:${this.port}`;
    await new Promise((resolve, reject) => {
      let done = false;
      const finish = (err) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        out.off('line', onLine);
        child.off('close', onExit);
        child.off('error', onError);
        if (err) reject(err); else resolve();
      };
      const onLine = (line) => { if (line.trim() === expected) finish(); };
      const onExit = (code, signal) => finish(Object.assign(new Error(
        `localnotion exited before listening (code ${code}, signal ${signal}):\n${this.logTail()}`),
      { addressInUse }));
      const onError = (e) => finish(e);
      const timer = setTimeout(() => {
        try { child.kill('SIGKILL'); } catch { /* gone */ }
        finish(new Error(`localnotion did not print "${expected}" within ${START_TIMEOUT_MS} ms:\n${this.logTail()}`));
      }, START_TIMEOUT_MS);
      out.on('line', onLine);
      // 'close', not 'exit': it comes after stderr is read to its end, so addressInUse is known.
      child.once('close', onExit);
      child.once('error', onError);
    });
    return this;
  }

  // SIGTERM, then wait (bounded) for a clean exit; SIGKILL if it hangs.
  async stop() {
    const child = this.child;
    if (!child) return null;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
    child.kill('SIGTERM');
    const res = await waitExit(child, STOP_TIMEOUT_MS);
    if (res) return res;
    child.kill('SIGKILL');
    await waitExit(child, 0);
    throw new Error(`localnotion did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM:\n${this.logTail()}`);
  }

  async kill9() {
    const child = this.child;
    if (!child) return null;
    this.child = null;
    child.kill('SIGKILL');
    return waitExit(child, 0);
  }

  // Start again on the same database file. Keeps the port unless told otherwise.
  async restart({ newPort = false } = {}) {
    if (this.child) await this.stop();
    if (newPort) this.port = null;
    try {
      return await this.start();
    } catch (e) {
      if (newPort) throw e;
      // The old port may be unavailable for a moment (e.g. TIME_WAIT); retry on a new one.
      this.port = null;
      return this.start();
    }
  }

  // Stop whatever runs and remove the temporary directory. Never throws.
  async dispose() {
    try {
      if (this.child) {
        this.child.kill('SIGKILL');
        await waitExit(this.child, 5000);
        this.child = null;
      }
    } catch { /* ignore */ }
    if (this.ownsDir && !process.env.LOCALNOTION_KEEP_DB) {
      try { fs.rmSync(this.dbDir, { recursive: true, force: true }); } catch { /* ignore */ }
    }
  }
}

async function startServer(opts) {
  const srv = new LocalNotionServer(opts);
  try {
    await srv.start();
  } catch (e) {
    await srv.dispose();
    throw e;
  }
  return srv;
}

// Runs the binary with `args` (a CLI command, not a server); answers { code, stdout, stderr }.
function runCli(args) {
  return new Promise((resolve) => {
    require('node:child_process').execFile(BIN, args, { timeout: 10000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

// Starts a server with `opts`, runs fn(server), then stops and removes it whatever happens.
async function withServer(opts, fn) {
  const srv = await startServer(opts);
  try {
    return await fn(srv);
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
}

module.exports = { BIN, LATENCY_FACTOR, LocalNotionServer, startServer, freePort, runCli, withServer, usePostgres };
