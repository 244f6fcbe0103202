'use strict';
// A real PostgreSQL 15 for the e2e suites (no mocks), one per test process, shared by
// that file's servers: started on first use, stopped and deleted when the process exits.
//   const pg = await ensurePostgres();   // pg.url, pg.port, pg.psql(sql)
//   const url = await freshStoreUrl();   // postgresql://...?schema=e2e_<random>: a store of its own
//   const other = await startPostgres(); // another server of its own (a second cluster), same shape as pg
// As in src/storage/postgres/pg_test_server.cc: initdb runs once per machine into a
// template directory that every process copies (initdb takes seconds), as the `postgres`
// user when the tests run as root (PostgreSQL refuses root), and the server listens on a
// free loopback port with its socket in a temporary directory. fsync is off: the tests
// kill processes, never the machine.
//
// LOCALNOTION_DB=postgres (lib/server.js) makes every startServer() use a fresh schema of
// this server instead of a SQLite file.

const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort } = require('./ports');

const BIN = process.env.LOCALNOTION_PG_BIN || '/usr/lib/postgresql/15/bin';

function usePostgres() { return process.env.LOCALNOTION_DB === 'postgres'; }

// Whether PostgreSQL 15's programs are where startPostgres() looks for them.
function postgresInstalled() { return fs.existsSync(path.join(BIN, 'initdb')); }

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// Runs a PostgreSQL program as the user that may run it.
function asPg(program, args, opts = {}) {
  const file = path.join(BIN, program);
  if (isRoot) return execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe', ...opts });
  return execFileSync(file, args, { stdio: 'pipe', ...opts });
}

let server = null;
let starting = null;

async function startPostgres() {
  if (!postgresInstalled()) {
    throw new Error(`PostgreSQL 15 is not installed (no ${BIN}/initdb): install postgresql-15 (make deps)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-e2e-pg-'));
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  const uid = isRoot ? 0 : process.getuid();
  const template = path.join(os.tmpdir(), `localnotion-pg15-template-${uid}`);
  if (!fs.existsSync(path.join(template, 'PG_VERSION'))) {
    const making = path.join(dir, 'template');
    asPg('initdb', ['-D', making, '--no-locale', '-E', 'UTF8', '-A', 'trust', '-U', 'postgres', '-N']);
    try { fs.renameSync(making, template); } catch { /* another process made it first */ }
    fs.rmSync(making, { recursive: true, force: true });
  }
  const data = path.join(dir, 'data');
  if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', 'cp', '-a', template, data]);
  else execFileSync('cp', ['-a', template, data]);
  // The port is free when chosen, but another test process (run.sh runs two at a time)
  // may bind it before PostgreSQL does: then PostgreSQL's log says so and another is
  // chosen, up to four times in all.
  const log = path.join(dir, 'server.log');
  let port;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      asPg('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', log, '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400`]);
      break;
    } catch (err) {
      const said = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
      if (attempt >= 4 || !/could not bind|Address already in use/.test(said)) throw err;
      fs.rmSync(log, { force: true });
    }
  }
  const pg = {
    dir,
    data,
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    psql(sql) {
      return execFileSync(path.join(BIN, 'psql'), ['-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', this.url, '-c', sql],
        { stdio: 'pipe' }).toString();
    },
    // Stops the server (fast: clients are disconnected) and starts it again on the same port.
    stop() { asPg('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]); },
    start() {
      asPg('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', log, '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400`]);
    },
  };
  process.on('exit', () => {
    try { asPg('pg_ctl', ['stop', '-m', 'immediate', '-D', data]); } catch { /* already stopped */ }
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* ignore */ }
  });
  return pg;
}

async function ensurePostgres() {
  if (server) return server;
  if (!starting) starting = startPostgres().then((pg) => { server = pg; return pg; });
  return starting;
}

// A store URL of its own: a schema nobody used yet (created by the server on start).
async function freshStoreUrl() {
  const pg = await ensurePostgres();
  return `${pg.url}?schema=e2e_${crypto.randomBytes(8).toString('hex')}`;
}

module.exports = { usePostgres, postgresInstalled, ensurePostgres, freshStoreUrl, startPostgres };
