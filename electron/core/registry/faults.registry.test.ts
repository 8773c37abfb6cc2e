// The client against the real registry behind a misbehaving loopback proxy: retries (500, 429 + Retry-After),
// redirects to another host (no Authorization there), a connection cut mid-blob (resumed with Range, the bytes
// before the cut not fetched again), corrupt bytes (DIGEST_MISMATCH), schema 1, redirect loops, and failures below
// HTTP (refused connections, TLS).
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpsServer } from 'node:https';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../testing/free-port.js';
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from '../testing/fault-proxy.js';
import { requirePeer } from '../testing/peers.mjs';
import { startRegistry, REGISTRY_PASSWORD, type Registry } from '../testing/registry.js';
import { pushTestImage, type SeededImage } from '../testing/registry-seed.js';
import { runOk } from '../testing/run-process.js';
import { fetchBlob } from './blob.js';
import { RegistryClient } from './client.js';
import { MAX_MANIFEST_BYTES, getManifest, headManifest } from './manifest.js';
import { listTags } from './tags.js';
import { networkError } from './network-error.js';
import { verifyBlob } from './verify.js';
import { caught, collect } from './test-support/collect.js';

const LAYER = randomBytes(400_000);


const isBlob = (r: ProxiedRequest) => r.method === 'GET' && r.url.includes('/blobs/');
const isManifest = (r: ProxiedRequest) => r.url.includes('/manifests/');

