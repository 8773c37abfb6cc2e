// The client against the real docker-registry 2.8, in its three auth modes: open, htpasswd Basic, and Bearer
// tokens from the test token server. One registry per mode for the whole file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { startRegistry, REGISTRY_PASSWORD, type Registry, type RegistryAuth } from '../testing/registry.js';
import { requirePeer } from '../testing/peers.mjs';
import { runOk } from '../testing/run-process.js';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { pushManifest, pushTestImage, type SeededImage } from '../testing/registry-seed.js';
import { RegistryClient } from './client.js';
import { fetchBlob } from './blob.js';
import { getManifest, headManifest } from './manifest.js';
import { listTags } from './tags.js';
import { verifyBlob } from './verify.js';
import { caught, collect } from './test-support/collect.js';

const TAGS = ['v1', 'v2', 'v3', 'v4', 'v5'];
const BIG_LAYER = randomBytes(300_000);
const SMALL_LAYER = Buffer.from('a small layer\n');

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A one-layer OCI layout on disk, tagged `tag`, for skopeo to copy from. */
async function writeOciLayout(dir: string, layer: Buffer, tag: string): Promise<void> {
  const blobs = path.join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const put = async (bytes: Buffer) => {
    await writeFile(path.join(blobs, sha256(bytes).slice(7)), bytes);
    return sha256(bytes);
  };
  const diffId = sha256(gunzipSync(layer));
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [diffId] } }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, digest: await put(config), size: config.length },
    layers: [{ mediaType: MEDIA_TYPES.ociLayerGzip, digest: await put(layer), size: layer.length }],
  }));
  const manifestDigest = await put(manifest);
  await writeFile(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(path.join(dir, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: MEDIA_TYPES.ociManifest, digest: manifestDigest, size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': tag } }],
  }));
}


