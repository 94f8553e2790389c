import zapier, { defineApp } from 'zapier-platform-core';

import { version } from './package.json';
import { authentication } from './src/authentication';
import { getTikTokTranscript } from './src/searches/getTikTokTranscript';
import { getTikTokVideos } from './src/searches/getTikTokVideos';
import { downloadMedia } from './src/files';
import { afterResponse, beforeRequest } from './src/middleware';
import { getTikTokVideo } from './src/searches/getTikTokVideo';

const App = defineApp({
  version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest,
  afterResponse,
  searches: {
    [getTikTokVideo.key]: getTikTokVideo,
    [getTikTokVideos.key]: getTikTokVideos,
    [getTikTokTranscript.key]: getTikTokTranscript,
  },
  hydrators: { downloadMedia },
});

// CommonJS export: Zapier's wrapper and CLI `require` the app definition itself.
export = App;
