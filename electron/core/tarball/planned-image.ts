// What a load will tag, once the archive's files are in the store: for each image its config and layers, checked
// against each other, and the manifest (or index) its tags will point at. Shared by the docker-archive and the
// OCI-archive readers, which differ only in where they find these.
import { BerthError } from '../../../shared/errors.js';
import type { Descriptor } from '../oci/descriptor.js';
import type { ImageConfig } from '../oci/config.js';
import { isSha256Digest, sha256Digest } from '../oci/digest.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { tagReference } from '../ref/reference.js';
import type { ImageStore } from '../store/types.js';
import { layerFacts, type LayerFacts } from './layer-facts.js';
import { lookUpFile, type SpooledArchive, type SpooledFile } from './spool.js';

export interface PlannedImage {
  /** Image ID: the config digest (of an index's first image, for an index). */
  id: string;
  /** What the tags point at. */
  target: Descriptor;
  /** Documents to write that are not in the archive (a manifest Berth makes for a docker-archive image). */
  documents: Array<{ bytes: Buffer; descriptor: Descriptor }>;
  /** Every blob of the archive the image uses (kept by the commit). */
  blobs: Descriptor[];
  /** Layer digest → unpacked size. */
  layerSizes: Map<string, number>;
  /** Full normalised references. */
  tags: string[];
  /** Repo digests a Berth save carried (`dev.berth.repo-digests`), so a pulled image keeps them through the trip. */
  repoDigests: string[];
}

/** The repo digests Berth's save recorded on an index entry; only well-formed `name@sha256:…` values. */
export function carriedRepoDigests(annotations: Record<string, string> | undefined): string[] {
  const value = annotations?.['dev.berth.repo-digests'];
  if (!value) return [];
  return value.split(',').filter((d) => /^[a-z0-9][^@\s]*@sha256:[a-f0-9]{64}$/.test(d)).slice(0, 100);
}

export interface ArchiveReader {
  store: ImageStore;
  archive: SpooledArchive;
  signal?: AbortSignal;
}

export function invalidArchive(detail: string): BerthError {
  return new BerthError('INVALID_ARCHIVE', `invalid image archive: ${detail}`);
}

/** A RepoTag or image name as docker load reads it (normalised), refused by name when it is not one. */
export function loadedTag(tag: string, where: string): string {
  try {
    return tagReference(tag);
  } catch (err) {
    throw invalidArchive(`${where} has an invalid tag ${JSON.stringify(tag)} (${(err as Error).message})`);
  }
}

const MAX_DOCUMENT = 16 * 1024 * 1024;

/**
 * The file at `name`. A file under `blobs/sha256/` is named by its digest: bytes that hash otherwise are damage
 * (or a lie), whatever refers to them.
 */
export function archiveFile(reader: ArchiveReader, name: string, what: string): SpooledFile {
  const file = lookUpFile(reader.archive, name);
  if (!file) throw invalidArchive(`${what} ${JSON.stringify(name)} is not in the archive`);
  const named = /(?:^|\/)blobs\/sha256\/([0-9a-f]{64})$/.exec(name) ?? /(?:^|\/)([0-9a-f]{64})\.json$/.exec(name);
  if (named && `sha256:${named[1]}` !== file.digest) {
    throw invalidArchive(`${what} ${JSON.stringify(name)} does not match its digest (its bytes hash to ${file.digest})`);
  }
  return file;
}

/** A JSON document of the archive, read back from the store (bounded: a document is never a layer's size). */
async function readArchiveJson(reader: ArchiveReader, file: SpooledFile, name: string): Promise<unknown> {
  if (file.size > MAX_DOCUMENT) throw invalidArchive(`${JSON.stringify(name)} is ${file.size} bytes, too large for a JSON document`);
  const bytes = await reader.store.readBlobBytes(file.digest, MAX_DOCUMENT);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw invalidArchive(`${JSON.stringify(name)} is not valid JSON (${(err as Error).message})`);
  }
}

/**
 * What one archive's load has read and checked so far. Indexes, manifests and configs may name the same document
 * thousands of times (index.json 10 000 entries, each a nested index of 10 000): each is parsed once, and the
 * checks are counted so that such a multiplication is refused instead of running for hours and filling memory.
 */
interface ArchiveWork {
  documents: Map<string, Promise<unknown>>;
  manifestChecks: number;
  layerChecks: number;
}

const work = new WeakMap<SpooledArchive, ArchiveWork>();

