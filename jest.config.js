// End-to-end and fault tests talk over real loopback sockets, so nock is not even loaded there.
const END_TO_END = [
  '<rootDir>/test/bench/',
  '<rootDir>/test/e2e/',
  '<rootDir>/test/faults/',
  '<rootDir>/test/sandbox/',
  '<rootDir>/test/scripts/',
];

const shared = {
  preset: 'ts-jest',
  // ts-jest only transpiles, file by file (no type-checking program in every worker): the types,
  // test/ included, are `npm run typecheck`'s to check.
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  testEnvironment: 'node',
  // The root index.js points at the compiled app; tests load the TypeScript sources.
  moduleFileExtensions: ['ts', 'js', 'json'],
  clearMocks: true,
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // The unit files first, then the end-to-end files (see the file for why).
  testSequencer: '<rootDir>/test/sequencer.mjs',
  // Test files share the two worker processes (a fresh worker per file took half the run's time
  // in starting Node, jest and ts-jest again). nock patches Node's own http module, which outlives
  // a file's module registry: test/setup.ts removes each file's nock when the file ends, as in
  // Stryker's single-process run.
  // Coverage can only stay put or improve.
  coverageThreshold: { global: { lines: 100, branches: 100, functions: 100, statements: 100 } },
  collectCoverageFrom: ['<rootDir>/src/**/*.ts', '<rootDir>/index.ts'],
  coverageReporters: ['text-summary'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', ...END_TO_END],
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: END_TO_END.map((dir) => dir.replace(/\/$/, '')),
      // `npm run build` once, before any end-to-end file: they run and stage the compiled dist/.
      globalSetup: '<rootDir>/test/globalSetup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
    },
  ],
};
