import { createServer, type IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TokenCache, basicAuthorization, fetchToken, tokenExpiry, type Token } from './token.js';
import { Transport } from './transport.js';

/** A token realm on loopback answering `body` (JSON) and recording what it was asked. */
async function withRealm(body: unknown, run: (realm: string, seen: { url: string; headers: IncomingHttpHeaders }[]) => Promise<void>): Promise<void> {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as { port: number }).port}/token`, seen);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

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

describe('fetchToken', () => {
  const transport = () => new Transport({ retry: { attempts: 1 } });

  it('asks the realm for every scope with the service, anonymously, and takes access_token', async () => {
    await withRealm({ access_token: 'abc', expires_in: 120 }, async (realm, seen) => {
      const t = transport();
      const challenge = { scheme: 'bearer', params: { realm, service: 'reg' } };
      const token = await fetchToken(t, challenge, ['repository:a/b:pull', 'repository:c:pull'], undefined, 'r.example');
      await t.close();
      expect(token.token).toBe('abc');
      expect(token.expiresAt).toBeGreaterThan(Date.now() + 100_000);
      const url = new URL(seen[0]!.url, realm);
      expect(url.searchParams.get('service')).toBe('reg');
      expect(url.searchParams.getAll('scope')).toEqual(['repository:a/b:pull', 'repository:c:pull']);
      expect(url.searchParams.has('account')).toBe(false);
      expect(seen[0]!.headers.authorization).toBeUndefined();
    });
  });

  it('sends Basic credentials and the account to the realm, and prefers `token`', async () => {
    await withRealm({ token: 'first', access_token: 'second' }, async (realm, seen) => {
      const t = transport();
      const credentials = { username: 'me', password: 'secret' };
      const token = await fetchToken(t, { scheme: 'bearer', params: { realm } }, ['repository:a:pull'], credentials, 'r.example');
      await t.close();
      expect(token.token).toBe('first');
      expect(new URL(seen[0]!.url, realm).searchParams.get('account')).toBe('me');
      expect(seen[0]!.headers.authorization).toBe(basicAuthorization(credentials));
    });
  });

  it('refuses an answer without a token, and a challenge without a realm', async () => {
    await withRealm({ expires_in: 60 }, async (realm) => {
      const t = transport();
      await expect(fetchToken(t, { scheme: 'bearer', params: { realm } }, [], undefined, 'r.example')).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'the token service of r.example answered without a token' });
      await expect(fetchToken(t, { scheme: 'bearer', params: {} }, [], undefined, 'r.example')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await t.close();
    });
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
