import { getTikTokVideo } from '../../src/searches/getTikTokVideo';
import { videoSample } from '../../src/zapier/videoSample';

describe('the video sample', () => {
  it('shows the transcript as a later step that maps it receives it, not as the pointer a step returns', () => {
    expect(videoSample.transcript).toBe(
      "Four folds, one pleat at a time. Wet the edge, fold it over, and press out the air before you seal it. That's the whole trick.",
    );
  });

  it('is the sample Get TikTok Video shows', () => {
    expect(getTikTokVideo.operation.sample).toBe(videoSample);
  });
});
