'use strict';
// The README's snippets run exactly as printed (issue 16): each ```js block is taken
// from README.md, written to a .mjs file beside this suite's node_modules (so that
// `import "@notionhq/client"` resolves as it would in the reader's project) and run
// with node, with the token the server printed in NOTION_API_KEY. Its output must be
// what the README says it prints.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { startServer } = require('../lib/server');

const ROOT = path.resolve(__dirname, '../../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

// The text of the section under `## heading`, up to the next `## `.
function section(heading) {
  const start = README.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README.md has a section "## ${heading}"`);
  const rest = README.slice(start + heading.length + 5);
  const end = rest.indexOf('\n## ');
  return end < 0 ? rest : rest.slice(0, end);
}

// The fenced blocks of `lang` in `text`, in order.
function blocks(text, lang) {
  const out = [];
  const re = new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]);
  return out;
}

// What the README says `node FILE` prints: the comment after it in the sh block.
function promisedOutput(sh, file) {
  const line = sh.split('\n').find((l) => l.startsWith(`node ${file}`));
  assert.ok(line, `the README runs node ${file}`);
  const m = line.match(/# prints: (.*)$/);
  assert.ok(m, `the README says what ${file} prints`);
  return m[1].split(', then: ').map((s) => `${s}\n`).join('');
}

function runSnippet(code, env) {
  const dir = fs.mkdtempSync(path.join(__dirname, '..', '.readme-'));
  const file = path.join(dir, 'snippet.mjs');
  fs.writeFileSync(file, code);
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { env: { ...process.env, ...env }, timeout: 30000 }, (error, stdout, stderr) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

test('README "Point your SDK at it": the snippet runs on a fresh store with the printed token', async () => {
  const text = section('Point your SDK at it');
  const [sh] = blocks(text, 'sh');
  const [js] = blocks(text, 'js');
  assert.ok(js.includes('process.env.NOTION_API_KEY'));
  assert.match(sh, /^export NOTION_API_KEY=/m);
  const srv = await startServer({ token: null });
  try {
    const printed = srv.stdout.map((l) => l.match(/^localnotion token: (\S+)$/)).find(Boolean);
    assert.ok(printed, srv.stdout.join('\n'));
    const run = await runSnippet(js, { NOTION_API_KEY: printed[1], NOTION_BASE_URL: srv.baseUrl });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, promisedOutput(sh, 'example.mjs'));
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});

test('README "The grocery example": the snippet runs against --seed examples/grocery.json', async () => {
  const text = section('The grocery example');
  const [sh] = blocks(text, 'sh');
  const [js] = blocks(text, 'js');
  const serve = sh.split('\n').find((l) => l.includes(' serve '));
  const token = serve.match(/--token (\S+)/)[1];
  const seed = serve.match(/--seed (\S+)/)[1];
  assert.match(sh, new RegExp(`^export NOTION_API_KEY=${token}$`, 'm'));
  const srv = await startServer({ token, extraArgs: ['--seed', path.join(ROOT, seed)] });
  try {
    const run = await runSnippet(js, { NOTION_API_KEY: token, NOTION_BASE_URL: srv.baseUrl });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, promisedOutput(sh, 'grocery.mjs'));
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});

test('README "Reset between tests": the admin token given empties the workspace', async () => {
  const text = section('Reset between tests');
  const [sh] = blocks(text, 'sh');
  const admin = sh.match(/--admin-token (\S+)/)[1];
  assert.ok(sh.includes(`Authorization: Bearer ${admin}`));
  const srv = await startServer({ extraArgs: ['--admin-token', admin] });
  try {
    const res = await fetch(`${srv.baseUrl}/_localnotion/reset`,
      { method: 'POST', headers: { Authorization: `Bearer ${admin}` } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'reset', kept_integrations: true });
  } finally {
    await srv.stop().catch(() => {});
    await srv.dispose();
  }
});

test('README "Command line" lists every serve flag of --help', async () => {
  const help = await new Promise((resolve) => {
    execFile(require('../lib/server').BIN, ['serve', '--help'], (error, stdout) => resolve(stdout));
  });
  const flags = [...new Set(help.match(/--[a-z][a-z-]+/g))].filter((f) => f !== '--help');
  const table = section('Command line');
  for (const flag of flags) assert.ok(table.includes(`| \`${flag}\` |`), `README documents ${flag}`);
});
