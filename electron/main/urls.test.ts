import { describe, expect, it } from 'vitest';
import { APP_URL, isAppUrl, isSafeExternalUrl } from './urls.js';

describe('app and external URLs', () => {
  it('knows its own page and nothing else', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl('berth://app/images/1')).toBe(true);
    expect(isAppUrl('berth://app')).toBe(true);
    for (const url of ['berth://evil/index.html', 'file:///work/dist/renderer/index.html', 'https://app/', 'http://127.0.0.1/', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('opens only plain web links without credentials in the browser', () => {
    expect(isSafeExternalUrl('https://hub.docker.com/_/ubuntu')).toBe(true);
    expect(isSafeExternalUrl('http://example.com/')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'berth://app/', 'smb://host/share', 'https://user:pw@example.com/', 'ms-msdt:/id', 'nonsense']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
