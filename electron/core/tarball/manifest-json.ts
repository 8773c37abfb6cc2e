// `manifest.json` of a docker-archive (docker save before and after 25, podman and skopeo docker-archives): a list
// of {Config, RepoTags, Layers, Parent?, LayerSources?}, as moby's image/tarexport.manifestItem. Read as hostile
// input: each field's type checked and named when wrong, sizes bounded, nothing else trusted.
import { BerthError } from '../../../shared/errors.js';

export interface ManifestItem {
  Config: string;
  /** As written (`busybox:latest`, `localhost/x:1`): normalised by the loader. */
  RepoTags: string[];
  Layers: string[];
}

const MAX_IMAGES = 10_000;
const MAX_LAYERS = 1_000;
const MAX_TAGS = 10_000;

function invalid(detail: string): never {
  throw new BerthError('INVALID_ARCHIVE', `invalid image archive: manifest.json ${detail}`);
}

function stringList(value: unknown, where: string, max: number): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) invalid(`${where} must be a list of strings`);
  if (value.length > max) invalid(`${where} has ${value.length} entries, more than the ${max} allowed`);
  return value.map((item, i) => {
    if (typeof item !== 'string' || item === '') invalid(`${where}[${i}] must be a non-empty string`);
    return item;
  });
}

export function parseManifestJson(bytes: Buffer): ManifestItem[] {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    invalid(`is not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(document)) invalid('must be a list of images');
  if (document.length === 0) invalid('lists no image');
  if (document.length > MAX_IMAGES) invalid(`lists ${document.length} images, more than the ${MAX_IMAGES} allowed`);
  return document.map((item: unknown, i): ManifestItem => {
    const where = `entry ${i + 1}`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) invalid(`${where} must be an object`);
    const record = item as Record<string, unknown>;
    if (typeof record.Config !== 'string' || record.Config === '') invalid(`${where} has no Config`);
    const Layers = stringList(record.Layers, `${where}.Layers`, MAX_LAYERS);
    return { Config: record.Config, RepoTags: stringList(record.RepoTags, `${where}.RepoTags`, MAX_TAGS), Layers };
  });
}
