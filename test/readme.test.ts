import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FAULTS } from '../sandbox/server';
import { batchOutputFields } from '../src/searches/getTikTokVideos';
import { transcriptOutputFields } from '../src/searches/getTikTokTranscript';
import { outputFields } from '../src/zapier/outputFields';
import { profileOutputFields } from '../src/zapier/profile';
import { triggerOutputFields } from '../src/triggers/newVideoByCreator';

// The README documents every output field and every sandbox fault; these keep it from drifting.
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it.each(
    [...outputFields, ...transcriptOutputFields, ...profileOutputFields, ...triggerOutputFields].map(
      (field) => [field.key, field.label, field.type],
    ),
  )('lists the output field %s with its label and type', (key, label, type) => {
    expect(readme).toMatch(
      new RegExp(
        `\\| \`${key.replace(/[[\]]/g, '\\$&')}\` +\\| ${label.replace(/[()]/g, '\\$&')} +\\| ${type} +\\|`,
      ),
    );
  });

  it.each(Object.entries(FAULTS))('documents the sandbox fault %s', (id, fault) => {
    expect(readme).toContain(`https://www.tiktok.com/@sandbox/video/${id}`);
    expect(readme).toContain(fault.what);
  });

  it('names the batch step’s own fields', () => {
    for (const key of ['inputUrl', 'succeeded', 'failed', 'failures']) expect(readme).toContain(`\`${key}\``);
    expect(batchOutputFields.map((field) => field.key)).toEqual(
      expect.arrayContaining(['videos[]inputUrl', 'failures[]message']),
    );
  });

  it('names the two commands, and the transcript, creator and profile forms of the first', () => {
    expect(readme).toContain('npm start -- <tiktok url>');
    expect(readme).toContain('npm start -- transcript <tiktok url> [language]');
    expect(readme).toContain('npm start -- creator <creator>');
    expect(readme).toContain('npm start -- profile <creator>');
    expect(readme).toContain('npm test');
  });
});
