'use strict';
// e2e-runs-alone: it starts nginx on ports chosen beforehand, which nginx cannot choose again if another file's server takes one (run.sh).
// `localnotion pull` over HTTPS (docs/fixtures.md "Pulling a workspace"), on loopback with
// real parts: a throwaway certificate authority and server certificates made with the
// openssl CLI, Debian's nginx terminating TLS in front of a second localnotion (the
// remote), and the pull trusting that authority through SSL_CERT_FILE (OpenSSL's default
// verify paths). The fixture pulled over HTTPS is the one pulled over plain HTTP, and
// seeded into a fresh server the token sees the same. Without the authority trusted, or
// with a certificate for another host name, the pull stops at once (no retries, no HTTP
// request reaches the remote) with exit code 1 and the reason OpenSSL gives.
//
// Skips, saying so, only when nginx or openssl is not installed (`make deps` installs both).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { startServer } = require('../lib/server');
const { freePorts, waitPort } = require('../lib/ports');
const { v5, adminCall } = require('../lib/clients');
const { text, createRootPage, createDatabase } = require('../lib/fixtures');
const { pull, visible } = require('../lib/pull');

const missing = ['nginx', 'openssl'].filter((cmd) => spawnSync(cmd, ['-v'], { stdio: 'ignore' }).error);
const SKIP = missing.length > 0 && `${missing.join(' and ')} not installed (make deps installs nginx-light and openssl)`;
const ADMIN = 'admin_pull_https_0123456789';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-pull-https-'));
const file = (name) => path.join(dir, name);
const servers = [];
let nginx; let remote; let good; let wrong;

function openssl(...args) {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `openssl ${args.join(' ')}: ${r.stderr}`);
}

