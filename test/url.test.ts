import { urlMessages } from '../src/messages';
import { checkTikTokUrl } from '../src/url';

describe('checkTikTokUrl', () => {
  it.each([
    [
      'https://www.tiktok.com/@username/video/7321234567890123456',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
    [
      'https://tiktok.com/@user.name_1/video/7321234567890123456/',
      'https://tiktok.com/@user.name_1/video/7321234567890123456/',
    ],
    [
      'https://m.tiktok.com/@username/video/7321234567890123456',
      'https://m.tiktok.com/@username/video/7321234567890123456',
    ],
    ['https://vm.tiktok.com/ZMhKxyz/', 'https://vm.tiktok.com/ZMhKxyz/'],
    ['https://vm.tiktok.com/ZMhKxyz', 'https://vm.tiktok.com/ZMhKxyz'],
    ['https://vt.tiktok.com/ZSabc123/', 'https://vt.tiktok.com/ZSabc123/'],
    ['https://www.tiktok.com/t/ZTRabc123/', 'https://www.tiktok.com/t/ZTRabc123/'],
    ['https://m.tiktok.com/v/7321234567890123456.html', 'https://m.tiktok.com/v/7321234567890123456.html'],
    [
      '  https://www.tiktok.com/@username/video/7321234567890123456 \n',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
    [
      'https://www.tiktok.com/@username/video/7321234567890123456?is_from_webapp=1&sender_device=pc#comments',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
    [
      'http://WWW.TikTok.com/@username/video/7321234567890123456',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
    [
      'www.tiktok.com/@username/video/7321234567890123456',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
  ])('accepts %j and sends %j', (input, expected) => {
    expect(checkTikTokUrl(input)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['', urlMessages.missing],
    ['   ', urlMessages.missing],
    [undefined, urlMessages.missing],
    [null, urlMessages.missing],
    [42, urlMessages.missing],
    ['not a url', urlMessages.notAUrl],
    ['tiktok', urlMessages.notAUrl],
    ['javascript:alert(1)', urlMessages.notAUrl],
    ['data:text/html,<b>hi</b>', urlMessages.notAUrl],
    ['ftp://www.tiktok.com/@u/video/1', urlMessages.notAUrl],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com.evil.example/@u/video/7321234567890123456', urlMessages.notTikTokVideo],
    ['https://eviltiktok.com/@u/video/7321234567890123456', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/@username', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/@username/video/', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/@username/video/abc', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/tag/cooking', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/', urlMessages.notTikTokVideo],
    ['https://vm.tiktok.com/', urlMessages.notTikTokVideo],
    ['https://vm.tiktok.com/abc/def/', urlMessages.notTikTokVideo],
    ['https://m.tiktok.com/v/abc.html', urlMessages.notTikTokVideo],
    ['https://user:pass@www.tiktok.com/@u/video/7321234567890123456', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com:8443/@u/video/7321234567890123456', urlMessages.notTikTokVideo],
  ])('rejects %j with a message naming the accepted forms', (input, message) => {
    expect(checkTikTokUrl(input)).toEqual({ ok: false, message });
  });

  it('names every accepted form in each rejection', () => {
    for (const message of Object.values(urlMessages)) {
      expect(message).toContain('https://vm.tiktok.com/<code>/');
      expect(message).toContain('https://m.tiktok.com/v/<id>.html');
    }
  });
});
