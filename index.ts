import zapier, { defineApp } from 'zapier-platform-core';

import { version } from './package.json';
import { authentication } from './src/dumplingai/connection';
import { afterResponse, beforeRequest } from './src/dumplingai/middleware';
import { downloadMedia } from './src/hydrators/downloadMedia';
import { transcript } from './src/hydrators/transcript';
import { findTikTokCreators } from './src/searches/findTikTokCreators';
import { getTikTokCreatorVideos } from './src/searches/getTikTokCreatorVideos';
import { getTikTokProfile } from './src/searches/getTikTokProfile';
import { getTikTokTranscript } from './src/searches/getTikTokTranscript';
import { getTikTokVideo } from './src/searches/getTikTokVideo';
import { getTikTokVideoComments } from './src/searches/getTikTokVideoComments';
import { getTikTokVideos } from './src/searches/getTikTokVideos';
import { newVideoByCreator } from './src/triggers/newVideoByCreator';

const App = defineApp({
  version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest,
  afterResponse,
  triggers: {
    [newVideoByCreator.key]: newVideoByCreator,
  },
  searches: {
    [getTikTokVideo.key]: getTikTokVideo,
    [getTikTokVideos.key]: getTikTokVideos,
    [getTikTokTranscript.key]: getTikTokTranscript,
    [getTikTokProfile.key]: getTikTokProfile,
    [findTikTokCreators.key]: findTikTokCreators,
    [getTikTokVideoComments.key]: getTikTokVideoComments,
    [getTikTokCreatorVideos.key]: getTikTokCreatorVideos,
  },
  hydrators: { downloadMedia, transcript },
});

// CommonJS export: Zapier's wrapper and CLI `require` the app definition itself.
export = App;
