#!/usr/bin/env node
'use strict';
// A webhook receiver for localnotion (docs/webhooks.md): prints each event, checks its
// X-Notion-Signature, and verifies the subscription from the handshake by itself.
//
//   ADMIN_TOKEN=... LOCALNOTION_URL=http://127.0.0.1:8787 node receiver.js [port]
//
// The signature is checked with @notionhq/client's verifyWebhookSignature (SDK 5.23+)
// when the SDK is installed, otherwise with node:crypto (the same HMAC-SHA256).
const http = require('node:http');
const crypto = require('node:crypto');

const port = Number(process.argv[2] || 3000);
const base = process.env.LOCALNOTION_URL || 'http://127.0.0.1:8787';
const adminToken = process.env.ADMIN_TOKEN;

let verify;
try {
  ({ verifyWebhookSignature: verify } = require('@notionhq/client'));
} catch { /* no SDK here */ }
if (!verify) {
  verify = async ({ body, signature, verificationToken }) => {
    const expected = `sha256=${crypto.createHmac('sha256', verificationToken).update(body).digest('hex')}`;
    return typeof signature === 'string' && signature.length === expected.length
      && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  };
}

let token = process.env.VERIFICATION_TOKEN || null;

async function admin(method, path, body) {
  const res = await fetch(`${base}/_localnotion/${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return res.json();
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8'); // the raw bytes: the signature covers them
    const event = JSON.parse(body);
    if (event.verification_token) {
      token = event.verification_token;
      console.log(`handshake: verification token ${token}`);
      res.end('ok');
      if (adminToken) {
        // Notion: paste the token in the UI. Here: the admin API, for each pending subscription to this URL.
        const subs = await admin('GET', 'webhooks');
        for (const s of subs.results || []) {
          if (s.state === 'pending_verification' && s.url.startsWith(`http://127.0.0.1:${port}`)) {
            const v = await admin('POST', `webhooks/${s.id}/verify`, { verification_token: token });
            console.log(`subscription ${s.id}: ${v.state || v.message}`);
          }
        }
      }
      return;
    }
    const ok = token !== null && await verify({ body, signature: req.headers['x-notion-signature'], verificationToken: token });
    if (!ok) {
      console.log('rejected: bad signature');
      res.writeHead(401).end();
      return;
    }
    console.log(`${event.timestamp} ${event.type} ${event.entity.type} ${event.entity.id} (attempt ${event.attempt_number})`);
    console.log(`  ${JSON.stringify(event.data)}`);
    res.end('ok');
  });
}).listen(port, '127.0.0.1', () => console.log(`receiving on http://127.0.0.1:${port}/notion`));