describe('registry client faults', () => {
  let registry: Registry;
  let image: SeededImage;
  let proxy: FaultProxy;
  let elsewhere: FaultProxy;
  let client: RegistryClient;
  let basic: string;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'htpasswd' });
    image = await pushTestImage(registry, 'team/app', ['v1'], [LAYER]);
    basic = registry.authorization('team/app')!;
    proxy = await startFaultProxy(registry.url);
    // "Another host" (a CDN): it holds its own right to read the registry, as a presigned URL would.
    elsewhere = await startFaultProxy(registry.url, { bindAddress: '127.0.0.2', forwardHeaders: { authorization: basic } });
  }, 30_000);

  afterEach(async () => {
    await client?.close();
    proxy.plan = null;
    proxy.requests.length = 0;
    elsewhere.requests.length = 0;
  });

  afterAll(async () => {
    await proxy?.stop();
    await elsewhere?.stop();
    await registry?.stop();
  });

  const connect = (retry = { baseDelayMs: 20 }) => {
    client = new RegistryClient(proxy.host, { credentials: registry.credentials, retry });
    return client;
  };

  it('retries a 500 and succeeds', async () => {
    let failures = 0;
    proxy.plan = (r) => (isManifest(r) && failures++ < 2 ? { kind: 'respond', status: 500, body: 'boom' } : undefined);
    const manifest = await getManifest(connect(), 'team/app', 'v1');
    expect(manifest.digest).toBe(image.manifestDigest);
    expect(proxy.requests.filter(isManifest)).toHaveLength(3);
  });

  it('gives up after its attempts with the status in the message', async () => {
    proxy.plan = (r) => (isManifest(r) ? { kind: 'respond', status: 503 } : undefined);
    const error = await caught(getManifest(connect({ baseDelayMs: 5 }), 'team/app', 'v1'));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain('answered 503');
    expect(proxy.requests.filter(isManifest)).toHaveLength(4);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    let limited = false;
    proxy.plan = (r) => {
      if (!isManifest(r) || limited) return undefined;
      limited = true;
      return { kind: 'respond', status: 429, headers: { 'retry-after': '1' } };
    };
    const started = Date.now();
    await getManifest(connect({ baseDelayMs: 1 }), 'team/app', 'v1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(proxy.requests.filter(isManifest)).toHaveLength(2);
  });

  it('reports at once a 429 whose Retry-After is longer than it would wait', async () => {
    proxy.plan = (r) => (isManifest(r) ? { kind: 'respond', status: 429, headers: { 'retry-after': '3600' } } : undefined);
    const started = Date.now();
    const error = await caught(getManifest(connect({ baseDelayMs: 1 }), 'team/app', 'v1'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(proxy.requests.filter(isManifest)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a lasting rate limit with Docker Hub figures', async () => {
    proxy.plan = (r) => (isManifest(r)
      ? { kind: 'respond', status: 429, headers: { 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '0;w=21600', 'content-type': 'application/json' }, body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}' }
      : undefined);
    const error = await caught(getManifest(connect({ baseDelayMs: 1 }), 'team/app', 'v1'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain('limit 100 per 6 hours, 0 remaining');
  });

  it('follows a redirect to another host without the Authorization header', async () => {
    proxy.plan = (r) => (isBlob(r) ? { kind: 'redirect', location: `${elsewhere.url}${r.url}` } : undefined);
    const layer = image.layers[0]!;
    const download = await fetchBlob(connect(), 'team/app', layer);
    expect((await collect(download.body, verifyBlob(layer))).equals(LAYER)).toBe(true);
    expect(proxy.requests.filter(isBlob)[0]!.headers.authorization).toBe(basic);
    const there = elsewhere.requests.filter(isBlob);
    expect(there).toHaveLength(1);
    expect(there[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(there[0]!.headers)).not.toContain(REGISTRY_PASSWORD);
  });

  it('sends no credentials to another host even in an error, and names no secret', async () => {
    const forbiddenElsewhere = await startFaultProxy(registry.url, { bindAddress: '127.0.0.2' });
    try {
      forbiddenElsewhere.plan = () => ({ kind: 'respond', status: 403, body: '{"errors":[{"code":"DENIED","message":"signature mismatch"}]}' });
      proxy.plan = (r) => (isBlob(r) ? { kind: 'redirect', location: `${forbiddenElsewhere.url}${r.url}` } : undefined);
      const error = await caught(fetchBlob(connect(), 'team/app', image.layers[0]!));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(forbiddenElsewhere.requests[0]!.headers.authorization).toBeUndefined();
      const text = `${error.message} ${String(error.stack)}`;
      expect(text).not.toContain(REGISTRY_PASSWORD);
      expect(text).not.toContain(basic.slice('Basic '.length));
    } finally {
      await forbiddenElsewhere.stop();
    }
  });

  it('stops after 10 redirects', async () => {
    proxy.plan = (r) => (isBlob(r) ? { kind: 'redirect', location: r.url } : undefined);
    const error = await caught(fetchBlob(connect(), 'team/app', image.layers[0]!));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain('too many redirects');
    expect(proxy.requests.filter(isBlob)).toHaveLength(11);
  });

  it('refuses a redirect to plain http on a host that is not loopback or insecure, before any traffic', async () => {
    proxy.plan = (r) => (isBlob(r) ? { kind: 'redirect', location: `http://cdn.example.invalid${r.url}` } : undefined);
    const error = await caught(fetchBlob(connect(), 'team/app', image.layers[0]!));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain('refusing plain http to cdn.example.invalid');
    expect(error.message).toContain('insecureRegistries');
  });

  it('resumes a blob cut mid-transfer with Range, without fetching the first bytes again', async () => {
    let cut = false;
    proxy.plan = (r) => {
      if (!isBlob(r) || cut) return undefined;
      cut = true;
      return { kind: 'cut', afterBytes: 150_000 };
    };
    const layer = image.layers[0]!;
    const download = await fetchBlob(connect(), 'team/app', layer);
    expect((await collect(download.body, verifyBlob(layer))).equals(LAYER)).toBe(true);
    const blobRequests = proxy.requests.filter(isBlob);
    expect(blobRequests).toHaveLength(2);
    expect(blobRequests[0]!.headers.range).toBeUndefined();
    expect(blobRequests[1]!.headers.range).toBe('bytes=150000-');
  });

  it('resumes a blob whose body stalls past the timeout', async () => {
    let stalled = false;
    proxy.plan = (r) => {
      if (!isBlob(r) || stalled) return undefined;
      stalled = true;
      return { kind: 'cut', afterBytes: 100_000, stall: true };
    };
    client = new RegistryClient(proxy.host, { credentials: registry.credentials, timeoutMs: 300 });
    const layer = image.layers[0]!;
    const download = await fetchBlob(client, 'team/app', layer);
    expect((await collect(download.body, verifyBlob(layer))).equals(LAYER)).toBe(true);
    expect(proxy.requests.filter(isBlob).map((r) => r.headers.range)).toEqual([undefined, 'bytes=100000-']);
  });

  it('skips the bytes it has when a registry ignores Range and sends the whole blob', async () => {
    proxy.plan = (r) => {
      if (isBlob(r)) delete r.headers.range;
      return undefined;
    };
    const layer = image.layers[0]!;
    const offset = 250_000;
    const download = await fetchBlob(connect(), 'team/app', layer, { offset });
    const hash = createHash('sha256').update(LAYER.subarray(0, offset));
    expect((await collect(download.body, verifyBlob(layer, { offset, hash }))).equals(LAYER.subarray(offset))).toBe(true);
  });

  it('refuses bytes that do not match the digest', async () => {
    proxy.plan = (r) => (isBlob(r) ? { kind: 'corrupt' } : undefined);
    const layer = image.layers[0]!;
    const download = await fetchBlob(connect(), 'team/app', layer);
    const error = await caught(collect(download.body, verifyBlob(layer)));
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.message).toContain(layer.digest);
  });

  it('refuses more bytes than the descriptor gives, as they arrive', async () => {
    const layer = image.layers[0]!;
    const download = await fetchBlob(connect(), 'team/app', { digest: layer.digest, size: 1000 });
    const error = await caught(collect(download.body));
    expect(error.code).toBe('DIGEST_MISMATCH');
  });

  it('refuses a manifest fetched by digest whose bytes hash to something else', async () => {
    const other = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: image.config, layers: [] }));
    proxy.plan = (r) => (isManifest(r) ? { kind: 'respond', status: 200, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': image.manifestDigest }, body: other.toString() } : undefined);
    const error = await caught(getManifest(connect(), 'team/app', image.manifestDigest));
    expect(error.code).toBe('DIGEST_MISMATCH');
    // By tag the registry's Docker-Content-Digest is not believed: the digest is the body's own.
    const byTag = await getManifest(client, 'team/app', 'v1');
    expect(byTag.digest).toBe(`sha256:${createHash('sha256').update(other).digest('hex')}`);
  });

  it('refuses schema 1 manifests with a clear message', async () => {
    const schema1 = JSON.stringify({ schemaVersion: 1, name: 'team/app', tag: 'old', fsLayers: [], history: [] });
    for (const contentType of ['application/vnd.docker.distribution.manifest.v1+prettyjws', 'application/json', 'text/plain']) {
      proxy.plan = (r) => (isManifest(r) ? { kind: 'respond', status: 200, headers: { 'content-type': contentType }, body: schema1 } : undefined);
      const error = await caught(getManifest(connect(), 'team/app', 'old'));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain(`${proxy.host}/team/app:old is a Docker image manifest schema 1 image`);
      await client.close();
    }
  });

  it('gives up on a registry that does not answer within the timeout', async () => {
    proxy.plan = (r) => (isManifest(r) ? { kind: 'stall' } : undefined);
    client = new RegistryClient(proxy.host, { credentials: registry.credentials, timeoutMs: 300, retry: { attempts: 1 } });
    const started = Date.now();
    const error = await caught(getManifest(client, 'team/app', 'v1'));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(`registry ${proxy.host} did not answer in time`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('falls back to GET when a registry refuses HEAD for manifests', async () => {
    proxy.plan = (r) => (isManifest(r) && r.method === 'HEAD' ? { kind: 'respond', status: 405 } : undefined);
    const head = await headManifest(connect(), 'team/app', 'v1');
    expect(head).toEqual({ mediaType: image.mediaType, digest: image.manifestDigest, size: image.manifest.length });
    expect(proxy.requests.filter(isManifest).map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('refuses a manifest larger than the cap', async () => {
    const huge = `{"schemaVersion":2,"pad":"${'x'.repeat(MAX_MANIFEST_BYTES)}"}`;
    // Chunked (counted as it arrives), then with a Content-Length (refused before reading).
    for (const length of [undefined, String(Buffer.byteLength(huge))]) {
      const headers: Record<string, string> = { 'content-type': image.mediaType, ...(length ? { 'content-length': length } : {}) };
      proxy.plan = (r) => (isManifest(r) ? { kind: 'respond', status: 200, headers, body: huge } : undefined);
      const error = await caught(getManifest(connect(), 'team/app', 'v1'));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(length ? `is ${length} bytes, more than the ${MAX_MANIFEST_BYTES}` : `larger than ${MAX_MANIFEST_BYTES} bytes`);
      await client.close();
    }
  });

  it('follows tag pages onto another host without credentials', async () => {
    proxy.plan = (r) => (r.url.includes('/tags/list') ? { kind: 'respond', status: 200, headers: { 'content-type': 'application/json', link: `<${elsewhere.url}/v2/team/app/tags/list?n=1&last=v0>; rel="next"` }, body: '{"name":"team/app","tags":["v0"]}' } : undefined);
    expect(await listTags(connect(), 'team/app', { pageSize: 1 })).toEqual(['v0', 'v1']);
    expect(proxy.requests.find((r) => r.url.includes('/tags/list'))!.headers.authorization).toBe(basic);
    const there = elsewhere.requests.filter((r) => r.url.includes('/tags/list'));
    expect(there).toHaveLength(1);
    expect(there[0]!.headers.authorization).toBeUndefined();
  });

  it('reads a schema 2 manifest however it is labelled, from its own mediaType or its shape', async () => {
    const withType = image.manifest.toString();
    const { mediaType: _ignored, ...untyped } = JSON.parse(withType) as Record<string, unknown>;
    const cases: [string, string, string][] = [
      ['text/plain', withType, image.mediaType],
      ['application/json; charset=utf-8', JSON.stringify(untyped), 'application/vnd.oci.image.manifest.v1+json'],
    ];
    for (const [contentType, body, expected] of cases) {
      proxy.plan = (r) => (isManifest(r) ? { kind: 'respond', status: 200, headers: { 'content-type': contentType }, body } : undefined);
      const manifest = await getManifest(connect(), 'team/app', 'v1');
      expect(manifest.kind).toBe('manifest');
      expect(manifest.mediaType).toBe(expected);
      await client.close();
    }
  });

  it('stops a blob download when its signal aborts', async () => {
    const controller = new AbortController();
    const layer = image.layers[0]!;
    const download = await fetchBlob(connect(), 'team/app', layer, { signal: controller.signal });
    const chunks: Buffer[] = [];
    const error = await caught(new Promise((resolve, reject) => {
      download.body.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        controller.abort();
      });
      download.body.on('error', reject);
      download.body.on('end', resolve);
    }));
    expect(error.code).toBe('CANCELLED');
    expect(Buffer.concat(chunks).length).toBeLessThan(LAYER.length);
  });

  it('says when nothing listens on the port', async () => {
    const port = await freePort();
    const lonely = new RegistryClient(`127.0.0.1:${port}`, { retry: { attempts: 2, baseDelayMs: 50 } });
    try {
      const error = await caught(lonely.ping());
      expect(error.code).toBe('NETWORK');
      expect(error.message).toBe(`cannot reach registry 127.0.0.1:${port}: connection refused (is the registry running on that port?)`);
      // Over https only: plain http on a port that refuses connections is not tried.
      const sent: string[] = [];
      const send = lonely.transport.send.bind(lonely.transport);
      lonely.transport.send = (req) => {
        sent.push(req.url);
        return send(req);
      };
      await caught(lonely.ping());
      expect(sent).toEqual([`https://127.0.0.1:${port}/v2/`]);
    } finally {
      await lonely.close();
    }
  });

  it('turns a certificate the client does not trust into advice about insecureRegistries', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-tls-'));
    const openssl = requirePeer('openssl');
    await runOk(openssl, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-subj', '/CN=localhost', '-days', '1']);
    const server = createHttpsServer({ key: await readFile(path.join(dir, 'key.pem')), cert: await readFile(path.join(dir, 'cert.pem')) }, (_req, res) => res.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      // Loopback is trusted without verification by policy, so the failure is produced with a verifying request.
      const failure = await request(`https://127.0.0.1:${port}/v2/`).then(() => null, (e: unknown) => e);
      const error = networkError(failure, `127.0.0.1:${port}`);
      expect(error.code).toBe('NETWORK');
      expect(error.message).toContain('TLS handshake with registry');
      expect(error.message).toContain(`add "127.0.0.1:${port}" to insecureRegistries`);
      // …and the client itself, by policy, talks to the same loopback server over unverified TLS.
      const trusting = new RegistryClient(`127.0.0.1:${port}`);
      expect((await trusting.ping()).baseUrl).toBe(`https://127.0.0.1:${port}`);
      await trusting.close();
    } finally {
      server.closeAllConnections();
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
