// `pull` against a real docker-registry (open mode), through the fault proxy so the tests see every request:
// by tag and by digest, from a two-platform index, up to date, cancelled mid-download, corrupt bytes; and the
// CLI's docker-style lines for a piped pull.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { taskOutcome } from '../../../shared/tasks.js';
import { runCaptured } from '../../cli/test-support/capture-io.js';
import { defaultImagePlatform } from '../oci/platform.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.js';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { startRegistry, type Registry } from '../testing/registry.js';
import { pushBlob, pushManifest, pushTestImage, type SeededImage } from '../testing/registry-seed.js';

let registry: Registry;
let proxy: FaultProxy;
let dir: string;
let store: string;
let service: BerthService;
let plain: SeededImage;
let shared: SeededImage;
let indexDigest: string;
let hostConfigDigest: string;
let hostLayerDigest: string;
let four: SeededImage;
let tarred: SeededImage;
let otherConfigDigest: string;
let allA: SeededImage;
let allB: SeededImage;
const BIG = randomBytes(3 * 1024 * 1024);

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const blobRequests = () => proxy.requests.filter((r) => r.url.includes('/blobs/'));

/** One image of `architecture` in `repository`, untagged; returns its manifest descriptor and config digest. */
async function pushPlatformImage(repository: string, architecture: string, layer: Buffer) {
  const l = await pushBlob(registry, repository, layer, 'application/vnd.oci.image.layer.v1.tar+gzip');
  const config = await pushBlob(registry, repository, Buffer.from(JSON.stringify({
    architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: [l.digest] }, config: {},
  })), 'application/vnd.oci.image.config.v1+json');
  const mediaType = 'application/vnd.oci.image.manifest.v1+json';
  const bytes = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: [{ mediaType: l.mediaType, digest: l.digest, size: l.size }],
  }));
  const digest = await pushManifest(registry, repository, sha256(bytes), mediaType, bytes);
  return { descriptor: { mediaType, digest, size: bytes.length, platform: { os: 'linux', architecture } }, config: config.digest, layer: l.digest };
}

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy(registry.url);
  plain = await pushTestImage(registry, 'test/plain', ['1'], [randomBytes(20_000), randomBytes(30_000)]);
  // Shares plain's first layer: a pull after plain's finds it already there.
  shared = await pushTestImage(registry, 'test/shared', ['1'], [plain.layers[0]!.bytes, randomBytes(10_000)]);
  await pushTestImage(registry, 'test/big', ['1'], [BIG]);
  tarred = await pushTestImage(registry, 'test/tarred', ['1'], [
    await makeRootfsTar({ 'etc/a': 'a'.repeat(3000), 'etc/b': 'b'.repeat(7000) }, { compression: 'gzip' }),
  ]);
  allA = await pushTestImage(registry, 'test/all', ['a'], [randomBytes(4_000)]);
  allB = await pushTestImage(registry, 'test/all', ['b'], [allA.layers[0]!.bytes, randomBytes(4_000)]);
  four = await pushTestImage(registry, 'test/four', ['1'], [1, 2, 3, 4].map(() => randomBytes(8_000)));
  const host = defaultImagePlatform().architecture;
  const other = host === 'arm64' ? 'amd64' : 'arm64';
  const mine = await pushPlatformImage('test/multi', host, randomBytes(5_000));
  const theirs = await pushPlatformImage('test/multi', other, randomBytes(5_000));
  hostConfigDigest = mine.config;
  hostLayerDigest = mine.layer;
  otherConfigDigest = theirs.config;
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests: [theirs.descriptor, mine.descriptor] }));
  indexDigest = await pushManifest(registry, 'test/multi', 'latest', mediaType, index);
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
});

beforeEach(async () => {
  await service?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = await mkdtemp(path.join(tmpdir(), 'berth-pull-'));
  store = path.join(dir, 'store');
  service = await createService({ storePath: store, settingsFile: path.join(dir, 'settings.json') });
  proxy.plan = null;
  proxy.requests.length = 0;
});

async function pull(reference: string, platform?: string) {
  const handle = await service.pull(reference, platform ? { platform } : {});
  return taskOutcome(await service.waitTask(handle.taskId));
}

async function expectCleanAfterGc(): Promise<void> {
  expect(await readdir(path.join(store, 'ingest')).then((n) => n.filter((f) => f.endsWith('.part')))).toEqual([]);
  await service.prune();
  const report = await service.fsck();
  expect(report.problems.filter((p) => p.kind !== 'orphan')).toEqual([]);
}

