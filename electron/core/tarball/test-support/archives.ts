// Image archives made by hand for the load tests, in the shapes docker, podman, skopeo and containerd write:
// each layer a tar, the config naming their diff IDs, then the archive's own index files. A test changes one
// thing (a path, a digest, a count) to make the archive hostile.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { makeRootfsTar, type RootfsEntry } from '../../testing/tarball.mjs';

export const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export interface TestImage {
  /** Layer tars (uncompressed), in order. */
  layers: Buffer[];
  config: Buffer;
  configHex: string;
  diffIds: string[];
}

let counter = 0;

/** An image of `layerCount` small, distinct layers (or of the given layer tars). */
export async function testImage(layers?: Buffer[], layerCount = 2): Promise<TestImage> {
  const made = layers ?? await Promise.all(Array.from({ length: layerCount }, (_, i) => makeRootfsTar({ [`layer-${++counter}-${i}/file`]: `content ${counter} ${i}\n` })));
  const diffIds = made.map((l) => `sha256:${sha(l)}`);
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', created: '2024-01-02T03:04:05Z',
    config: { Cmd: ['/bin/sh'] }, rootfs: { type: 'layers', diff_ids: diffIds },
    history: made.map(() => ({ created: '2024-01-02T03:04:05Z', created_by: 'test' })),
  }));
  return { layers: made, config, configHex: sha(config), diffIds };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A docker-archive as Docker before 25 writes it: `<v1id>/layer.tar`, `<config>.json`, manifest.json, repositories. */
export function legacyArchiveEntries(images: ReadonlyArray<{ image: TestImage; tags: string[] }>): RootfsEntry[] {
  const entries: RootfsEntry[] = [];
  const manifest: unknown[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  const written = new Map<string, string>();
  for (const { image, tags } of images) {
    const layerPaths = image.layers.map((layer) => {
      const id = sha(sha(layer) + image.configHex);
      const path = `${id}/layer.tar`;
      const earlier = written.get(sha(layer));
      // docker writes a layer it already wrote as a symlink to the first copy
      if (earlier) entries.push({ path, type: 'symlink', target: `../${earlier}` });
      else {
        entries.push({ path: `${id}/VERSION`, content: '1.0' }, { path: `${id}/json`, content: JSON.stringify({ id }) }, { path, content: layer });
        written.set(sha(layer), path);
      }
      return path;
    });
    entries.push({ path: `${image.configHex}.json`, content: image.config });
    manifest.push({ Config: `${image.configHex}.json`, RepoTags: tags, Layers: layerPaths });
    for (const tag of tags) {
      const [name, t] = tag.split(':') as [string, string];
      (repositories[name] ??= {})[t] = sha(image.layers.at(-1)!);
    }
  }
  entries.push({ path: 'manifest.json', content: json(manifest) }, { path: 'repositories', content: json(repositories) });
  return entries;
}

export interface OciArchiveOptions {
  /** Gzip the layers, as containerd exports and pulled images have them. */
  gzipLayers?: boolean;
  /** Also write manifest.json (Docker 25+). */
  withManifestJson?: boolean;
  /** The name annotation per image (default the tag, as io.containerd.image.name). */
  annotations?: (tag: string | undefined) => Record<string, string>;
}

/** An archive in OCI layout: blobs/sha256, index.json, oci-layout (and manifest.json, as Docker 25+ writes it). */
export function ociArchiveEntries(images: ReadonlyArray<{ image: TestImage; tags: string[] }>, options: OciArchiveOptions = {}): RootfsEntry[] {
  const blobs = new Map<string, Buffer>();
  const add = (bytes: Buffer) => {
    const hex = sha(bytes);
    blobs.set(hex, bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const index: unknown[] = [];
  const manifestJson: unknown[] = [];
  for (const { image, tags } of images) {
    const layers = image.layers.map((layer) => {
      const bytes = options.gzipLayers ? gzipSync(layer) : layer;
      return { mediaType: `application/vnd.oci.image.layer.v1.tar${options.gzipLayers ? '+gzip' : ''}`, ...add(bytes) };
    });
    const config = { mediaType: 'application/vnd.oci.image.config.v1+json', ...add(image.config) };
    const manifest = json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config, layers });
    const descriptor = { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...add(manifest) };
    for (const tag of tags.length > 0 ? tags : [undefined]) {
      const annotations = options.annotations?.(tag) ?? (tag ? { 'io.containerd.image.name': tag } : {});
      index.push({ ...descriptor, annotations });
    }
    manifestJson.push({ Config: `blobs/sha256/${sha(image.config)}`, RepoTags: tags, Layers: layers.map((l) => `blobs/sha256/${l.digest.slice(7)}`) });
  }
  const entries: RootfsEntry[] = [...blobs].map(([hex, content]) => ({ path: `blobs/sha256/${hex}`, content }));
  entries.push({ path: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' });
  entries.push({ path: 'index.json', content: json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: index }) });
  if (options.withManifestJson) entries.push({ path: 'manifest.json', content: json(manifestJson) });
  return entries;
}
