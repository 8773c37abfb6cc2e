import { describe, expect, it } from 'vitest';
import { TokenCache, basicAuthorization, tokenExpiry, type Token } from './token.js';

describe('token expiry', () => {
  const now = Date.parse('2026-11-30T08:00:00Z');

  it('counts expires_in from issued_at, and from now without it', () => {
    expect(tokenExpiry({ expires_in: 300, issued_at: '2026-11-30T07:59:00Z' }, now)).toBe(now + 240_000);
    expect(tokenExpiry({ expires_in: 300 }, now)).toBe(now + 300_000);
  });

  it('treats a missing or short lifetime as 60 seconds', () => {
    expect(tokenExpiry({}, now)).toBe(now + 60_000);
    expect(tokenExpiry({ expires_in: 5 }, now)).toBe(now + 60_000);
    expect(tokenExpiry({ expires_in: '900' }, now)).toBe(now + 60_000);
  });

  it('does not trust an issued_at from the future, or one so old the token would be born stale', () => {
    expect(tokenExpiry({ expires_in: 300, issued_at: '2026-11-30T09:00:00Z' }, now)).toBe(now + 300_000);
    expect(tokenExpiry({ expires_in: 300, issued_at: '2026-11-29T08:00:00Z' }, now)).toBe(now + 300_000);
    expect(tokenExpiry({ expires_in: 300, issued_at: 'yesterday' }, now)).toBe(now + 300_000);
  });

  it('builds Basic authorization from UTF-8 credentials', () => {
    expect(basicAuthorization({ username: 'berth', password: 'pä:ss' })).toBe(`Basic ${Buffer.from('berth:pä:ss').toString('base64')}`);
  });
});

describe('TokenCache', () => {
  const token = (value: string, expiresAt: number): Token => ({ token: value, expiresAt });

  it('keeps one token per scope set, in any order, until shortly before it expires', async () => {
    const cache = new TokenCache();
    let clock = 1_000_000;
    let fetches = 0;
    const fetch = async () => token(`t${++fetches}`, clock + 60_000);
    expect((await cache.get(['a', 'b'], fetch, () => clock)).token).toBe('t1');
    expect((await cache.get(['b', 'a'], fetch, () => clock)).token).toBe('t1');
    expect((await cache.get(['a'], fetch, () => clock)).token).toBe('t2');
    clock += 56_000;
    expect((await cache.get(['a', 'b'], fetch, () => clock)).token).toBe('t3');
    cache.drop(['b', 'a']);
    expect((await cache.get(['a', 'b'], fetch, () => clock)).token).toBe('t4');
  });

  it('shares one fetch between concurrent callers and forgets a failed one', async () => {
    const cache = new TokenCache();
    let fetches = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      fetches++;
      await gate;
      return token('shared', Date.now() + 600_000);
    };
    const both = Promise.all([cache.get(['s'], slow), cache.get(['s'], slow)]);
    release();
    expect((await both).map((t) => t.token)).toEqual(['shared', 'shared']);
    expect(fetches).toBe(1);

    const failing = new TokenCache();
    await expect(failing.get(['x'], async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect((await failing.get(['x'], async () => token('ok', Date.now() + 600_000))).token).toBe('ok');
  });
});