describe('pull', () => {
  it('by tag: the image ID is the config digest, RepoDigests the manifest digest, listed, fsck clean', async () => {
    const result = await pull(`${proxy.host}/test/plain:1`);
    expect(result).toEqual({ id: plain.config.digest, reference: `${proxy.host}/test/plain:1`, digest: plain.manifestDigest, status: 'downloaded' });
    const inspect = await service.inspectImage(`${proxy.host}/test/plain:1`);
    expect(inspect.Id).toBe(plain.config.digest);
    expect(inspect.RepoDigests).toEqual([`${proxy.host}/test/plain@${plain.manifestDigest}`]);
    const listed = await service.listImages();
    expect(listed.map((i) => [i.repository, i.tag, i.id])).toEqual([[`${proxy.host}/test/plain`, '1', plain.config.digest]]);
    expect(await service.fsck()).toMatchObject({ ok: true, problems: [] });
  });

  it('by digest: kept untagged with its RepoDigest', async () => {
    const result = await pull(`${proxy.host}/test/plain@${plain.manifestDigest}`);
    expect(result).toMatchObject({ id: plain.config.digest, digest: plain.manifestDigest, status: 'downloaded' });
    const inspect = await service.inspectImage(plain.config.digest);
    expect(inspect.RepoTags).toEqual([]);
    expect(inspect.RepoDigests).toEqual([`${proxy.host}/test/plain@${plain.manifestDigest}`]);
    expect(await service.fsck()).toMatchObject({ ok: true });
  });

  it('by digest under another name, of an image already there: adds that RepoDigest, then is up to date', async () => {
    await pull(`${proxy.host}/test/plain:1`);
    const byDigest = `${registry.host}/test/plain@${plain.manifestDigest}`;
    expect(await pull(byDigest)).toMatchObject({ status: 'downloaded', id: plain.config.digest });
    expect((await service.inspectImage(plain.config.digest)).RepoDigests).toEqual([
      byDigest, `${proxy.host}/test/plain@${plain.manifestDigest}`,
    ].sort());
    expect(await pull(byDigest)).toMatchObject({ status: 'up-to-date' });
    expect(await service.listImages({ all: true })).toHaveLength(1);
  });

  it('from an index: chooses the host platform, keeps the index, and the tag names the index', async () => {
    const result = await pull(`${proxy.host}/test/multi`);
    expect(result).toEqual({ id: hostConfigDigest, reference: `${proxy.host}/test/multi:latest`, digest: indexDigest, status: 'downloaded' });
    const index = JSON.parse(await readFile(path.join(store, 'index.json'), 'utf8'));
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0]).toMatchObject({ digest: indexDigest, mediaType: 'application/vnd.oci.image.index.v1+json' });
    expect(index.manifests[0].annotations[ANNOTATIONS.repoDigests]).toBe(`${proxy.host}/test/multi@${indexDigest}`);
    expect((await service.inspectImage(`${proxy.host}/test/multi`)).Id).toBe(hostConfigDigest);
    // Only the chosen platform's blobs were fetched.
    expect(blobRequests().some((r) => r.url.endsWith(otherConfigDigest))).toBe(false);
    expect(await service.fsck()).toMatchObject({ ok: true, problems: [] });
  });

  it('measures the unpacked size of pulled layers as they land (recorded with the commit)', async () => {
    await pull(`${proxy.host}/test/tarred:1`);
    await service.close();
    service = await createService({ storePath: store, settingsFile: path.join(dir, 'settings.json') });
    const [image] = await service.listImages();
    expect(image).toMatchObject({ id: tarred.config.digest, size: 10_000 });
  });

  it('refuses a platform the index lacks, naming the ones it has', async () => {
    await expect(pull(`${proxy.host}/test/multi`, 'linux/s390x')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no matching manifest for linux\/s390x .*available: linux\/(amd64|arm64), linux\/(amd64|arm64)\)/),
    });
  });

  it('a second pull is up to date and fetches no blob (nor a manifest GET)', async () => {
    await pull(`${proxy.host}/test/multi`);
    proxy.requests.length = 0;
    expect(await pull(`${proxy.host}/test/multi`)).toMatchObject({ status: 'up-to-date', digest: indexDigest });
    expect(blobRequests()).toEqual([]);
    expect(proxy.requests.filter((r) => r.method === 'GET' && r.url.includes('/manifests/'))).toEqual([]);
  });

  it('a tag moving to another image leaves the old one dangling, as docker does', async () => {
    await pull(`${proxy.host}/test/plain:1`);
    await service.tag(`${proxy.host}/test/plain:1`, `${proxy.host}/test/shared:1`);
    expect(await pull(`${proxy.host}/test/shared:1`)).toMatchObject({ id: shared.config.digest, status: 'downloaded' });
    const all = await service.listImages({ all: true });
    expect(all.map((i) => `${i.repository}:${i.tag}`).sort()).toEqual([`${proxy.host}/test/plain:1`, `${proxy.host}/test/shared:1`]);
  });

  it('cancelled mid-download: nothing tagged, nothing left after gc', async () => {
    proxy.plan = (req) => (req.url.endsWith(sha256(BIG)) ? { kind: 'cut', afterBytes: 100_000, stall: true } : undefined);
    const handle = await service.pull(`${proxy.host}/test/big:1`);
    const started = new Promise<void>((resolve) => {
      const stop = service.onEvent((e) => {
        if (e.type === 'task.update' && e.task.id === handle.taskId && e.task.progress.current > 0) {
          stop();
          resolve();
        }
      });
    });
    await started;
    await service.cancelTask(handle.taskId);
    const ended = await service.waitTask(handle.taskId);
    expect(ended.state).toBe('cancelled');
    expect(await service.listImages({ all: true })).toEqual([]);
    await expectCleanAfterGc();
    expect(await readdir(path.join(store, 'blobs', 'sha256'))).toEqual([]);
  });

  it('a connection dropped mid-layer is resumed with Range from the byte it broke at', async () => {
    let cut = false;
    proxy.plan = (req) => {
      if (!req.url.endsWith(sha256(BIG)) || cut) return undefined;
      cut = true;
      return { kind: 'cut', afterBytes: 1_000_000 };
    };
    expect(await pull(`${proxy.host}/test/big:1`)).toMatchObject({ status: 'downloaded' });
    const gets = blobRequests().filter((r) => r.url.endsWith(sha256(BIG)));
    expect(gets).toHaveLength(2);
    expect(gets[1]!.headers.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(String(gets[1]!.headers.range))![0])).toBeGreaterThan(0);
    expect(await service.fsck()).toMatchObject({ ok: true });
  });

  async function concurrentLayerFetches(): Promise<number> {
    const layers = new Set(four.layers.map((l) => l.digest));
    const isLayer = (url: string) => [...layers].some((d) => url.endsWith(d));
    proxy.plan = (req) => (isLayer(req.url) ? { kind: 'stall' } : undefined);
    const handle = await service.pull(`${proxy.host}/test/four:1`);
    // Stalled downloads never end: once the first arrive, give the pool time to (wrongly) start more.
    for (let i = 0; i < 100 && !blobRequests().some((r) => isLayer(r.url)); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    const seen = blobRequests().filter((r) => isLayer(r.url)).length;
    await service.cancelTask(handle.taskId);
    expect((await service.waitTask(handle.taskId)).state).toBe('cancelled');
    return seen;
  }

  it('downloads 3 layers at once by default', async () => {
    expect(await concurrentLayerFetches()).toBe(3);
  });

  it('downloads as many at once as settings.json parallelDownloads says', async () => {
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ parallelDownloads: 1 }));
    expect(await concurrentLayerFetches()).toBe(1);
  });

  it('a layer whose bytes do not match: DIGEST_MISMATCH, nothing stored', async () => {
    proxy.plan = (req) => (req.url.endsWith(plain.layers[1]!.digest) ? { kind: 'corrupt' } : undefined);
    await expect(pull(`${proxy.host}/test/plain:1`)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect(await service.listImages({ all: true })).toEqual([]);
    await expectCleanAfterGc();
    const blobs = await readdir(path.join(store, 'blobs', 'sha256'));
    expect(blobs).not.toContain(plain.layers[1]!.digest.slice(7));
  });
});

