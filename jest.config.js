/**
 * One jest config, three kinds of test told apart by file name:
 * *.unit.spec.ts (pure, fast), *.int.spec.ts (adapters, test servers), *.e2e.spec.ts (HTTP, processes).
 * NestJS 12 and a few of its dependencies ship ES modules only; jest 30 on Node 20 cannot require them,
 * so swc compiles those packages to CommonJS along with our own TypeScript.
 */
const esmOnly = [
  '@nestjs',
  'cookie',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer/inflate',
  'uint8array-extras',
  '@borewit/text-codec',
  'content-disposition',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/projections', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: {
    '^@ledger/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@ledger/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@ledger/read-store$': '<rootDir>/libs/read-store/src/index.ts',
    '^@ledger/ledger$': '<rootDir>/libs/ledger/src/index.ts',
    '^@ledger/projections$': '<rootDir>/projections/src/index.ts',
    '^@ledger/projector$': '<rootDir>/libs/projector/src/index.ts',
    '^@ledger/audit$': '<rootDir>/libs/audit/src/index.ts',
    '^@ledger/test-support$': '<rootDir>/test/support/index.ts',
  },
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
};
