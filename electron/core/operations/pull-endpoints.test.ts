import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import { pullEndpoints, tryNextEndpoint } from './pull-endpoints.js';

const live = new AbortController().signal;

describe('pullEndpoints', () => {
  it('docker.io: the mirrors in their order (normalised, once each), then Docker Hub last', () => {
    const list = pullEndpoints('docker.io', ['https://m1.example/', 'http://10.0.0.5:5000', 'https://m1.example', 'https://m2.example/prefix']);
    expect(list).toEqual([
      { url: 'https://m1.example', host: 'm1.example', mirror: true },
      { url: 'http://10.0.0.5:5000', host: '10.0.0.5:5000', mirror: true },
      { url: 'https://m2.example/prefix', host: 'm2.example', mirror: true },
      { url: 'https://registry-1.docker.io', host: 'docker.io', mirror: false },
    ]);
  });

  it('without mirrors, or for index.docker.io, Hub alone', () => {
    expect(pullEndpoints('docker.io', [])).toEqual([{ url: 'https://registry-1.docker.io', host: 'docker.io', mirror: false }]);
    expect(pullEndpoints('index.docker.io', ['https://m.example']).map((e) => e.host)).toEqual(['m.example', 'docker.io']);
  });

  it('mirrors are for docker.io only: any other registry is asked directly', () => {
    expect(pullEndpoints('127.0.0.1:5000', ['https://m.example'])).toEqual([{ url: null, host: '127.0.0.1:5000', mirror: false }]);
    expect(pullEndpoints('ghcr.io', ['https://m.example'])).toEqual([{ url: null, host: 'ghcr.io', mirror: false }]);
  });
});

describe('tryNextEndpoint', () => {
  const mirror = { url: 'https://m.example', host: 'm.example', mirror: true };
  const hub = { url: 'https://registry-1.docker.io', host: 'docker.io', mirror: false };

  it('on a mirror: unreachable, 5xx, unknown manifest or repository, refused credentials, bad bytes move on', () => {
    for (const code of ['NETWORK', 'NOT_FOUND', 'UNAUTHORIZED', 'RATE_LIMITED', 'DIGEST_MISMATCH'] as const) {
      expect(tryNextEndpoint(new BerthError(code, 'x'), mirror, live), code).toBe(true);
    }
    expect(tryNextEndpoint(new TypeError('socket hang up'), mirror, live)).toBe(true);
  });

  it('stops on a cancel, a full disk, or an answer about the image itself (schema 1)', () => {
    expect(tryNextEndpoint(new BerthError('CANCELLED', 'x'), mirror, live)).toBe(false);
    expect(tryNextEndpoint(new BerthError('NO_SPACE', 'x'), mirror, live)).toBe(false);
    expect(tryNextEndpoint(new BerthError('INVALID_ARGUMENT', 'schema 1'), mirror, live)).toBe(false);
    const aborted = new AbortController();
    aborted.abort();
    expect(tryNextEndpoint(new BerthError('NETWORK', 'x'), mirror, aborted.signal)).toBe(false);
  });

  it('never past Docker Hub or a registry asked directly', () => {
    expect(tryNextEndpoint(new BerthError('NETWORK', 'x'), hub, live)).toBe(false);
    expect(tryNextEndpoint(new BerthError('NOT_FOUND', 'x'), { url: null, host: 'ghcr.io', mirror: false }, live)).toBe(false);
  });
});