describe('berth pull (CLI, not a terminal)', () => {
  const cli = (args: string[]) => runCaptured(['--store', store, ...args], { env: { BERTH_CONFIG: path.join(dir, 'settings.json') } });
  const short = (d: string) => d.slice(7, 19);

  it('prints docker\'s lines: Already exists, Pulling fs layer, Verifying Checksum, Download complete, Digest, Status, the reference', async () => {
    expect((await cli(['pull', '-q', `${proxy.host}/test/plain:1`])).stdout).toBe(`${proxy.host}/test/plain:1\n`);
    const run = await cli(['pull', `${proxy.host}/test/shared:1`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe([
      `1: Pulling from test/shared`,
      `${short(shared.layers[0]!.digest)}: Already exists`,
      `${short(shared.layers[1]!.digest)}: Pulling fs layer`,
      `${short(shared.layers[1]!.digest)}: Verifying Checksum`,
      `${short(shared.layers[1]!.digest)}: Download complete`,
      `Digest: ${shared.manifestDigest}`,
      `Status: Downloaded newer image for ${proxy.host}/test/shared:1`,
      `${proxy.host}/test/shared:1`,
      '',
    ].join('\n'));
    const again = await cli(['pull', `${proxy.host}/test/shared:1`]);
    expect(again.stdout).toBe([
      `1: Pulling from test/shared`,
      `Digest: ${shared.manifestDigest}`,
      `Status: Image is up to date for ${proxy.host}/test/shared:1`,
      `${proxy.host}/test/shared:1`,
      '',
    ].join('\n'));
  });

  it('without a tag: docker\'s "Using default tag" line; from an index, the index digest', async () => {
    const run = await cli(['pull', `${proxy.host}/test/multi`]);
    expect(run.stdout).toBe([
      'Using default tag: latest',
      'latest: Pulling from test/multi',
      `${short(hostLayerDigest)}: Pulling fs layer`,
      `${short(hostLayerDigest)}: Verifying Checksum`,
      `${short(hostLayerDigest)}: Download complete`,
      `Digest: ${indexDigest}`,
      `Status: Downloaded newer image for ${proxy.host}/test/multi:latest`,
      `${proxy.host}/test/multi:latest`,
      '',
    ].join('\n'));
  });

  it('by digest: the digest heads the lines and ends them', async () => {
    const ref = `${proxy.host}/test/shared@${shared.manifestDigest}`;
    const run = await cli(['pull', ref]);
    expect(run.stdout.split('\n')[0]).toBe(`${shared.manifestDigest}: Pulling from test/shared`);
    expect(run.stdout.endsWith(`Status: Downloaded newer image for ${ref}\n${ref}\n`)).toBe(true);
  });

  it('-a pulls every tag of the repository: each tag\'s lines and Digest, one Status for the repository', async () => {
    // In the registry's order, as dockerd pulls them; the second finds the layer the first brought.
    const order = await service.remoteTags(`${proxy.host}/test/all`);
    expect([...order].sort()).toEqual(['a', 'b']);
    const run = await cli(['pull', '-a', `${proxy.host}/test/all`]);
    expect(run.stderr).toBe('');
    const [first, second] = order.map((t) => (t === 'a' ? allA : allB)) as [SeededImage, SeededImage];
    const lines = run.stdout.split('\n');
    const split = lines.indexOf(`${order[1]}: Pulling from test/all`);
    const block = (from: number, to: number) => lines.slice(from, to).sort();
    const fetched = (l: { digest: string }) => ['Pulling fs layer', 'Verifying Checksum', 'Download complete'].map((w) => `${short(l.digest)}: ${w}`);
    // Layer lines of one pull interleave as the downloads go; each tag's block holds exactly its own.
    expect(lines[0]).toBe(`${order[0]}: Pulling from test/all`);
    expect(lines[split - 1]).toBe(`Digest: ${first.manifestDigest}`);
    expect(block(1, split - 1)).toEqual(first.layers.flatMap(fetched).sort());
    const had = new Set(first.layers.map((l) => l.digest));
    expect(block(split + 1, lines.length - 4)).toEqual(second.layers.flatMap((l) => (had.has(l.digest) ? [`${short(l.digest)}: Already exists`] : fetched(l))).sort());
    expect(lines.slice(-4)).toEqual([
      `Digest: ${second.manifestDigest}`, `Status: Downloaded newer image for ${proxy.host}/test/all`, `${proxy.host}/test/all`, '',
    ]);
    const again = await cli(['pull', '--all-tags', '-q', `${proxy.host}/test/all`]);
    expect(again.stdout).toBe(`${proxy.host}/test/all\n`);
    const listed = await service.listImages();
    expect(listed.map((i) => i.tag).sort()).toEqual(['a', 'b']);
    const up = await cli(['pull', '-a', `${proxy.host}/test/all`]);
    expect(up.stdout.split('\n').slice(-3)).toEqual([`Status: Image is up to date for ${proxy.host}/test/all`, `${proxy.host}/test/all`, '']);
  });

  it('-a with a tag is refused as docker refuses it', async () => {
    const run = await cli(['pull', '-a', `${proxy.host}/test/all:a`]);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: "tag can't be used with --all-tags/-a\n" });
  });

  it('an unknown tag is an Error: line with status 1', async () => {
    const run = await cli(['pull', `${proxy.host}/test/plain:nope`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Error: .*nope.*\n$/);
  });
});