describe.each<RegistryAuth>(['none', 'htpasswd', 'token'])('registry client, auth %s', (auth) => {
  let registry: Registry;
  let image: SeededImage;
  let indexDigest: string;
  let client: RegistryClient;

  beforeAll(async () => {
    registry = await startRegistry({ auth });
    image = await pushTestImage(registry, 'team/app', TAGS, [BIG_LAYER, SMALL_LAYER]);
    await pushTestImage(registry, 'public/app', ['latest'], [SMALL_LAYER]);
    const index = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.dockerManifestList,
      manifests: [{ mediaType: image.mediaType, digest: image.manifestDigest, size: image.manifest.length, platform: { os: 'linux', architecture: 'amd64' } }],
    }));
    indexDigest = await pushManifest(registry, 'team/app', 'multi', MEDIA_TYPES.dockerManifestList, index);
    client = new RegistryClient(registry.host, { credentials: registry.credentials, retry: { baseDelayMs: 10 } });
  }, 30_000);

  afterAll(async () => {
    await client?.close();
    await registry?.stop();
  });

  it('pings /v2/ over plain http on loopback and reads the challenge', async () => {
    const ping = await client.ping();
    expect(ping.baseUrl).toBe(`http://${registry.host}`);
    if (auth === 'none') expect(ping.challenge).toBeNull();
    if (auth === 'htpasswd') expect(ping.challenge).toEqual({ scheme: 'basic', params: { realm: 'berth-test' } });
    if (auth === 'token') {
      expect(ping.challenge?.scheme).toBe('bearer');
      expect(ping.challenge?.params.realm).toBe(registry.tokenServer!.realm);
      expect(ping.challenge?.params.service).toBe('berth-test-registry');
    }
  });

  it('gets a manifest by tag and by digest, hashed and parsed', async () => {
    const byTag = await getManifest(client, 'team/app', 'v3');
    expect(byTag.kind).toBe('manifest');
    expect(byTag.mediaType).toBe(MEDIA_TYPES.ociManifest);
    expect(byTag.digest).toBe(image.manifestDigest);
    expect(byTag.bytes.equals(image.manifest)).toBe(true);
    expect(byTag.size).toBe(image.manifest.length);
    if (byTag.kind !== 'manifest') throw new Error('not a manifest');
    expect(byTag.document.layers.map((l) => l.digest)).toEqual(image.layers.map((l) => l.digest));

    const byDigest = await getManifest(client, 'team/app', image.manifestDigest);
    expect(byDigest.digest).toBe(image.manifestDigest);
  });

  it('recognises a Docker manifest list as an index', async () => {
    const index = await getManifest(client, 'team/app', 'multi');
    expect(index.kind).toBe('index');
    expect(index.mediaType).toBe(MEDIA_TYPES.dockerManifestList);
    expect(index.digest).toBe(indexDigest);
    if (index.kind !== 'index') throw new Error('not an index');
    expect(index.document.manifests[0]!.digest).toBe(image.manifestDigest);
  });

  it('HEADs a manifest for its digest, media type and size', async () => {
    expect(await headManifest(client, 'team/app', 'v1')).toEqual({ mediaType: MEDIA_TYPES.ociManifest, digest: image.manifestDigest, size: image.manifest.length });
    expect((await headManifest(client, 'team/app', 'multi')).digest).toBe(indexDigest);
  });

  it('streams a blob whole, verified', async () => {
    const layer = image.layers[0]!;
    const download = await fetchBlob(client, 'team/app', layer);
    expect(download).toMatchObject({ offset: 0, size: BIG_LAYER.length });
    const bytes = await collect(download.body, verifyBlob(layer));
    expect(bytes.equals(BIG_LAYER)).toBe(true);
  });

  it('resumes a blob from an offset with Range, verified with the hash of the bytes before it', async () => {
    const layer = image.layers[0]!;
    const offset = 123_457;
    const download = await fetchBlob(client, 'team/app', layer, { offset });
    expect(download.offset).toBe(offset);
    const prefix = createHash('sha256').update(BIG_LAYER.subarray(0, offset));
    const rest = await collect(download.body, verifyBlob(layer, { offset, hash: prefix }));
    expect(rest.equals(BIG_LAYER.subarray(offset))).toBe(true);
  });

  it('lists every tag across pages', async () => {
    expect((await listTags(client, 'team/app', { pageSize: 2 })).sort()).toEqual([...TAGS, 'multi'].sort());
  });

  it('names what is missing: a tag, a repository, a blob', async () => {
    const tag = await caught(getManifest(client, 'team/app', 'nope'));
    expect(tag.code).toBe('NOT_FOUND');
    expect(tag.message).toBe(`manifest for ${registry.host}/team/app:nope not found: manifest unknown`);
    const repo = await caught(getManifest(client, 'team/none', 'v1'));
    expect(repo.code).toBe('NOT_FOUND');
    expect(repo.message).toContain(`${registry.host}/team/none`);
    const tags = await caught(listTags(client, 'team/none'));
    expect(tags.code).toBe('NOT_FOUND');
    expect(tags.message).toContain(`repository ${registry.host}/team/none not found`);
    const digest = `sha256:${'0'.repeat(64)}`;
    const blob = await caught(fetchBlob(client, 'team/app', { digest, size: 1 }));
    expect(blob.code).toBe('NOT_FOUND');
    expect(blob.message).toContain(digest);
  });

  it('reads what skopeo pushed as a Docker schema 2 image, with the digest skopeo reports', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-skopeo-'));
    try {
      const layer = await makeRootfsTar({ 'etc/hello': 'hi\n' }, { compression: 'gzip' });
      await writeOciLayout(path.join(dir, 'layout'), layer, 'v1');
      const creds = registry.credentials ? ['--dest-creds', `${registry.credentials.username}:${registry.credentials.password}`] : [];
      await runOk(requirePeer('skopeo'), [
        'copy', '--quiet', '--format', 'v2s2', '--dest-tls-verify=false', ...creds, '--digestfile', path.join(dir, 'digest'),
        `oci:${path.join(dir, 'layout')}:v1`, `docker://${registry.host}/interop/app:v2s2`,
      ]);
      const manifest = await getManifest(client, 'interop/app', 'v2s2');
      expect(manifest.mediaType).toBe(MEDIA_TYPES.dockerManifest);
      expect(manifest.digest).toBe((await readFile(path.join(dir, 'digest'), 'utf8')).trim());
      if (manifest.kind !== 'manifest') throw new Error('not a manifest');
      const layerDescriptor = manifest.document.layers[0]!;
      expect(layerDescriptor.mediaType).toBe(MEDIA_TYPES.dockerLayerGzip);
      const download = await fetchBlob(client, 'interop/app', layerDescriptor);
      expect((await collect(download.body, verifyBlob(layerDescriptor))).equals(layer)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  if (auth !== 'none') {
    it('asks for a login without credentials, and refuses wrong ones without repeating them', async () => {
      const anonymous = new RegistryClient(registry.host);
      const wrongPassword = 'not-the-password-5f1e';
      const wrong = new RegistryClient(registry.host, { credentials: { username: 'berth', password: wrongPassword } });
      try {
        const missing = await caught(getManifest(anonymous, 'team/app', 'v1'));
        expect(missing.code).toBe('UNAUTHORIZED');
        expect(missing.message).toContain(`berth login ${registry.host}`);
        const refused = await caught(getManifest(wrong, 'team/app', 'v1'));
        expect(refused.code).toBe('UNAUTHORIZED');
        expect(refused.message).toContain('refused the credentials');
        const basic = Buffer.from(`berth:${wrongPassword}`).toString('base64');
        for (const error of [missing, refused]) {
          const text = `${error.message} ${JSON.stringify(error.toPayload())} ${String(error.stack)}`;
          expect(text).not.toContain(wrongPassword);
          expect(text).not.toContain(REGISTRY_PASSWORD);
          expect(text).not.toContain(basic);
        }
      } finally {
        await anonymous.close();
        await wrong.close();
      }
    });
  }

  if (auth === 'token') {
    it('pulls public repositories anonymously, sending no credentials to the token service', async () => {
      const anonymous = new RegistryClient(registry.host);
      try {
        const before = registry.tokenServer!.requests.length;
        const manifest = await getManifest(anonymous, 'public/app', 'latest');
        expect(manifest.kind).toBe('manifest');
        const asked = registry.tokenServer!.requests.slice(before);
        expect(asked).toHaveLength(1);
        expect(asked[0]).toMatchObject({ scopes: ['repository:public/app:pull'], authorization: null, account: null });
      } finally {
        await anonymous.close();
      }
    });

    it('keeps one token per scope set: several requests, one token fetch', async () => {
      const fresh = new RegistryClient(registry.host, { credentials: registry.credentials });
      try {
        const before = registry.tokenServer!.requests.length;
        await Promise.all([getManifest(fresh, 'team/app', 'v1'), headManifest(fresh, 'team/app', 'v2'), listTags(fresh, 'team/app')]);
        await fetchBlob(fresh, 'team/app', image.layers[1]!).then((d) => collect(d.body));
        const asked = registry.tokenServer!.requests.slice(before);
        expect(asked).toHaveLength(1);
        expect(asked[0]).toMatchObject({ scopes: ['repository:team/app:pull'], account: 'berth' });
      } finally {
        await fresh.close();
      }
    });

    it("does not fail a request because another caller cancelled the ping or token fetch they shared", async () => {
      for (const pingFirst of [false, true]) {
        const shared = new RegistryClient(registry.host, { credentials: registry.credentials });
        try {
          if (pingFirst) await shared.ping();
          const before = registry.tokenServer!.requests.length;
          const controller = new AbortController();
          const cancelled = getManifest(shared, 'team/app', 'v1', { signal: controller.signal });
          const other = getManifest(shared, 'team/app', 'v1');
          controller.abort();
          expect((await caught(cancelled)).code).toBe('CANCELLED');
          expect((await other).digest).toBe(image.manifestDigest);
          expect(registry.tokenServer!.requests.length - before).toBeGreaterThanOrEqual(1);
        } finally {
          await shared.close();
        }
      }
    });

    it('adds the scope a fresh challenge asks for, first, and retries once', async () => {
      const fresh = new RegistryClient(registry.host, { credentials: registry.credentials });
      try {
        const before = registry.tokenServer!.requests.length;
        // A token for push alone does not let a GET through: the registry's challenge asks for pull.
        const response = await fresh.request('team/app', { method: 'GET', path: '/v2/team/app/tags/list' }, ['push']);
        expect(response.status).toBe(200);
        await response.body.dump();
        const asked = registry.tokenServer!.requests.slice(before).map((r) => r.scopes);
        expect(asked).toEqual([['repository:team/app:push'], ['repository:team/app:pull', 'repository:team/app:push']]);
      } finally {
        await fresh.close();
      }
    });

    it('fetches a new token once when the registry answers insufficient_scope', async () => {
      const fresh = new RegistryClient(registry.host, { credentials: registry.credentials });
      try {
        const before = registry.tokenServer!.requests.length;
        registry.tokenServer!.grantNothing(1);
        const manifest = await getManifest(fresh, 'team/app', 'v2');
        expect(manifest.digest).toBe(image.manifestDigest);
        const asked = registry.tokenServer!.requests.slice(before);
        expect(asked).toHaveLength(2);
        expect(asked[0]!.granted).toEqual([]);
        expect(asked[1]!.scopes).toEqual(['repository:team/app:pull']);
      } finally {
        await fresh.close();
      }
      // A second refusal in a row is the answer: no endless loop.
      const other = new RegistryClient(registry.host, { credentials: registry.credentials });
      try {
        const before = registry.tokenServer!.requests.length;
        registry.tokenServer!.grantNothing(5);
        const refused = await caught(getManifest(other, 'team/app', 'v4'));
        expect(refused.code).toBe('UNAUTHORIZED');
        expect(registry.tokenServer!.requests.length - before).toBe(2);
      } finally {
        registry.tokenServer!.grantNothing(0);
        await other.close();
      }
    });
  }
});
