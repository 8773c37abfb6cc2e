// Interop of pull with the tools people push with (issue 9 §6), against one real docker-registry:
// - what `docker push` (dockerd 20.10, vfs) put there, Berth pulls with the image ID and RepoDigest docker shows;
// - what `skopeo copy` put there (converted to OCI), Berth pulls with the ID `docker pull` of it shows, and
//   `berth pull` prints docker's lines for it;
// - a multi-platform index (built by hand, with a BuildKit-style attestation manifest, then copied whole by
//   `skopeo copy --all`): `--platform` picks the right image, the attestation is never fetched nor offered.
// dockerd runs are heavy: one daemon, one import, one push, one pull.
import type { PullResult } from '../../../shared/api.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskOutcome } from '../../../shared/tasks.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { canStartDockerd, startDockerd, type Dockerd } from '../testing/dockerd.js';
import { findPeer } from '../testing/peers.mjs';
import { startRegistry, type Registry } from '../testing/registry.js';
import { pushBlob, pushManifest } from '../testing/registry-seed.js';
import { runOk } from '../testing/run-process.js';
import { runCaptured } from '../../cli/test-support/capture-io.js';
import { makeRootfsTar } from '../testing/tarball.mjs';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null && findPeer('skopeo') !== null;
if (!available) console.warn('pull-interop.docker.test.ts skipped: dockerd, docker or skopeo missing, or not running as root');

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe.skipIf(!available)('pull interop with docker and skopeo', () => {
  let registry: Registry;
  let dockerd: Dockerd;
  let dir: string;
  let service: BerthService;
  let dockerId: string;
  let dockerRepoDigest: string;
  const skopeo = (args: string[]) => runOk(findPeer('skopeo')!, ['--insecure-policy', ...args], { timeoutMs: 60_000 });
  const docker = async (args: string[]) => {
    const result = await dockerd.docker(args, { timeoutMs: 120_000 });
    if (result.code !== 0) throw new Error(`docker ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  };
  const pull = async (reference: string, platform?: string) =>
    taskOutcome(await service.waitTask((await service.pull(reference, platform ? { platform } : {})).taskId));

  beforeAll(async () => {
    [registry, dockerd] = await Promise.all([startRegistry(), startDockerd()]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-pull-interop-'));
    service = await createService({ storePath: path.join(dir, 'store'), settingsFile: path.join(dir, 'settings.json') });
    const rootfs = path.join(dir, 'rootfs.tar');
    await writeFile(rootfs, await makeRootfsTar({ 'etc/hostname': 'interop\n', 'data/blob': randomBytes(200_000) }));
    // dockerd treats 127.0.0.0/8 as an insecure registry by default: plain HTTP works without settings.
    const name = `${registry.host}/interop/docker:1`;
    dockerId = await docker(['import', rootfs, name]);
    await docker(['push', name]);
    dockerRepoDigest = await docker(['inspect', '-f', '{{index .RepoDigests 0}}', name]);
  }, 240_000);
  afterAll(async () => {
    await service?.close();
    await dockerd?.stop();
    await registry?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('what docker push put in the registry: the image ID and RepoDigest docker shows', async () => {
    const result = await pull(`${registry.host}/interop/docker:1`);
    expect(result).toMatchObject({ id: dockerId, status: 'downloaded' });
    const inspect = await service.inspectImage(`${registry.host}/interop/docker:1`);
    expect(inspect.Id).toBe(dockerId);
    expect(inspect.RepoDigests).toEqual([dockerRepoDigest]);
    expect(await service.fsck()).toMatchObject({ ok: true, problems: [] });
  });

  it('what skopeo copy put in the registry (converted to OCI): the image ID docker pull shows', async () => {
    const name = `${registry.host}/interop/skopeo:1`;
    await skopeo(['copy', '-q', '--format', 'oci', '--src-tls-verify=false', '--dest-tls-verify=false',
      `docker://${registry.host}/interop/docker:1`, `docker://${name}`]);
    const manifest = JSON.parse(await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${name}`]));
    expect(manifest.mediaType).toBe(OCI_MANIFEST);
    // dockerd made the layer itself: without its image there, its pull downloads the layer as Berth's does.
    await docker(['rmi', `${registry.host}/interop/docker:1`]);
    const dockerLines = (await docker(['pull', name])).split('\n');
    const shown = await docker(['inspect', '-f', '{{.Id}}', name]);
    const result = await pull(name);
    expect((result as PullResult | null)?.id).toBe(shown);
    expect((await service.inspectImage(name)).Id).toBe(shown);
    // The same words, line for line, as dockerd 20.10 piped, with two differences kept: Berth keeps layers as
    // pulled (no unpacking), so docker's "Pull complete" (and its progress-only "Extracting") have no counterpart;
    // dockerd's transfer watchers keep only the latest status, so its "Verifying Checksum" shows for big layers
    // only, while Berth always prints it.
    const berth = await runCaptured(['--store', path.join(dir, 'cli-store'), 'pull', name], { env: { BERTH_CONFIG: path.join(dir, 'settings.json') } });
    const comparable = (lines: string[]) => lines.filter((line) => !/: (Pull complete|Extracting|Verifying Checksum)$/.test(line));
    expect(berth.stdout).toMatch(/: Verifying Checksum\n/);
    expect(comparable(berth.stdout.trimEnd().split('\n'))).toEqual(comparable(dockerLines));
  });

  describe('a multi-platform index with an attestation manifest, copied by skopeo --all', () => {
    const images: Record<string, { manifest: string; config: string }> = {};
    let attestation: string;

    beforeAll(async () => {
      const repository = 'interop/multi';
      const entries: object[] = [];
      for (const [architecture, variant] of [['amd64', undefined], ['arm64', 'v8'], ['arm', 'v7']] as const) {
        const layer = await pushBlob(registry, repository, randomBytes(3_000), 'application/vnd.oci.image.layer.v1.tar+gzip');
        const config = await pushBlob(registry, repository, Buffer.from(JSON.stringify({
          architecture, os: 'linux', ...(variant ? { variant } : {}), rootfs: { type: 'layers', diff_ids: [layer.digest] }, config: {},
        })), 'application/vnd.oci.image.config.v1+json');
        const bytes = Buffer.from(JSON.stringify({
          schemaVersion: 2, mediaType: OCI_MANIFEST,
          config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
          layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }],
        }));
        const digest = await pushManifest(registry, repository, sha256(bytes), OCI_MANIFEST, bytes);
        images[`${architecture}${variant ? `/${variant}` : ''}`] = { manifest: digest, config: config.digest };
        entries.push({ mediaType: OCI_MANIFEST, digest, size: bytes.length, platform: { os: 'linux', architecture, ...(variant ? { variant } : {}) } });
      }
      // BuildKit's provenance: an image-shaped manifest for platform unknown/unknown, pointing at the amd64 image.
      const statement = await pushBlob(registry, repository, Buffer.from('{"_type":"https://in-toto.io/Statement/v0.1"}'), 'application/vnd.in-toto+json');
      const emptyConfig = await pushBlob(registry, repository, Buffer.from('{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}'), 'application/vnd.oci.image.config.v1+json');
      const attestationBytes = Buffer.from(JSON.stringify({
        schemaVersion: 2, mediaType: OCI_MANIFEST,
        config: { mediaType: emptyConfig.mediaType, digest: emptyConfig.digest, size: emptyConfig.size },
        layers: [{ mediaType: statement.mediaType, digest: statement.digest, size: statement.size, annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } }],
      }));
      attestation = await pushManifest(registry, repository, sha256(attestationBytes), OCI_MANIFEST, attestationBytes);
      entries.push({
        mediaType: OCI_MANIFEST, digest: attestation, size: attestationBytes.length, platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': images.amd64!.manifest },
      });
      await pushManifest(registry, repository, '1', OCI_INDEX, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: entries })));
      await skopeo(['copy', '-q', '--all', '--src-tls-verify=false', '--dest-tls-verify=false',
        `docker://${registry.host}/${repository}:1`, `docker://${registry.host}/interop/multi-copy:1`]);
    }, 60_000);

    it.each([['linux/arm64', 'arm64/v8'], ['linux/arm64/v8', 'arm64/v8'], ['linux/amd64', 'amd64'], ['linux/arm/v7', 'arm/v7'], ['linux/armhf', 'arm/v7']])(
      '--platform %s picks the %s image from the skopeo copy',
      async (platform, expected) => {
        const result = await pull(`${registry.host}/interop/multi-copy:1`, platform);
        expect((result as PullResult | null)?.id).toBe(images[expected]!.config);
        expect(await stat(path.join(dir, 'store', 'blobs', 'sha256', attestation.slice(7))).catch(() => null)).toBeNull();
      },
    );

    it('a platform the index lacks names those it has, never the attestation', async () => {
      const error = await pull(`${registry.host}/interop/multi-copy:1`, 'linux/s390x').catch((e: unknown) => e as { code: string; message: string });
      expect(error).toMatchObject({ code: 'NOT_FOUND' });
      expect((error as { message: string }).message).toContain('linux/amd64');
      expect((error as { message: string }).message).not.toContain('unknown');
    });
  });
});