// A P-256 key and a certificate signed by the throwaway authority, for the names in `san`.
function issue(name, san) {
  fs.writeFileSync(file(`${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`,
    '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', String(Date.now()),
    '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}


// nginx terminating TLS on two loopback ports in front of `upstream`: `good` with the
// certificate for localhost and 127.0.0.1, `wrong` with one for another host name.
async function startNginx(upstream) {
  const [goodPort, wrongPort] = await freePorts(2);
  const site = (port, cert) => `
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${file(`${cert}.pem`)};
    ssl_certificate_key ${file(`${cert}.key`)};
    location / { proxy_pass http://127.0.0.1:${upstream}; proxy_set_header Host $host; }
  }`;
  fs.writeFileSync(file('nginx.conf'), `${process.getuid() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${file('nginx.pid')};
error_log ${file('nginx-error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${site(goodPort, 'localhost')}
  ${site(wrongPort, 'elsewhere')}
}
`);
  nginx = spawn('nginx', ['-c', file('nginx.conf'), '-p', dir], { stdio: 'ignore' });
  process.on('exit', () => { try { nginx.kill('SIGKILL'); } catch { /* gone */ } });
  const seen = { what: 'nginx', hint: file('nginx-error.log') };
  await Promise.all([waitPort(goodPort, 10000, seen), waitPort(wrongPort, 10000, seen)]);
  return [goodPort, wrongPort];
}

const admin = (srv, method, route, body) => adminCall(srv, ADMIN, method, route, body);
const trusted = { SSL_CERT_FILE: file('ca.pem'), SSL_CERT_DIR: undefined };
const untrusted = { SSL_CERT_FILE: undefined, SSL_CERT_DIR: undefined };

before(async () => {
  if (SKIP) return;
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key',
    '-out', 'ca.pem', '-days', '1', '-subj', '/CN=localnotion e2e throwaway CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  issue('localhost', 'DNS:localhost,IP:127.0.0.1');
  issue('elsewhere', 'DNS:elsewhere.example');
  remote = await startServer({ extraArgs: ['--admin-token', ADMIN] });
  servers.push(remote);
  [good, wrong] = await startNginx(remote.port);
  const client = v5(remote);
  const root = await createRootPage(client, 'Over TLS');
  await client.blocks.children.append({
    block_id: root.id,
    children: [{ heading_2: { rich_text: text('Notes') } }, { toggle: { rich_text: text('more'), children: [{ paragraph: { rich_text: text('inside') } }] } }],
  });
  const db = await createDatabase(client, 'v5', root.id, 'Tasks', { Name: { title: {} }, Points: { number: {} } });
  for (const [name, points] of [['one', 1], ['two', 2]]) {
    await client.pages.create({ parent: { data_source_id: db.dataSourceId }, properties: { Name: { title: text(name) }, Points: { number: points } } });
  }
  await client.comments.create({ parent: { page_id: root.id }, rich_text: text('looks good') });
});
after(async () => {
  for (const s of servers) { await s.stop().catch(() => {}); await s.dispose(); }
  if (nginx) { nginx.kill('SIGTERM'); await sleep(100); }
  fs.rmSync(dir, { recursive: true, force: true });
});

const args = (from, out) => ['--from', from, '--token', remote.token, '--out', file(out), '--rate', '200'];

test('a pull over HTTPS trusting the throwaway authority copies what the remote serves', { skip: SKIP }, async () => {
  const plain = await pull(args(remote.baseUrl, 'plain.json'), { env: untrusted });
  assert.equal(plain.code, 0, plain.stderr);
  for (const from of [`https://localhost:${good}`, `https://127.0.0.1:${good}`]) {
    await admin(remote, 'DELETE', 'requests');
    const out = from.includes('localhost') ? 'https-name.json' : 'https-ip.json';
    const run = await pull(args(from, out), { env: trusted });
    assert.equal(run.code, 0, run.stderr);
    // The progress line is rewritten (\r) after each request; its last state ends the line.
    const counts = /\rpull: (\d+) requests, 0 from the state file, 0 retried, [^\r\n]*\b3 pages[^\r\n]*\n/.exec(run.stderr);
    assert.ok(counts, run.stderr);
    assert.match(run.stderr, new RegExp(`localnotion pull: wrote ${file(out)}`));
    // Every request went through nginx to the remote, and the fixture is the plain one.
    const asked = (await admin(remote, 'GET', 'requests')).body.results;
    assert.equal(asked.length, Number(counts[1]));
    assert.equal(fs.readFileSync(file(out), 'utf8'), fs.readFileSync(file('plain.json'), 'utf8'));
  }
  const copy = await startServer({ token: remote.token, extraArgs: ['--admin-token', ADMIN] });
  servers.push(copy);
  const seeded = await admin(copy, 'POST', 'seed', JSON.parse(fs.readFileSync(file('https-name.json'), 'utf8')));
  assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
  assert.deepEqual(await visible(v5(copy)), await visible(v5(remote)));
});

// A refused certificate fails the first request at once: one attempt, nothing retried,
// no HTTP request reaching the remote, no fixture written.
async function refused(from, out, env, reason) {
  await admin(remote, 'DELETE', 'requests');
  const run = await pull(args(from, out), { env });
  assert.equal(run.code, 1, run.stderr);
  const host = new URL(from).hostname;
  // The progress line (drawn after the attempt and again at the end), then the reason.
  const progress = '\rpull: 1 requests, 0 from the state file, 0 retried ';
  assert.equal(run.stderr, `${progress}${progress}\nlocalnotion pull: GET /v1/users/me failed: TLS: the certificate of `
    + `${host} was not accepted: ${reason} (trusted authorities: the system's, or the file in SSL_CERT_FILE) `
    + '(run again to resume)\n');
  assert.equal(fs.existsSync(file(out)), false);
  assert.deepEqual((await admin(remote, 'GET', 'requests')).body.results, []);
}

test('without the authority trusted the pull stops with the verification error', { skip: SKIP }, async () => {
  await refused(`https://localhost:${good}`, 'untrusted.json', untrusted, 'unable to get local issuer certificate');
  // SSL_CERT_FILE replaces the system's authorities: a file without this one is no trust.
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'other-ca.key',
    '-out', 'other-ca.pem', '-days', '1', '-subj', '/CN=another throwaway CA', '-addext', 'basicConstraints=critical,CA:TRUE');
  await refused(`https://localhost:${good}`, 'other.json', { SSL_CERT_FILE: file('other-ca.pem') }, 'unable to get local issuer certificate');
});

test('a certificate for another host name fails host name verification', { skip: SKIP }, async () => {
  await refused(`https://localhost:${wrong}`, 'wrong-name.json', trusted, 'hostname mismatch');
  await refused(`https://127.0.0.1:${wrong}`, 'wrong-ip.json', trusted, 'IP address mismatch');
});
