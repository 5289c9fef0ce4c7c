/**
 * Builds dist/ once per jest run, before any worker starts: process tests (SIGKILL, CLI, outage)
 * run the built code, and building from several workers at once raced on the same files.
 * LEDGER_SKIP_BUILD=1 skips it (the build is already fresh).
 */
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  if (process.env.LEDGER_SKIP_BUILD === '1') return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: join(__dirname, '..', '..'), stdio: 'inherit' });
  process.env.LEDGER_SKIP_BUILD = '1';
};
