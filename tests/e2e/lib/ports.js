'use strict';
// Waiting for a loopback port to accept connections (nginx in front of localnotion in
// 70-cluster and 94-pull-https).
const net = require('node:net');

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

module.exports = { waitPort };
