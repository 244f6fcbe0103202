'use strict';
// The release artifacts of `make dist` (docs/development.md, "Release artifacts"), run by
// `make dist-test` with LOCALNOTION_DIST=dist:
// - dist/localnotion starts in a root that holds only the dist files and glibc (a chroot
//   in a private mount namespace: none of Boost, SQLite, simdjson, RE2, md4c, spdlog, fmt,
//   libpq is there), on a fresh SQLite store, and answers the official SDK;
// - ldd resolves every library but glibc's inside dist/lib;
// - the .deb installs the binary as /usr/bin/localnotion, and the extracted one runs.
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { Client } = require('@notionhq/client');

const DIST = path.resolve(process.env.LOCALNOTION_DIST || path.join(__dirname, '../../../dist'));
const BIN = path.join(DIST, 'localnotion');
const VERSION = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../packages/localnotion/package.json'))).version;
// The libraries the normal build loads from the system and the portable one must not.
const BUNDLED_OR_STATIC = ['boost', 'sqlite', 'simdjson', 're2', 'md4c', 'spdlog', 'fmt', 'pq', 'ssl', 'crypto', 'stdc++'];
const GLIBC = /^(ld-linux-x86-64\.so\.2|libc\.so\.6|libm\.so\.6|libresolv\.so\.2|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1)$/;

// What the loader resolves, without LD_LIBRARY_PATH: [{ name, file }] for every library.
// LD_TRACE_LOADED_OBJECTS (what ldd sets) on the binary run directly, so that $ORIGIN is
// its real folder even when it is started through a symlink, as /usr/bin/localnotion is.
function resolved(bin) {
  const env = { ...process.env, LD_TRACE_LOADED_OBJECTS: '1' };
  delete env.LD_LIBRARY_PATH;
  const out = execFileSync(bin, [], { env, encoding: 'utf8' });
  const libs = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\S+) => (\S+) \(/.exec(line) || /^\s*(\/\S+) \(/.exec(line);
    if (m) libs.push({ name: path.basename(m[1]), file: m[2] ?? m[1] });
    assert.doesNotMatch(line, /not found/, `ldd: ${line}`);
  }
  return libs;
}

test('the loader resolves every library but glibc inside dist/lib', () => {
  const libs = resolved(BIN);
  const outside = libs.filter((l) => !l.file.startsWith(path.join(DIST, 'lib') + '/'));
  assert.deepEqual(outside.filter((l) => !GLIBC.test(l.name)).map((l) => l.file), []);
  for (const part of BUNDLED_OR_STATIC) {
    for (const lib of libs.filter((l) => l.name.includes(part))) {
      assert.ok(lib.file.startsWith(path.join(DIST, 'lib') + '/'), `${lib.name} resolved from ${lib.file}`);
    }
  }
  // The static ones are not loaded at all.
  for (const part of ['boost', 'sqlite', 're2', 'tcmalloc']) {
    assert.deepEqual(libs.filter((l) => l.name.includes(part)).map((l) => l.name), [], part);
  }
});

test('dist/localnotion serves the SDK in a root holding only glibc and the dist files', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-root-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'opt'));
  execFileSync('cp', ['-a', DIST, path.join(root, 'opt/localnotion')]);
  for (const lib of resolved(BIN).filter((l) => GLIBC.test(l.name))) {
    fs.mkdirSync(path.join(root, path.dirname(lib.file)), { recursive: true });
    fs.copyFileSync(fs.realpathSync(lib.file), path.join(root, lib.file));
  }
  fs.mkdirSync(path.join(root, 'tmp'));
  fs.mkdirSync(path.join(root, 'proc'));
  // What the root holds: the dist files and glibc, nothing else.
  const files = execFileSync('find', ['.', '-type', 'f'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  const others = files.filter((f) => !f.startsWith('./opt/localnotion/'));
  assert.ok(others.length >= 2 && others.every((f) => GLIBC.test(path.basename(f))), others.join('\n'));
  assert.ok(!files.some((f) => /libsqlite3|libboost|libre2/.test(f)), files.join('\n'));

  const token = 'secret_dist_root_test';
  // A private mount namespace (root: CI and this machine run as root; otherwise a user
  // namespace maps us to root) mounts /proc for $ORIGIN, then chroot runs the binary.
  const unshare = process.getuid() === 0 ? ['-m'] : ['-r', '-m'];
  const child = spawn('unshare', [...unshare, '--', 'sh', '-c',
    'mount -t proc proc "$1/proc" && exec chroot "$1" /opt/localnotion/localnotion serve --host 127.0.0.1 ' +
    '--port 0 --db sqlite:/tmp/ln.db --token "$2"', 'sh', root, token], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  readline.createInterface({ input: child.stderr }).on('line', (l) => output.push(l));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line:\n${output.join('\n')}`)), 20000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const m = /^localnotion listening on (http:\/\/\S+)$/.exec(line);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}:\n${output.join('\n')}`)); });
  });
  assert.ok(output.includes(`localnotion ${VERSION}`), output.join('\n'));
  assert.ok(output.includes('localnotion database: sqlite:/tmp/ln.db'), output.join('\n'));

  const notion = new Client({ auth: token, baseUrl });
  const page = await notion.pages.create({
    parent: { type: 'workspace', workspace: true },
    properties: { title: { title: [{ text: { content: 'Made in a root without Boost or SQLite' } }] } },
  });
  const read = await notion.pages.retrieve({ page_id: page.id });
  assert.equal(read.properties.title.title[0].plain_text, 'Made in a root without Boost or SQLite');
  const me = await notion.users.me({});
  assert.equal(me.type, 'bot');
  // The store is the fresh file inside the root.
  assert.ok(fs.statSync(path.join(root, 'tmp/ln.db')).size > 0);

  child.kill('SIGTERM');
  const code = await exited;
  assert.equal(code, 0, output.join('\n'));
});

test('the .deb installs /usr/bin/localnotion, and the extracted binary runs', () => {
  const deb = path.join(DIST, `localnotion_${VERSION}_amd64.deb`);
  const contents = execFileSync('dpkg-deb', ['--contents', deb], { encoding: 'utf8' });
  assert.match(contents, /\.\/usr\/bin\/localnotion -> \.\.\/lib\/localnotion\/localnotion\n/);
  assert.match(contents, /\.\/usr\/lib\/localnotion\/localnotion\n/);
  assert.match(contents, /\.\/usr\/lib\/localnotion\/lib\/libpq\.so\.5/);
  assert.match(contents, /\.\/usr\/lib\/systemd\/system\/localnotion\.service\n/);
  const fields = execFileSync('dpkg-deb', ['--field', deb, 'Package', 'Version', 'Architecture', 'Depends'], { encoding: 'utf8' });
  assert.equal(fields, `Package: localnotion\nVersion: ${VERSION}\nArchitecture: amd64\nDepends: libc6 (>= 2.36)\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-deb-'));
  try {
    execFileSync('dpkg', ['-x', deb, dir]);
    const env = { ...process.env };
    delete env.LD_LIBRARY_PATH;
    assert.equal(execFileSync(path.join(dir, 'usr/bin/localnotion'), ['--version'], { env, encoding: 'utf8' }),
      `localnotion ${VERSION}\n`);
    const libs = resolved(path.join(dir, 'usr/bin/localnotion'));
    const libpq = libs.find((l) => l.name === 'libpq.so.5');
    assert.equal(libpq.file, path.join(dir, 'usr/lib/localnotion/lib/libpq.so.5'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
