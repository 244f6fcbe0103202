'use strict';
// GET /metrics (Prometheus text, no token), GET /_localnotion/ready (no token),
// `localnotion --version` and the start banner (issue 16).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, BIN, runCli, withServer, usePostgres } = require('../lib/server');
const { v5, raw } = require('../lib/clients');

const run = runCli;


// The value of the sample `name{labels}` in a text exposition, or undefined.
function sample(text, nameAndLabels) {
  const line = text.split('\n').find((l) => l.startsWith(`${nameAndLabels} `));
  return line === undefined ? undefined : Number(line.slice(nameAndLabels.length + 1));
}

test('--version prints the version and exits 0', async () => {
  const { code, stdout } = await run(['--version']);
  assert.equal(code, 0);
  assert.match(stdout, /^localnotion \d+\.\d+\.\d+\n$/);
});

test('the start banner: version, store, workspace, token, admin token, URLs, then the listening line', async () => {
  await withServer({ extraArgs: ['--admin-token', 'admin_e2e_banner_0123456789'] }, async (srv) => {
    const out = srv.stdout;
    const { stdout: version } = await run(['--version']);
    const base = srv.baseUrl;
    assert.equal(out[0], version.trim());
    assert.equal(out[1], `localnotion database: ${srv.dbUrl}`);
    assert.match(out[2], /^localnotion workspace: .+ \([0-9a-f-]{36}\)$/);
    assert.equal(out[3], `localnotion token: ${srv.token}`);
    assert.equal(out[4], 'localnotion admin token: admin_e2e_banner_0123456789');
    assert.equal(out[5], `localnotion API: ${base}/v1 (SDK: new Client({ auth: token, baseUrl: "${base}" }))`);
    assert.equal(out[6], `localnotion in a browser: ${base}/`);
    assert.equal(out[7], `localnotion metrics: ${base}/metrics`);
    assert.equal(out[8], `localnotion ready: ${base}/_localnotion/ready`);
    assert.equal(out[9], 'localnotion log: one line per request on stderr (--log-format text, --log-level info)');
    assert.equal(out[10], `localnotion listening on ${base}`);
  });
});

test('GET /_localnotion/ready answers 200 {"status":"ok"} without a token; the rest of the admin API still needs one',
  async () => {
    await withServer({}, async (srv) => {
      const ready = await fetch(`${srv.baseUrl}/_localnotion/ready`);
      assert.equal(ready.status, 200);
      assert.match(ready.headers.get('content-type'), /^application\/json/);
      assert.deepEqual(await ready.json(), { status: 'ok' });
      const health = await fetch(`${srv.baseUrl}/_localnotion/health`);
      assert.equal(health.status, 401);
    });
  });

test('GET /metrics: Prometheus text without a token, requests by route and status, latency, store size',
  async () => {
    await withServer({}, async (srv) => {
      const notion = v5(srv);
      await notion.users.me({});
      await notion.users.me({});
      await raw(srv, { path: '/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5' });
      await raw(srv, { path: '/v1/no/such/route' });
      // A request is observed just after its answer is sent (http/metrics.h), so the
      // scrape may come before the last one counts: scrape until it has, for up to 5 s.
      const unmatched = 'localnotion_http_requests_total{method="other",route="unmatched",status="400"}';
      let res; let text;
      for (const until = Date.now() + 5000; ;) {
        res = await fetch(`${srv.baseUrl}/metrics`);
        text = await res.text();
        if (sample(text, unmatched) !== undefined || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      assert.equal(sample(text, 'localnotion_http_requests_total{method="GET",route="/v1/users/me",status="200"}'), 2);
      assert.equal(sample(text, 'localnotion_http_requests_total{method="GET",route="/v1/pages/{}",status="404"}'), 1);
      assert.equal(sample(text, unmatched), 1);
      assert.equal(sample(text,
        'localnotion_http_request_duration_seconds_count{method="GET",route="/v1/users/me"}'), 2);
      assert.equal(sample(text,
        'localnotion_http_request_duration_seconds_bucket{method="GET",route="/v1/users/me",le="+Inf"}'), 2);
      // The size of the SQLite file and its WAL; a PostgreSQL store has no file of its own.
      if (usePostgres()) assert.doesNotMatch(text, /localnotion_store_size_bytes/);
      else assert.ok(sample(text, 'localnotion_store_size_bytes') > 0, text);
      assert.match(text, /^localnotion_build_info\{version="\d+\.\d+\.\d+"\} 1$/m);
      assert.match(text, /^# TYPE localnotion_http_request_duration_seconds histogram$/m);
      // No ids of the workspace, no tokens.
      assert.ok(!text.includes('59833787'));
      assert.ok(!text.includes(srv.token));
      // Every sample line is `name{labels} value` or `name value`.
      for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
        assert.match(line, /^[a-z_]+(\{([a-z_]+="[^"]*",?)+\})? [0-9.e+-]+$/, line);
      }
    });
  });
