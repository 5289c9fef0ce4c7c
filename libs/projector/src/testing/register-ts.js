/**
 * Lets plain `node -r <this file> script.ts` run the repository's TypeScript, for child processes in
 * tests (SIGKILL crash tests) and quick measurements outside jest: compiles .ts with @swc/core (the
 * compiler jest uses here) and resolves the @ledger/* aliases of tsconfig.base.json.
 * Not for production: production runs the tsc build in dist/.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const findRoot = (from) => {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nest-cli.json'))) return dir;
  }
  throw new Error(`No repository root above ${from}`);
};
const root = findRoot(__dirname);
const { paths = {} } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
const aliases = new Map(Object.entries(paths).map(([name, [target]]) => [name, path.join(root, target)]));
// Until the alias is in tsconfig.base.json.
if (!aliases.has('@ledger/projector')) aliases.set('@ledger/projector', path.join(root, 'libs/projector/src/index.ts'));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases.get(request) ?? request, ...rest);
};

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
