import { apiUrl, isApiUrl, serviceOf } from '../../src/dumplingai/endpoints';

describe('api address', () => {
  afterEach(() => {
    delete process.env.DUMPLINGAI_BASE_URL;
  });

  it('is DumplingAI by default', () => {
    expect(apiUrl('/api/v1/get-tiktok-video')).toBe('https://app.dumplingai.com/api/v1/get-tiktok-video');
    expect(isApiUrl('https://app.dumplingai.com/api/v2/balance')).toBe(true);
  });

  it('follows DUMPLINGAI_BASE_URL, without a trailing slash', () => {
    process.env.DUMPLINGAI_BASE_URL = 'http://127.0.0.1:4010/';
    expect(apiUrl('/api/v2/balance')).toBe('http://127.0.0.1:4010/api/v2/balance');
    expect(isApiUrl('http://127.0.0.1:4010/api/v2/balance')).toBe(true);
    expect(isApiUrl('https://app.dumplingai.com/api/v2/balance')).toBe(false);
  });

  it.each([
    ['https://app.dumplingai.com/api/v1/get-tiktok-video', true],
    ['https://app.dumplingai.com.evil.example/api', false],
    ['https://v16-webapp.tiktok.com/video.mp4', false],
    ['http://app.dumplingai.com/api', false],
    ['not a url', false],
    [undefined, false],
  ])('knows whether %s is the API', (url, expected) => {
    expect(isApiUrl(url)).toBe(expected);
  });
});

describe('serviceOf', () => {
  it.each([
    ['https://app.dumplingai.com/api/v1/get-tiktok-video', 'TikTok video service'],
    ['https://app.dumplingai.com/api/v1/get-tiktok-transcript', 'TikTok transcript service'],
    ['https://app.dumplingai.com/api/v1/get-tiktok-profile', 'TikTok profile service'],
    ['http://127.0.0.1:4010/api/v1/get-tiktok-profile-videos', 'TikTok creator-posts service'],
    ['https://app.dumplingai.com/api/v1/search-tiktok-users?x=1', 'TikTok creator search'],
    ['https://app.dumplingai.com/api/v1/get-tiktok-video-comments', 'TikTok comments service'],
    ['https://app.dumplingai.com/api/v2/balance', 'account service'],
    ['https://app.dumplingai.com/api/v2/anything', 'API'],
    ['https://app.dumplingai.com/constructor', 'API'],
    ['not an address', 'API'],
    [undefined, 'API'],
  ])('names %j the %j', (url, service) => {
    expect(serviceOf(url)).toBe(service);
  });
});
