import sampleResponse from './samples/video.json';
import { flattenVideo } from './flatten';

// Zapier shows a sample where it cannot run a step; its file fields show the media addresses.
// Every step that gives videos (one, a batch, a creator's new posts) shows this one.
export const videoSample = {
  ...flattenVideo(sampleResponse),
  videoFile: sampleResponse.video.downloadAddr,
  coverFile: sampleResponse.video.cover,
  musicFile: sampleResponse.music.playUrl,
  // What a later step receives when it maps the field, not the pointer the step returns.
  transcript:
    "Four folds, one pleat at a time. Wet the edge, fold it over, and press out the air before you seal it. That's the whole trick.",
};
