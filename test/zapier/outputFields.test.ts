import { getTikTokTranscript } from '../../src/searches/getTikTokTranscript';
import { batchOutputFields, getTikTokVideos } from '../../src/searches/getTikTokVideos';
import { getTikTokVideo } from '../../src/searches/getTikTokVideo';
import documented from '../fixtures/documented-example.json';
import { isTitleCase } from '../helpers';
import { flattenVideo } from '../../src/zapier/flatten';
import { asLineItems, outputFields, type OutputField } from '../../src/zapier/outputFields';
import { getTikTokCreatorVideos } from '../../src/searches/getTikTokCreatorVideos';

const typeOf = (value: unknown): string => (typeof value === 'number' ? 'number' : typeof value);

// Empty in a video's sample, as in a video's real output.
const PHOTO_POST_ONLY = ['photoTitle', 'images[]url', 'images[]width', 'images[]height', 'images[]file'];

describe('output fields', () => {
  it('label every flattened key, the three files and the transcript, and nothing else', () => {
    const flatKeys = Object.keys(flattenVideo(documented)).filter(
      (key) => !['challenges', 'textExtra', 'images'].includes(key),
    );
    const fieldKeys = outputFields.map((field) => field.key).filter((key) => !key.includes('[]'));
    expect(fieldKeys.sort()).toEqual(
      [...flatKeys, 'videoFile', 'coverFile', 'musicFile', 'transcript'].sort(),
    );
  });

  it('say in the transcript’s label what it costs and when', () => {
    expect(outputFields.find((field) => field.key === 'transcript')).toEqual({
      key: 'transcript',
      label: 'Transcript (1 Lookup, Only When Mapped)',
      type: 'string',
    });
  });

  it('say in their labels which fields are files', () => {
    const files = outputFields.filter((field) => field.type === 'file');
    expect(files.map((field) => field.key).sort()).toEqual([
      'coverFile',
      'images[]file',
      'musicFile',
      'videoFile',
    ]);
    for (const field of files) expect(field.label).toMatch(/ File \(/);
  });

  it('keep every label short enough to read in Zapier’s field picker', () => {
    for (const field of [...outputFields, ...batchOutputFields])
      expect(field.label.length).toBeLessThanOrEqual(40);
    expect(outputFields.find((field) => field.key === 'engagementRate')?.label).toBe(
      'Engagement Rate (Percent)',
    );
  });

  it('use the words Zapier users use next to the API’s names', () => {
    const labelOf = (key: string) => outputFields.find((field) => field.key === key)?.label;
    expect(labelOf('statsDiggCount')).toBe('Likes (Digg Count)');
    expect(labelOf('statsShareCount')).toBe('Shares');
    expect(labelOf('challenges[]title')).toBe('Hashtag Challenge Name');
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
});

describe.each([
  ['Get TikTok Video', getTikTokVideo.operation.sample, getTikTokVideo.operation.outputFields],
  ['Get TikTok Videos', getTikTokVideos.operation.sample, getTikTokVideos.operation.outputFields],
  ['Get TikTok Transcript', getTikTokTranscript.operation.sample, getTikTokTranscript.operation.outputFields],
])('%s sample and output fields', (_action, rawSample, rawFields) => {
  const sample = rawSample as Record<string, unknown>;
  const fields = rawFields as OutputField[];

  it('have Title Case labels, none repeated (D018)', () => {
    const labels = fields.map((field) => field.label);
    expect(labels.filter((label) => !isTitleCase(label))).toEqual([]);
    expect(labels.filter((label, index) => labels.indexOf(label) !== index)).toEqual([]);
  });

  it('agree in keys and types (D012, D024)', () => {
    for (const field of fields) {
      const [list, child] = field.key.split('[]') as [string, string | undefined];
      // A line item may leave a key empty (a mention has no hashtag name), but one item has it.
      const values = (
        child === undefined
          ? [sample[field.key]]
          : (sample[list] as Record<string, unknown>[]).map((item) => item[child])
      ).filter((value) => value !== undefined && value !== null);
      // The sample is a video: only a photo post has images to list.
      const present = values.length > 0 || PHOTO_POST_ONLY.includes(field.key.replace(/^videos\[\]/, ''));
      expect({ key: field.key, present }).toEqual({ key: field.key, present: true });
      for (const value of values) {
        const expected = field.type === 'datetime' || field.type === 'file' ? 'string' : field.type;
        expect({ key: field.key, type: typeOf(value) }).toEqual({ key: field.key, type: expected });
      }
    }
    const fieldLists = new Set(fields.map((field) => field.key.split('[]')[0]));
    expect(Object.keys(sample).filter((key) => !fieldLists.has(key))).toEqual([]);
  });

  it('date every datetime in ISO-8601 with a timezone (D023)', () => {
    const datetimes = fields.filter((field) => field.type === 'datetime');
    for (const field of datetimes) {
      const [list, child] = field.key.split('[]') as [string, string | undefined];
      const values =
        child === undefined
          ? [sample[field.key]]
          : (sample[list] as Record<string, unknown>[]).map((item) => item[child]);
      for (const value of values)
        expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    }
  });

  it('have a value in every top-level field but the photo-post ones, so users see realistic data', () => {
    expect(
      Object.entries(sample).filter(([key, value]) => value === null && !PHOTO_POST_ONLY.includes(key)),
    ).toEqual([]);
  });
});

describe('the sample', () => {
  it('is true to itself: the id carries the creation time that createTime and createTimeISO give', () => {
    const sample = getTikTokVideo.operation.sample as Record<string, unknown>;
    // A TikTok post id's top 32 bits are its creation second.
    expect(Number(BigInt(sample.id as string) >> 32n)).toBe(sample.createTime);
    expect(sample.createTimeISO).toBe('2024-01-07T06:09:16.000Z');
    expect(sample.createTime).toBe(1704607756);
  });

  it('has every hashtag that textExtra names in the description, at the positions it gives', () => {
    const sample = getTikTokVideo.operation.sample as {
      desc: string;
      textExtra: { hashtagName: string | null; userUniqueId: string | null; start: number; end: number }[];
    };
    for (const entry of sample.textExtra) {
      const tag = entry.hashtagName === null ? `@${entry.userUniqueId ?? ''}` : `#${entry.hashtagName}`;
      expect(sample.desc.slice(entry.start, entry.end)).toBe(tag);
    }
  });
});

describe('a video’s fields as line items', () => {
  it('puts each field under the list, and leaves out fields that are line items already', () => {
    expect(
      asLineItems('videos', [
        { key: 'id', label: 'Video ID', type: 'string' },
        { key: 'images[]url', label: 'Image URL', type: 'string' },
        { key: 'createTime', label: 'Created At (Unix Time)', type: 'number' },
      ]),
    ).toEqual([
      { key: 'videos[]id', label: 'Video ID', type: 'string' },
      { key: 'videos[]createTime', label: 'Created At (Unix Time)', type: 'number' },
    ]);
  });

  it.each([
    ['Get TikTok Videos', getTikTokVideos],
    ['Get TikTok Creator Videos', getTikTokCreatorVideos],
  ])('are declared by %s, which Zaps map by key', (_step, step) => {
    const keys = (step.operation.outputFields as readonly OutputField[]).map((field) => field.key);
    expect(keys).toEqual(
      expect.arrayContaining(['videos[]id', 'videos[]url', 'videos[]desc', 'videos[]transcript']),
    );
    expect(keys.filter((key) => key.startsWith('videos[]images[]'))).toEqual([]);
  });
});
