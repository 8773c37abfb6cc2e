import { describe, expect, it } from 'vitest';
import type { HttpResponse } from './transport.js';
import { resolveLocation, withQuery } from './blob-upload.js';

const answer = (url: string, location?: string) => ({ status: 202, url, headers: location ? { location } : {} }) as unknown as HttpResponse;

describe('upload Locations', () => {
  it('resolves a relative Location against the request and keeps its query; digest= joins it', () => {
    const next = resolveLocation(answer('https://r.example/v2/a/blobs/uploads/', '/v2/a/blobs/uploads/u1?_state=abc'), 'r.example');
    expect(next).toBe('https://r.example/v2/a/blobs/uploads/u1?_state=abc');
    expect(withQuery(next, 'digest', 'sha256:00')).toBe('https://r.example/v2/a/blobs/uploads/u1?_state=abc&digest=sha256%3A00');
    expect(withQuery('https://r.example/u', 'digest', 'sha256:00')).toBe('https://r.example/u?digest=sha256%3A00');
  });

  it('takes an absolute Location, on another public host too (a storage service), but no private IP on another host', () => {
    expect(resolveLocation(answer('https://r.example/v2/', 'https://uploads.example/u?sig=1'), 'r.example')).toBe('https://uploads.example/u?sig=1');
    expect(resolveLocation(answer('http://127.0.0.1:5000/v2/', 'http://127.0.0.1:6000/u'), '127.0.0.1:5000')).toBe('http://127.0.0.1:6000/u');
    for (const bad of [
      'http://10.0.0.5/u', 'http://192.168.1.1/u', 'http://169.254.169.254/latest', 'http://[::1]/u', 'http://127.0.0.2/u',
      // names and spellings that reach loopback all the same
      'http://localhost:6379/u', 'http://LOCALHOST./u', 'http://redis.localhost/u', 'http://[::ffff:127.0.0.1]:6379/u', 'http://2130706433/u',
    ]) {
      expect(() => resolveLocation(answer('https://r.example/v2/', bad), 'r.example')).toThrow(/private address on another host/);
    }
    expect(() => resolveLocation(answer('https://r.example/v2/'), 'r.example')).toThrow(/no Location/);
  });
});
