'use strict';
// Loopback ports for the e2e suites: free ones to listen on, and waiting for one to
// accept connections (nginx in front of localnotion in 70-cluster and 94-pull-https).
const net = require('node:net');

// `n` distinct free loopback ports. The kernel may hand out the same ephemeral port to
// two binds in a row once the first is closed, so every listener is held open until
// all `n` are known (two nginx sites once got one port, and the second site's
// certificate was never served).
function freePorts(n) {
  const held = [];
  const one = () => new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { held.push(srv); resolve(srv.address().port); });
  });
  const close = () => Promise.all(held.map((srv) => new Promise((done) => srv.close(done))));
  return (async () => {
    const ports = [];
    try {
      for (let i = 0; i < n; i++) ports.push(await one());
    } finally {
      await close();
    }
    return ports;
  })();
}

// One free loopback port.
async function freePort() { return (await freePorts(1))[0]; }

// Resolves once 127.0.0.1:port accepts a connection; rejects after `ms` with
// "<what> does not listen on <port>" and `hint` (a log file to read) when given.
function waitPort(port, ms, { what = 'nothing', hint = '' } = {}) {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(); });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) {
          const verb = what === 'nothing' ? 'listens' : 'does not listen';
          reject(new Error(`${what} ${verb} on ${port}${hint ? ` (${hint})` : ''}`));
        } else {
          setTimeout(attempt, 50);
        }
      });
    };
    attempt();
  });
}

module.exports = { freePort, freePorts, waitPort };
