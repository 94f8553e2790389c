import { flattenVideo } from '../src/flatten';
import { outputFields } from '../src/outputFields';
import { getTikTokVideo } from '../src/searches/getTikTokVideo';
import documented from './fixtures/documented-example.json';

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
]);

const isTitleCase = (label: string): boolean =>
  label.split(' ').every((word, index) => (index > 0 && SMALL_WORDS.has(word)) || /^\(?[A-Z0-9]/.test(word));

const typeOf = (value: unknown): string => (typeof value === 'number' ? 'number' : typeof value);

describe('output fields', () => {
  const sample = getTikTokVideo.operation.sample as Record<string, unknown>;

  it('label every flattened key and the three files, and nothing else', () => {
    const flatKeys = Object.keys(flattenVideo(documented)).filter(
      (key) => key !== 'challenges' && key !== 'textExtra',
    );
    const fieldKeys = outputFields.map((field) => field.key).filter((key) => !key.includes('[]'));
    expect(fieldKeys.sort()).toEqual([...flatKeys, 'videoFile', 'coverFile', 'musicFile'].sort());
  });

  it('say in their labels which fields are files', () => {
    const files = outputFields.filter((field) => field.type === 'file');
    expect(files.map((field) => field.key).sort()).toEqual(['coverFile', 'musicFile', 'videoFile']);
    for (const field of files) expect(field.label).toMatch(/ File \(/);
  });

  it('state the engagement-rate formula in its label', () => {
    expect(outputFields.find((field) => field.key === 'engagementRate')?.label).toBe(
      'Engagement Rate (Likes, Comments, Shares and Saves per 100 Views)',
    );
  });

  it('have Title Case labels, none repeated (D018)', () => {
    const labels = outputFields.map((field) => field.label);
    expect(labels.filter((label) => !isTitleCase(label))).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('use the words Zapier users use next to the API’s names', () => {
    const labelOf = (key: string) => outputFields.find((field) => field.key === key)?.label;
    expect(labelOf('statsDiggCount')).toBe('Likes (Digg Count)');
    expect(labelOf('statsPlayCount')).toBe('Views (Play Count)');
    expect(labelOf('statsCollectCount')).toBe('Saves (Collect Count)');
    expect(labelOf('createTimeISO')).toBe('Created At');
  });

  it('type the ISO time as a datetime, counts as numbers and flags as booleans', () => {
    const typeOfKey = (key: string) => outputFields.find((field) => field.key === key)?.type;
    expect(typeOfKey('createTimeISO')).toBe('datetime');
    expect(typeOfKey('statsPlayCount')).toBe('number');
    expect(typeOfKey('authorVerified')).toBe('boolean');
  });

  it('agree with the sample in keys and types (D012, D024)', () => {
    for (const field of outputFields) {
      const [list, child] = field.key.split('[]') as [string, string | undefined];
      // A line item may leave out a key (a mention has no hashtag name), but one item has it.
      const values =
        child === undefined
          ? [sample[field.key]]
          : (sample[list] as Record<string, unknown>[])
              .map((item) => item[child])
              .filter((value) => value !== undefined);
      expect({ key: field.key, present: values.length > 0 }).toEqual({ key: field.key, present: true });
      for (const value of values) {
        const expected = field.type === 'datetime' || field.type === 'file' ? 'string' : field.type;
        expect({ key: field.key, type: typeOf(value) }).toEqual({ key: field.key, type: expected });
      }
    }
    const fieldLists = new Set(outputFields.map((field) => field.key.split('[]')[0]));
    expect(Object.keys(sample).filter((key) => !fieldLists.has(key))).toEqual([]);
  });

  it('sample dates are ISO-8601 with a timezone (D023)', () => {
    for (const field of outputFields.filter((f) => f.type === 'datetime')) {
      expect(sample[field.key]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    }
  });

  it('sample has a value in every field, so users see realistic data', () => {
    expect(Object.entries(sample).filter(([, value]) => value === null)).toEqual([]);
  });
});
