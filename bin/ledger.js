#!/usr/bin/env node
'use strict';
// The `ledger` CLI from a clone: runs the compiled CLI, building it first (npm run build) when dist/ is missing.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const main = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');

if (!existsSync(main)) {
  process.stderr.write('ledger: dist/ is missing; building it first (npm run build)...\n');
  try {
    // Build output goes to stderr, so stdout carries only what the command prints.
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: root,
      stdio: ['ignore', 2, 2],
      shell: process.platform === 'win32',
    });
  } catch (error) {
    process.stderr.write(`ledger: the build failed (${error.status ?? error.message}); run "npm run build" to see why\n`);
    process.exit(5);
  }
}
require(main);
