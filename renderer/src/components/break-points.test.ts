import { describe, expect, it } from 'vitest';
import { breakSegments } from './break-points';

describe('breakSegments', () => {
  it('breaks a URL after each separator run, never inside a word', () => {
    expect(breakSegments('https://github.com/example-org/app_server.git')).toEqual([
      'https://',
      'github.',
      'com/',
      'example-',
      'org/',
      'app_',
      'server.',
      'git',
    ]);
  });

  it('keeps separator runs together and leaves a trailing separator on its segment', () => {
    expect(breakSegments('a--b')).toEqual(['a--', 'b']);
    expect(breakSegments('path/to/dir/')).toEqual(['path/', 'to/', 'dir/']);
    expect(breakSegments('org.opencontainers.image.source=x')).toEqual(['org.', 'opencontainers.', 'image.', 'source=', 'x']);
  });

  it('splits image references at name, tag and digest separators', () => {
    expect(breakSegments('registry.example.com:5000/team/app@sha256:0123abcd')).toEqual([
      'registry.',
      'example.',
      'com:',
      '5000/',
      'team/',
      'app@',
      'sha256:',
      '0123abcd',
    ]);
  });

  it('gives the text back when joined, and one piece when there is nothing to break at', () => {
    for (const text of ['', 'plain', '...', '/leading', 'a=b=c', 'PATH=/usr/local/bin:/usr/bin']) {
      expect(breakSegments(text).join('')).toBe(text);
    }
    expect(breakSegments('plainword')).toEqual(['plainword']);
    expect(breakSegments('')).toEqual(['']);
    expect(breakSegments('/leading')).toEqual(['/', 'leading']);
  });
});
