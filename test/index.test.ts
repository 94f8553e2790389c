import zapier from 'zapier-platform-core';

import App from '../index';
import packageJson from '../package.json';
import { getTikTokVideo } from '../src/searches/getTikTokVideo';

describe('the app definition', () => {
  it('registers the search by its key and the middleware', () => {
    expect(App.searches).toEqual({ get_tiktok_video: getTikTokVideo });
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
