// The unit project alone, for Stryker: it judges mutants with the tests that start no processes
// and build nothing, and that cover src/ on their own.
const { projects } = require('./jest.config.js');

module.exports = projects.find((project) => project.displayName === 'unit');
