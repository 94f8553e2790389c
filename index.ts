import zapier, { defineApp } from 'zapier-platform-core';

import { version } from './package.json';
import { authentication } from './src/dumplingai/connection';
import { afterResponse, beforeRequest } from './src/dumplingai/middleware';
import { downloadMedia } from './src/hydrators/downloadMedia';
import { getTikTokTranscript } from './src/searches/getTikTokTranscript';
import { getTikTokVideo } from './src/searches/getTikTokVideo';
import { getTikTokVideos } from './src/searches/getTikTokVideos';

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
