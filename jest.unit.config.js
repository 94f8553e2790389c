// The unit project alone, for Stryker: it judges mutants with the tests that start no processes
// and build nothing, and that cover src/ on their own.
const { projects } = require('./jest.config.js');

const unit = projects.find((project) => project.displayName === 'unit');

module.exports = {
  ...unit,
  // Stryker runs a mutant with jest's --findRelatedTests, which follows imports only through the
  // files under `roots`: with test/ alone, a test that reaches a module through src/ (every step
  // test, for the client, the language field, the profile's fields) was never run, and the
  // mutant was reported as survived by no test at all.
  roots: [...unit.roots, '<rootDir>/src'],
};
