#!/usr/bin/env node
'use strict';
// `npx localnotion serve` (and every other subcommand): runs the native binary this
// package carries with the same arguments, standard streams and exit status.
const { spawn } = require('node:child_process');
const { binaryPath } = require('../index.js');

const child = spawn(binaryPath(), process.argv.slice(2), { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (err) => {
  console.error(`localnotion: ${err.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
