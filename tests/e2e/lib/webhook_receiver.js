'use strict';
// A webhook receiver on 127.0.0.1 (node:http) for the webhook tests: it records every
// POST with its raw body and headers, learns the verification token from the handshake,
// and checks each event's X-Notion-Signature with the SDK's own verifyWebhookSignature.
//   const rx = await startReceiver();        // rx.url, rx.requests, rx.events, rx.token
//   rx.failNext(3);                          // answer 500 to the next 3 requests
//   await rx.waitFor((r) => r.events.length >= 2);
//   await rx.close();

const http = require('node:http');
const { verifyWebhookSignature } = require('@notionhq/client');

async function startReceiver({ path = '/notion', port = 0 } = {}) {
  const rx = {
    requests: [], // {headers, body, json, verified}
    events: [], // parsed event bodies (not the handshake), in arrival order
    token: null,
    failing: 0,
    badSignatures: 0,
    server: null,
    url: null,
    failNext(n) { this.failing = n; },
    async waitFor(pred, ms = 15000) {
      const until = Date.now() + ms;
      while (!pred(this)) {
        if (Date.now() > until) throw new Error(`webhook receiver: timed out; got ${JSON.stringify(this.events.map((e) => e.type))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    ofType(type) { return this.events.filter((e) => e.type === type); },
    close() { return new Promise((resolve) => { this.server.closeAllConnections?.(); this.server.close(() => resolve()); }); },
  };
  rx.server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const json = JSON.parse(body);
      if (json.verification_token && rx.token === null) rx.token = json.verification_token;
      const verified = rx.token !== null && await verifyWebhookSignature({
        body, signature: req.headers['x-notion-signature'], verificationToken: rx.token,
      });
      if (!verified) rx.badSignatures += 1;
      rx.requests.push({ method: req.method, url: req.url, headers: req.headers, body, json, verified });
      if (rx.failing > 0) {
        rx.failing -= 1;
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('not now');
        return;
      }
      if (!json.verification_token) rx.events.push(json);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise((resolve) => rx.server.listen(port, '127.0.0.1', resolve));
  rx.port = rx.server.address().port;
  rx.url = `http://127.0.0.1:${rx.port}${path}`;
  return rx;
}

module.exports = { startReceiver };
