// A Docker-style token service for the test registry: `GET /token?service=…&scope=…[&account=…]`, anonymous or
// with Basic credentials, answering `{token, access_token, expires_in, issued_at}`. Tokens are ES256 JWTs whose
// header carries the self-signed certificate (DER, base64) in `x5c`; the registry's `auth.token.rootcertbundle`
// is that certificate, which is what docker-registry 2.8 accepts. Policy: anonymous callers may pull `public/*`,
// the test account may do what it asks anywhere, wrong credentials get 401.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { X509Certificate, createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runOk } from './run-process.js';
import { requirePeer } from './peers.mjs';

export const TOKEN_SERVICE = 'berth-test-registry';
export const TOKEN_ISSUER = 'berth-test-token-issuer';
/** The identity (refresh) token the server accepts in a POST refresh_token grant, as the test account's. */
export const REFRESH_TOKEN = 'berth-test-refresh-token';

export interface Access {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenRequestRecord {
  scopes: string[];
  account: string | null;
  /** The Authorization header the token service received, as sent. */
  authorization: string | null;
  /** What the token granted. */
  granted: Access[];
  /** `refresh_token` for a POST grant (its refresh token is never recorded); absent for a GET. */
  grant?: string;
}

export interface TokenServer {
  /** The realm: http://127.0.0.1:PORT/token */
  realm: string;
  /** PEM of the signing certificate: the registry's rootcertbundle. */
  certificatePath: string;
  /** Every token request, in order. */
  readonly requests: TokenRequestRecord[];
  /** `expires_in` sent with each token (default 300). */
  expiresIn: number;
  /** The next `n` token requests get a token granting nothing (the registry then answers insufficient_scope). */
  grantNothing(n: number): void;
  /** A token for `access`, signed like the served ones (test helpers use it to push). */
  mint(access: Access[]): string;
  stop(): Promise<void>;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function parseScope(scope: string): Access | null {
  // repository:name:actions, where the name itself has no ':' in these tests (no registry host in it)
  const match = /^([a-z]+):(.+):([a-z*,]+)$/.exec(scope);
  return match ? { type: match[1]!, name: match[2]!, actions: match[3]!.split(',') } : null;
}

export async function startTokenServer(dir: string, credentials: { username: string; password: string }): Promise<TokenServer> {
  const keyPath = path.join(dir, 'token-key.pem');
  const certificatePath = path.join(dir, 'token-cert.pem');
  const openssl = requirePeer('openssl');
  await runOk(openssl, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyPath]);
  await runOk(openssl, ['req', '-x509', '-new', '-key', keyPath, '-subj', '/CN=berth-test-token', '-days', '2', '-out', certificatePath]);
  const key: KeyObject = createPrivateKey(await readFile(keyPath));
  const certificateDer = new X509Certificate(await readFile(certificatePath)).raw.toString('base64');
  const requests: TokenRequestRecord[] = [];
  let denials = 0;

  function mint(access: Access[]): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'ES256', typ: 'JWT', x5c: [certificateDer] };
    const claims = { iss: TOKEN_ISSUER, sub: credentials.username, aud: TOKEN_SERVICE, exp: now + 600, nbf: now - 10, iat: now, jti: randomUUID(), access };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    return `${input}.${base64url(signature)}`;
  }

  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'POST') {
      refreshGrant(req, res);
      return;
    }
    const authorization = req.headers.authorization ?? null;
    const scopes = url.searchParams.getAll('scope');
    const record: TokenRequestRecord = { scopes, account: url.searchParams.get('account'), authorization, granted: [] };
    requests.push(record);
    if (authorization !== null && authorization !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    const asked = scopes.flatMap((s) => s.split(' ')).map(parseScope).filter((a): a is Access => a !== null);
    const granted = denials > 0
      ? []
      : asked.flatMap((a) => {
        if (authorization !== null) return [a];
        const actions = a.name.startsWith('public/') ? a.actions.filter((x) => x === 'pull') : [];
        return actions.length ? [{ ...a, actions }] : [];
      });
    if (denials > 0) denials--;
    record.granted = granted;
    const token = mint(granted);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: api.expiresIn, issued_at: new Date().toISOString() }));
  });
  /** OAuth2's refresh_token grant (docker's identity tokens): form body in, `access_token` out, as the test account. */
  function refreshGrant(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      const record: TokenRequestRecord = { scopes, account: null, authorization: req.headers.authorization ?? null, granted: [], grant: form.get('grant_type') ?? '' };
      requests.push(record);
      if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== REFRESH_TOKEN) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' }));
        return;
      }
      record.granted = scopes.map(parseScope).filter((a): a is Access => a !== null);
      const token = mint(record.granted);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: token, expires_in: api.expiresIn, issued_at: new Date().toISOString(), scope: scopes.join(' ') }));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('token server has no port');
  const api: TokenServer = {
    realm: `http://127.0.0.1:${address.port}/token`,
    certificatePath,
    requests,
    expiresIn: 300,
    grantNothing(n) {
      denials = n;
    },
    mint,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return api;
}
