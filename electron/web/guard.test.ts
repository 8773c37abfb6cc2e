// The Host, Origin and token rules of `berth serve`, as plain functions of the request headers.
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { UNAUTHORIZED_MESSAGE, WS_TOKEN_PROTOCOL_PREFIX } from '../../shared/web-protocol.js';
import { Guard, hostPort, isLoopbackHost, isWildcardHost } from './guard.js';

const req = (headers: Record<string, string>, url = '/'): IncomingMessage => ({ headers, url }) as unknown as IncomingMessage;

describe('host names', () => {
  it('knows loopback when it sees it', () => {
    for (const host of ['localhost', '::1', '127.0.0.1', '127.1.22.254']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '128.0.0.1', '127.0.0.1.evil.example', 'x127.0.0.1', '127.0.0', '127.0.0.1000', '::', 'localhost.example']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('knows the wildcard addresses', () => {
    for (const host of ['0.0.0.0', '::', '']) expect(isWildcardHost(host), JSON.stringify(host)).toBe(true);
    for (const host of ['127.0.0.1', '::1', 'localhost', '0.0.0.1']) expect(isWildcardHost(host), host).toBe(false);
  });

  it('brackets IPv6 literals in host:port', () => {
    expect(hostPort('127.0.0.1', 80)).toBe('127.0.0.1:80');
    expect(hostPort('::1', 8080)).toBe('[::1]:8080');
  });
});

describe('Guard.checkHost', () => {
  it('on loopback: the bound address and localhost, any case, with the port', () => {
    const guard = new Guard('127.0.0.1', 4000, 't');
    for (const host of ['127.0.0.1:4000', 'LOCALHOST:4000', 'localhost:4000']) expect(guard.checkHost(req({ host })), host).toBeNull();
    for (const host of ['127.0.0.1:4001', 'localhost', 'evil.example:4000', '']) {
      expect(guard.checkHost(req({ host })), host).toMatchObject({ status: 403, message: expect.stringContaining('unexpected Host') });
    }
  });

  it('on another address: that address only, not localhost', () => {
    const guard = new Guard('192.0.2.7', 4000, 't');
    expect(guard.checkHost(req({ host: '192.0.2.7:4000' }))).toBeNull();
    expect(guard.checkHost(req({ host: 'localhost:4000' }))).not.toBeNull();
  });

  it('on the wildcard: the machine\u2019s own names, and nothing else', () => {
    const guard = new Guard('0.0.0.0', 4000, 't');
    for (const host of ['localhost:4000', '127.0.0.1:4000', `${hostname()}:4000`.toLowerCase()]) expect(guard.checkHost(req({ host })), host).toBeNull();
    expect(guard.checkHost(req({ host: 'evil.example:4000' }))).not.toBeNull();
  });

  it('cuts a long Host in its message', () => {
    const refusal = new Guard('127.0.0.1', 4000, 't').checkHost(req({ host: 'x'.repeat(500) }));
    expect(refusal?.message).toContain(`"${'x'.repeat(100)}"`);
    expect(refusal?.message).not.toContain('x'.repeat(101));
  });
});

describe('Guard.checkOrigin', () => {
  const guard = new Guard('127.0.0.1', 4000, 't');
  it('lets a request without Origin through (not a browser) and the server\u2019s own origin', () => {
    expect(guard.checkOrigin(req({ host: '127.0.0.1:4000' }))).toBeNull();
    expect(guard.checkOrigin(req({ host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' }))).toBeNull();
    expect(guard.checkOrigin(req({ host: 'localhost:4000', origin: 'HTTP://LOCALHOST:4000' }))).toBeNull();
  });
  it('refuses any other origin, or one that matches an unexpected Host', () => {
    for (const [host, origin] of [
      ['127.0.0.1:4000', 'http://evil.example'],
      ['127.0.0.1:4000', 'http://localhost:4000'],
      ['127.0.0.1:4000', 'https://127.0.0.1:4000'],
      ['evil.example:4000', 'http://evil.example:4000'],
    ]) {
      expect(guard.checkOrigin(req({ host: host!, origin: origin! })), origin).toMatchObject({ status: 403 });
    }
  });
});

describe('Guard tokens', () => {
  const guard = new Guard('127.0.0.1', 4000, 'the-token');
  it('accepts only the exact token', () => {
    expect(guard.checkToken('the-token')).toBeNull();
    for (const given of [null, undefined, '', 'the-token ', 'THE-TOKEN', 'the-toke']) expect(guard.checkToken(given), String(given)).toEqual({ status: 401, message: UNAUTHORIZED_MESSAGE });
  });
  it('reads the upload token from its header only', () => {
    expect(guard.uploadToken(req({ 'x-berth-token': 'abc' }))).toBe('abc');
    expect(guard.uploadToken(req({}, '/upload?token=abc'))).toBeNull();
  });
  it('reads the socket token from the subprotocol first, then the query', () => {
    expect(guard.socketToken(req({ 'sec-websocket-protocol': `berth.v1, ${WS_TOKEN_PROTOCOL_PREFIX}abc` }, '/rpc?token=other'))).toBe('abc');
    expect(guard.socketToken(req({ 'sec-websocket-protocol': 'berth.v1' }, '/rpc?token=other'))).toBe('other');
    expect(guard.socketToken(req({}, '/rpc'))).toBeNull();
  });
});
