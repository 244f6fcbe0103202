#!/usr/bin/env node
// Active webhook subscriptions for a benchmark (docs/benchmarks.md, "Webhooks"): starts a
// receiver on 127.0.0.1 that answers 200 to everything, creates N subscriptions of the
// token's integration to every event type it may get, verifies each with the token of
// its handshake, prints "ready N" and keeps receiving until it is killed.
//
//   BASE_URL=http://127.0.0.1:8787 TOKEN=secret ADMIN_TOKEN=admin N=5 node bench/webhook_subscribers.js
//
// Node 20, no dependencies.
'use strict';
const http = require('node:http');

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '');
const { TOKEN, ADMIN_TOKEN } = process.env;
const N = Number(process.env.N || 5);
const tokens = [];
let received = 0;

async function call(path, { method = 'GET', body, admin = false } = {}) {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${admin ? ADMIN_TOKEN : TOKEN}`,
      'notion-version': '2025-09-03',
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function main() {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => {
      received += 1;
      const json = JSON.parse(raw);
      if (json.verification_token) tokens.push(json.verification_token);
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/hook`;
  const me = await call('/v1/users/me');
  const integrations = await call('/_localnotion/integrations', { admin: true });
  const integration = integrations.results.find((i) => i.bot_user_id === me.id).id;
  for (let i = 0; i < N; i += 1) {
    const sub = await call('/_localnotion/webhooks', { method: 'POST', admin: true, body: { integration, url } });
    const deadline = Date.now() + 60_000;
    while (tokens.length <= i) {
      if (Date.now() > deadline) throw new Error('no handshake within 60 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    await call(`/_localnotion/webhooks/${sub.id}/verify`, { method: 'POST', admin: true,
      body: { verification_token: tokens[i] } });
  }
  console.log(`ready ${N}`);
  process.on('SIGTERM', () => { console.log(`received ${received}`); process.exit(0); });
}

main().catch((e) => { console.error(e.message); process.exit(1); });
