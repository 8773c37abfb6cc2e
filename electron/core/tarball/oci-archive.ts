// The images of an archive in OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`): OCI archives from
// skopeo, podman and buildx, containerd exports (a nested index, compressed layers) and the OCI half of a Docker
// 25+ save. Names come from `io.containerd.image.name`, else an `org.opencontainers.image.ref.name` that is a whole
// reference (a bare tag such as `latest` names no repository: the image loads untagged, as docker's containerd
// loader leaves it). An index is kept with the platform manifests the archive has (a sparse index, as the store
// allows), each of them checked.
import type { Descriptor } from '../oci/descriptor.js';
import { isAttestationManifest, isDescriptor } from '../oci/descriptor.js';
import { digestHex, isSha256Digest } from '../oci/digest.js';
import { isIndexMediaType, isManifestMediaType } from '../oci/media-types.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import { chooseManifest, defaultImagePlatform } from '../oci/platform.js';
import { lookUpFile } from './spool.js';
import {
  archiveFile, archiveJson, carriedRepoDigests, checkedLayers, countManifestCheck, diffIdsOf, invalidArchive, loadedTag, type ArchiveReader, type PlannedImage,
} from './planned-image.js';

const MAX_ENTRIES = 10_000;

interface ArchiveManifest {
  descriptor: Descriptor;
  /** From the index.json entry that led to it. */
  repoDigests?: string[];
  config: Descriptor;
  layers: Descriptor[];
}

function blobName(descriptor: Descriptor): string {
  return `blobs/sha256/${digestHex(descriptor.digest)}`;
}

function descriptorsOf(document: unknown, what: string): Descriptor[] {
  const list = (document as { manifests?: unknown } | null)?.manifests;
  if (!Array.isArray(list)) throw invalidArchive(`${what} has no manifests list`);
  if (list.length > MAX_ENTRIES) throw invalidArchive(`${what} lists ${list.length} manifests, more than the ${MAX_ENTRIES} allowed`);
  return list.map((d, i) => {
    if (!isDescriptor(d) || !isSha256Digest(d.digest)) throw invalidArchive(`${what} entry ${i + 1} is not a valid descriptor`);
    return d;
  });
}

/** A blob the descriptor names, present with the size it claims. */
function describedFile(reader: ArchiveReader, descriptor: Descriptor, what: string) {
  const file = archiveFile(reader, blobName(descriptor), what);
  if (file.size !== descriptor.size) throw invalidArchive(`${what} ${descriptor.digest} is ${file.size} bytes, its descriptor says ${descriptor.size}`);
  return file;
}

async function readManifest(reader: ArchiveReader, descriptor: Descriptor): Promise<ArchiveManifest> {
  countManifestCheck(reader, 0);
  const file = describedFile(reader, descriptor, 'manifest');
  const document = await archiveJson(reader, file, blobName(descriptor)) as { config?: unknown; layers?: unknown };
  if (!isDescriptor(document?.config) || !isSha256Digest(document.config.digest) || !Array.isArray(document.layers)
    || !document.layers.every((l) => isDescriptor(l) && isSha256Digest(l.digest))) {
    throw invalidArchive(`manifest ${descriptor.digest} is not a valid image manifest`);
  }
  return { descriptor, config: document.config, layers: document.layers as Descriptor[] };
}

/** The image manifests an OCI layout in the archive lists (one level of nesting), by config digest. */
export async function archiveIndexManifests(reader: ArchiveReader): Promise<Map<string, ArchiveManifest>> {
  const found = new Map<string, ArchiveManifest>();
  const index = lookUpFile(reader.archive, 'index.json');
  if (!index) return found;
  for (const top of descriptorsOf(await archiveJson(reader, index, 'index.json'), 'index.json')) {
    const children = isIndexMediaType(top.mediaType)
      ? descriptorsOf(await archiveJson(reader, describedFile(reader, top, 'index'), blobName(top)), `index ${top.digest}`)
      : [top];
    for (const child of children) {
      if (!isManifestMediaType(child.mediaType) || !lookUpFile(reader.archive, blobName(child))) continue;
      const manifest = await readManifest(reader, child);
      const earlier = found.get(manifest.config.digest)?.repoDigests ?? [];
      found.set(manifest.config.digest, { ...manifest, repoDigests: [...new Set([...earlier, ...carriedRepoDigests(top.annotations)])] });
    }
  }
  return found;
}

/** The manifest's config and layers checked (layers against the config's diff IDs). */
async function checkManifest(reader: ArchiveReader, manifest: ArchiveManifest, sizes: Map<string, number>): Promise<Descriptor[]> {
  const configName = blobName(manifest.config);
  const config = describedFile(reader, manifest.config, 'config');
  const diffIds = diffIdsOf(await archiveJson(reader, config, configName), configName);
  for (const layer of manifest.layers) describedFile(reader, layer, 'layer');
  await checkedLayers(reader, configName, diffIds, manifest.layers.map(blobName), sizes);
  return [manifest.config, ...manifest.layers, manifest.descriptor];
}

function nameOf(descriptor: Descriptor, where: string): string | null {
  const annotations = descriptor.annotations ?? {};
  const name = annotations[ANNOTATIONS.containerdName] ?? annotations[ANNOTATIONS.refName];
  if (!name || !/[:/@]/.test(name)) return null;
  return loadedTag(name, where);
}

export async function planOciArchive(reader: ArchiveReader): Promise<PlannedImage[]> {
  const index = archiveFile(reader, 'index.json', 'index');
  const tops = descriptorsOf(await archiveJson(reader, index, 'index.json'), 'index.json');
  if (tops.length === 0) throw invalidArchive('index.json lists no image');
  const images: PlannedImage[] = [];
  for (const [i, top] of tops.entries()) {
    const where = `index.json entry ${i + 1}`;
    const tag = nameOf(top, where);
    const layerSizes = new Map<string, number>();
    if (isManifestMediaType(top.mediaType)) {
      const manifest = await readManifest(reader, top);
      const blobs = await checkManifest(reader, manifest, layerSizes);
      images.push({ id: manifest.config.digest, target: top, documents: [], blobs, layerSizes, tags: tag ? [tag] : [], repoDigests: carriedRepoDigests(top.annotations) });
      continue;
    }
    if (!isIndexMediaType(top.mediaType)) throw invalidArchive(`${where} has the media type ${JSON.stringify(top.mediaType)}, not an image`);
    const indexFile = describedFile(reader, top, 'index');
    const children = descriptorsOf(await archiveJson(reader, indexFile, blobName(top)), `index ${top.digest}`)
      .filter((c) => isManifestMediaType(c.mediaType) && !isAttestationManifest(c) && lookUpFile(reader.archive, blobName(c)));
    if (children.length === 0) throw invalidArchive(`index ${top.digest} has none of its image manifests in the archive`);
    const blobs: Descriptor[] = [top];
    const manifests: ArchiveManifest[] = [];
    for (const child of children) {
      const manifest = await readManifest(reader, child);
      manifests.push(manifest);
      blobs.push(...await checkManifest(reader, manifest, layerSizes));
    }
    const chosen = chooseManifest(manifests.map((m) => m.descriptor), defaultImagePlatform()) ?? manifests[0]!.descriptor;
    const id = manifests.find((m) => m.descriptor === chosen)!.config.digest;
    images.push({ id, target: top, documents: [], blobs, layerSizes, tags: tag ? [tag] : [], repoDigests: carriedRepoDigests(top.annotations) });
  }
  return images;
}
