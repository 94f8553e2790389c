import zapier from 'zapier-platform-core';

import App from '../index';
import packageJson from '../package.json';
import { getTikTokTranscript } from '../src/searches/getTikTokTranscript';
import { getTikTokVideos } from '../src/searches/getTikTokVideos';
import { getTikTokVideo } from '../src/searches/getTikTokVideo';
import { getTikTokProfile } from '../src/searches/getTikTokProfile';
import { findTikTokCreators } from '../src/searches/findTikTokCreators';
import { getTikTokVideoComments } from '../src/searches/getTikTokVideoComments';
import { getTikTokCreatorVideos } from '../src/searches/getTikTokCreatorVideos';
import { newVideoByCreator } from '../src/triggers/newVideoByCreator';
import { connectionLabel, isTitleCase } from './helpers';
import { downloadMedia } from '../src/hydrators/downloadMedia';
import { transcript } from '../src/hydrators/transcript';

describe('the app definition', () => {
  it('registers the actions by their keys, the hydrator and the middleware', () => {
    expect(App.searches).toEqual({
      get_tiktok_video: getTikTokVideo,
      get_tiktok_videos: getTikTokVideos,
      get_tiktok_transcript: getTikTokTranscript,
      get_tiktok_profile: getTikTokProfile,
      find_tiktok_creators: findTikTokCreators,
      get_tiktok_video_comments: getTikTokVideoComments,
      get_tiktok_creator_videos: getTikTokCreatorVideos,
    });
    expect(App.triggers).toEqual({ new_video_by_creator: newVideoByCreator });
    // Every step only reads: Zapier's guidelines make them searches and triggers, and the app has no creates.
    expect(App.creates).toBeUndefined();
    expect(App.hydrators).toEqual({ downloadMedia, transcript });
    expect(App.beforeRequest).toHaveLength(1);
    expect(App.afterResponse).toHaveLength(2);
    expect(App.version).toBe(packageJson.version);
    expect(App.platformVersion).toBe(zapier.version);
  });

  it('passes Zapier’s schema validation', async () => {
    // The same check `zapier-platform validate` runs, through the core's own handler (exported at
    // run time as createAppHandler, but missing from the core's type declarations).
    const { createAppHandler } = zapier as unknown as {
      createAppHandler: (app: unknown) => (event: { command: string }) => Promise<{ results: unknown }>;
    };
    const { results } = await createAppHandler(App)({ command: 'validate' });
    expect(results).toEqual([]);
  });
});

// Zapier's integration checks that can be judged from the definition alone, by their codes.
describe('Zapier publishing checks', () => {
  const actions: {
    key: string;
    display: { label?: string; description?: string };
    operation: { inputFields?: unknown; sample?: unknown };
  }[] = [...Object.values(App.searches), ...Object.values(App.triggers)];
  const inputFieldsOf = (action: (typeof actions)[number]) =>
    (action.operation.inputFields ?? []) as {
      key: string;
      label?: string;
      helpText?: string;
      type?: string;
      required?: boolean;
    }[];
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : typeof value === 'object' && value !== null
          ? Object.values(value).flatMap(strings)
          : [];
  const definition = JSON.parse(JSON.stringify(App)) as unknown;
  const helpTexts = [
    ...actions.flatMap((action) => inputFieldsOf(action).map((field) => field.helpText ?? '')),
    ...(App.authentication?.fields ?? []).map((field) => (field as { helpText?: string }).helpText ?? ''),
  ];
  it('D001: no action asks for a credential', () => {
    for (const action of actions) {
      for (const field of inputFieldsOf(action)) {
        expect(field.type).not.toBe('password');
        expect(`${field.key} ${field.label ?? ''}`).not.toMatch(/api.?key|token|password|secret/i);
      }
    }
  });

  it('D002: the API key’s help text links to where to find it', () => {
    const help = (App.authentication?.fields?.[0] as { helpText?: string }).helpText ?? '';
    expect(help).toMatch(/\[[^\]]+\]\(https:\/\/[^)]+\)/);
  });

  it('D003: the connection label identifies the key without being the app name or the key', async () => {
    const label = await connectionLabel('sk_test_0000000000009f3c');
    expect(label).not.toMatch(/^DumplingAI$/i);
    expect(label).not.toContain('sk_test_0000000000009f3c');
  });

  it('D007: every address in the definition is https', () => {
    expect(strings(definition).filter((text) => /http:\/\//.test(text))).toEqual([]);
  });

  it('D008: Markdown links are well formed and bare addresses sit in backticks', () => {
    for (const help of helpTexts) {
      const withoutCode = help.replace(/`[^`]*`/g, '').replace(/\[[^\]]+\]\(https:\/\/[^)\s]+\)/g, '');
      expect({ help, bare: withoutCode.match(/https?:\/\/\S+/g) }).toEqual({ help, bare: null });
      expect(help).not.toMatch(/\]\s+\(|\[[^\]]*$/);
    }
  });

  it('D009: the search has a required search field', () => {
    for (const search of Object.values(App.searches)) {
      expect(inputFieldsOf(search).some((field) => field.required === true)).toBe(true);
    }
  });

  it('D011: no help text repeats its label', () => {
    for (const action of actions) {
      for (const field of inputFieldsOf(action)) {
        expect((field.helpText ?? '').trim().toLowerCase()).not.toBe(
          (field.label ?? '').trim().toLowerCase(),
        );
      }
    }
  });

  it('D012: every action has a static sample', () => {
    for (const action of actions) expect(typeof action.operation.sample).toBe('object');
  });

  it('D018: action and input labels are in Title Case', () => {
    const labels = [
      ...actions.map((action) => action.display.label ?? ''),
      ...actions.flatMap((a) => inputFieldsOf(a).map((f) => f.label ?? '')),
    ];
    expect(labels.filter((label) => !isTitleCase(label))).toEqual([]);
  });

  it('D022: every action has static input fields', () => {
    for (const action of actions) {
      for (const field of inputFieldsOf(action)) expect(typeof field).toBe('object');
    }
  });

  it('D025: no dangerous URIs anywhere in the definition', () => {
    expect(strings(definition).filter((text) => /\b(javascript|vbscript|data|file):/i.test(text))).toEqual(
      [],
    );
  });

  it('D021: a trigger’s description starts "Triggers when" and ends with a period', () => {
    for (const trigger of Object.values(App.triggers)) {
      expect(trigger.display.description).toMatch(/^Triggers when [^.]*\.$/);
      expect(trigger.display.description).not.toMatch(/DumplingAI|Zapier/);
    }
  });

  it('descriptions follow Zapier’s wording: "Finds …", one short sentence with a period, naming no app', () => {
    for (const action of Object.values(App.searches)) {
      expect(action.display.description).toMatch(/^Finds [^.]*\.$/);
      expect((action.display.description ?? '').length).toBeLessThanOrEqual(150);
      expect(action.display.description).not.toMatch(/DumplingAI|Zapier/);
    }
  });

  it('keeps the labels the user chose, "Get" for both steps', () => {
    expect(App.searches.get_tiktok_video.display.label).toBe('Get TikTok Video');
    expect(App.searches.get_tiktok_videos.display.label).toBe('Get TikTok Videos');
    expect(App.searches.get_tiktok_videos.noun).toBe('TikTok Video');
  });

  it('uses snake_case action keys and plain input keys, with no label used twice in an action', () => {
    for (const action of actions) {
      expect(action.key).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      const labels = inputFieldsOf(action).map((field) => field.label);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});
