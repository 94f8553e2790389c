import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import packageJson from '../package.json';

// `zapier-platform promote` reads the changelog section of the version it promotes, and stops
// without one.
const changelog = readFileSync(join(__dirname, '..', 'CHANGELOG.md'), 'utf8');

describe('CHANGELOG.md', () => {
  it('has a section for the version in package.json, first', () => {
    const versions = [...changelog.matchAll(/^## (\S+)$/gm)].map((match) => match[1]);
    expect(versions[0]).toBe(packageJson.version);
  });

  it('says something in that section', () => {
    const section = changelog.split(`## ${packageJson.version}\n`)[1]?.split('\n## ')[0] ?? '';
    expect(section.trim().length).toBeGreaterThan(40);
  });
});
