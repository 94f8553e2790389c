import { avatarFile, expiresAt } from '../../src/zapier/media';

const AVATAR =
  'https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/7c1e~tplv-tiktokx-cropcenter:1080:1080.jpeg?x-expires=1752206400';

describe('avatarFile', () => {
  it('names a creator’s avatar after their username, as a JPEG', () => {
    expect(avatarFile('dumpling.kitchen', AVATAR)).toEqual({
      url: AVATAR,
      filename: 'dumpling.kitchen-avatar.jpg',
      contentType: 'image/jpeg',
    });
  });

  it('gives the avatar a plain name when the username is missing or not plain', () => {
    expect(avatarFile(null, AVATAR)?.filename).toBe('tiktok-creator-avatar.jpg');
    expect(avatarFile('../etc', AVATAR)?.filename).toBe('tiktok-creator-avatar.jpg');
  });

  it('has no file for an avatar without a web address', () => {
    expect(avatarFile('dumpling.kitchen', null)).toBeNull();
    expect(avatarFile('dumpling.kitchen', 'data:image/png;base64,AAAA')).toBeNull();
  });
});

describe('expiresAt', () => {
  it.each([
    ['https://v16-webapp.tiktok.com/v.mp4?x-expires=1752206400000', null],
    ['https://v16-webapp.tiktok.com/v.mp4?x-expires=1752206400x', null],
    ['https://v16-webapp.tiktok.com/v.mp4?expire=x1752206400', null],
    ['https://v16-webapp.tiktok.com/v.mp4?x-expires=175220640', 175220640],
    ['https://v16-webapp.tiktok.com/v.mp4?x-expires=17522064000', 17522064000],
  ])('reads when %s stops working: %j, only from 9 to 11 digits', (url, expected) => {
    expect(expiresAt(url)).toBe(expected);
  });
});