function workOf(reader: ArchiveReader): ArchiveWork {
  let known = work.get(reader.archive);
  if (!known) work.set(reader.archive, (known = { documents: new Map(), manifestChecks: 0, layerChecks: 0 }));
  return known;
}

/** Far above any real archive (a docker save of every image of a big host), far below hours of work. */
const MAX_MANIFEST_CHECKS = 50_000;
const MAX_LAYER_CHECKS = 1_000_000;

/** Counts one image manifest (and its layers) checked; refuses an archive whose indexes multiply past the bounds. */
export function countManifestCheck(reader: ArchiveReader, layers: number): void {
  const known = workOf(reader);
  known.manifestChecks += 1;
  known.layerChecks += layers;
  if (known.manifestChecks > MAX_MANIFEST_CHECKS) throw invalidArchive(`its indexes name more than ${MAX_MANIFEST_CHECKS} manifests in all`);
  if (known.layerChecks > MAX_LAYER_CHECKS) throw invalidArchive(`its manifests name more than ${MAX_LAYER_CHECKS} layers in all`);
}

/** archiveJson's answer for a document (by digest), parsed once per archive. Callers only read it. */
export function archiveJson(reader: ArchiveReader, file: SpooledFile, name: string): Promise<unknown> {
  const { documents } = workOf(reader);
  let document = documents.get(file.digest);
  if (!document) {
    document = readArchiveJson(reader, file, name);
    documents.set(file.digest, document);
  }
  return document;
}

/** The config's diff IDs, checked for shape. */
export function diffIdsOf(config: unknown, name: string): string[] {
  const rootfs = (config as Partial<ImageConfig> | null)?.rootfs;
  const ids = rootfs?.diff_ids;
  if (!Array.isArray(ids) || !ids.every(isSha256Digest)) {
    throw invalidArchive(`config ${JSON.stringify(name)} has no valid rootfs.diff_ids`);
  }
  return ids;
}

/** Each archive's layers checked so far, by digest. */
const checkedFacts = new WeakMap<SpooledArchive, Map<string, Promise<LayerFacts>>>();

/**
 * A layer's facts, measured once per archive: manifests may name one layer any number of times (10 000 images of
 * 1 000 layers each), and a compressed layer is decompressed to be measured — a small gzip bomb named that often
 * would otherwise cost its unpacked size each time.
 */
function cachedLayerFacts(reader: ArchiveReader, name: string, file: SpooledFile): Promise<LayerFacts> {
  let known = checkedFacts.get(reader.archive);
  if (!known) checkedFacts.set(reader.archive, (known = new Map()));
  let facts = known.get(file.digest);
  if (!facts) {
    facts = layerFacts(reader.store, name, file, reader.signal);
    known.set(file.digest, facts);
  }
  return facts;
}

/**
 * The layers named `layerNames`, in order, each checked against the config's diff ID at its place; returns their
 * descriptors as stored, and their unpacked sizes into `sizes`.
 */
export async function checkedLayers(
  reader: ArchiveReader, configName: string, diffIds: readonly string[], layerNames: readonly string[], sizes: Map<string, number>,
): Promise<Descriptor[]> {
  if (layerNames.length !== diffIds.length) {
    throw invalidArchive(`${layerNames.length} layer${layerNames.length === 1 ? '' : 's'} listed for config ${JSON.stringify(configName)}, which has ${diffIds.length}`);
  }
  countManifestCheck(reader, layerNames.length);
  const layers: Descriptor[] = [];
  for (const [i, name] of layerNames.entries()) {
    reader.signal?.throwIfAborted();
    const file = archiveFile(reader, name, 'layer');
    const facts = await cachedLayerFacts(reader, name, file);
    if (facts.diffId !== diffIds[i]) {
      throw invalidArchive(`layer ${JSON.stringify(name)} does not match the config: its content hashes to ${facts.diffId}, the config expects ${diffIds[i]}`);
    }
    sizes.set(file.digest, facts.unpackedSize);
    layers.push({ mediaType: facts.mediaType, digest: file.digest, size: file.size });
  }
  return layers;
}

/** The manifest Berth writes for an image that came without one (a docker-archive before Docker 25). */
export function builtManifest(config: SpooledFile, layers: readonly Descriptor[]): { bytes: Buffer; descriptor: Descriptor } {
  const document = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, digest: config.digest, size: config.size },
    layers,
  };
  const bytes = Buffer.from(JSON.stringify(document));
  return { bytes, descriptor: { mediaType: MEDIA_TYPES.ociManifest, digest: sha256Digest(bytes), size: bytes.length } };
}
