import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import App from '../index';
import { FAULTS } from '../sandbox/server';

// The README documents every output field and every sandbox fault; these keep it from drifting.
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

interface Field {
  key: string;
  label: string;
  type: string;
}

const fieldsOf = (search: { operation: { outputFields?: readonly unknown[] } }): Field[] =>
  (search.operation.outputFields ?? []).map((field) => {
    const { key, label, type } = field as Partial<Field>;
    return { key: String(key), label: String(label), type: String(type) };
  });
const { get_tiktok_videos: batch } = App.searches;
const steps = [...Object.values(App.searches), ...Object.values(App.triggers)];
const videoKeys = new Set(fieldsOf(App.triggers.new_video_by_creator).map((field) => field.key));

/**
 * A step's own fields. The line items `videos[]…` of the batch and of Get TikTok Creator Videos
 * are a video's fields, which the README's video table lists once (and says so in words).
 */
const ownFields = (step: (typeof steps)[number]): Field[] =>
  fieldsOf(step).filter(
    ({ key }) => !(key.startsWith('videos[]') && videoKeys.has(key.slice('videos[]'.length))),
  );

// Every field a step declares: the batch's own include its `videos[]…` and `failures[]…` keys.
const declared = steps.flatMap(fieldsOf);

/**
 * Every row of the README's tables headed "| Key | Label | Type |", and any other row shaped like
 * one, with its first cell as written. A row in another shape (a key without backticks, a cell too
 * many or too few) matches no field.
 */
const FIELD_ROW = /^\| `[^`]+` +\| [^|]+\| (string|number|boolean|datetime|file) +\|$/;
const documentedRows = (text: string): [cell: string, field: Field][] => {
  const rows: [string, Field][] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (/^\| *Key *\| *Label *\| *Type *\|$/.test(line)) inTable = true;
    else if (!line.startsWith('|')) inTable = false;
    else if ((inTable && !/^\|[ |-]+\|$/.test(line)) || FIELD_ROW.test(line)) {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      const [cell = '', label = '', type = ''] = cells;
      const key = cells.length === 3 && /^`[^`]+`$/.test(cell) ? cell.slice(1, -1) : line;
      rows.push([cell, { key, label, type }]);
    }
  }
  return rows;
};

describe('README', () => {
  it.each(
    [...new Map(steps.flatMap(ownFields).map((field) => [JSON.stringify(field), field])).values()].map(
      (field) => [field.key, field.label, field.type],
    ),
  )('lists the output field %s with its label and type', (key, label, type) => {
    expect(readme).toMatch(
      new RegExp(
        `\\| \`${key.replace(/[[\]]/g, '\\$&')}\` +\\| ${label.replace(/[()]/g, '\\$&')} +\\| ${type} +\\|`,
      ),
    );
  });

  it.each(documentedRows(readme))(
    'documents %s only as a field some step declares, with that label and type',
    (_cell, field) => {
      expect(declared).toContainEqual(field);
    },
  );

  it('reads every output-field table: the video’s, the transcript’s, the profile’s and the trigger’s', () => {
    const keys = documentedRows(readme).map(([, field]) => field.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'transcriptVtt',
        'segments[]text',
        'createTimeISO',
        'images[]file',
        'avatarFile',
        'isPinned',
      ]),
    );
  });

  it.each(Object.entries(FAULTS))('documents the sandbox fault %s', (id, fault) => {
    expect(readme).toContain(`https://www.tiktok.com/@sandbox/video/${id}`);
    expect(readme).toContain(fault.what);
  });

  it('lists the batch step’s own fields in its table', () => {
    expect(ownFields(batch).map((field) => field.key)).toEqual([
      'succeeded',
      'failed',
      'videos[]inputUrl',
      'failures[]url',
      'failures[]message',
    ]);
  });

  it('names the two commands, and the transcript, creator and profile forms of the first', () => {
    expect(readme).toContain('npm start -- <tiktok url>');
    expect(readme).toContain('npm start -- transcript <tiktok url> [language]');
    expect(readme).toContain('npm start -- creator <creator>');
    expect(readme).toContain('npm start -- profile <creator>');
    expect(readme).toContain('npm test');
  });
});
