// index.json: read without locking (it is only ever replaced whole), written atomically.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { fsyncDir, isNotFound } from './fs-util.js';
import { isDescriptor } from '../oci/descriptor.js';
import { isSha256Digest } from '../oci/digest.js';
import { ownedTempName, type StorePaths } from './paths.js';
import { ParsedFileMemo } from './file-memo.js';
import { readOwnFile } from './own-paths.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import type { OciIndex } from '../oci/image-index.js';

export const INDEX_TEMP_PREFIX = '.index.json-';
/** About 2,000 bytes a tag: room for hundreds of thousands of tags, not for a planted multi-gigabyte file. */
const MAX_INDEX_BYTES = 512 * 1024 * 1024;

export function emptyIndex(): OciIndex {
  return { schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [] };
}

/** Checks the shape Berth relies on; `where` names the file in error messages. */
export function validateIndex(value: unknown, where: string): OciIndex {
  if (!value || typeof value !== 'object') throw new BerthError('STORE_CORRUPT', `${where} is not a JSON object`);
  const index = value as Partial<OciIndex>;
  if (index.schemaVersion !== 2) throw new BerthError('STORE_CORRUPT', `${where}: schemaVersion must be 2`);
  if (!Array.isArray(index.manifests)) throw new BerthError('STORE_CORRUPT', `${where}: manifests must be an array`);
  const manifests: unknown[] = index.manifests;
  for (let i = 0; i < manifests.length; i++) {
    const d = manifests[i];
    if (!isDescriptor(d)) throw new BerthError('STORE_CORRUPT', `${where}: manifests[${i}] is not a descriptor`);
    if (!isSha256Digest(d.digest)) throw new BerthError('STORE_CORRUPT', `${where}: manifests[${i}] has an unsupported digest ${d.digest}`);
  }
  return index as OciIndex;
}

export async function readIndexFile(paths: StorePaths): Promise<OciIndex> {
  let text: string;
  try {
    text = await readOwnFile(paths.index, MAX_INDEX_BYTES);
  } catch (err) {
    throw missingAsCorrupt(paths, err);
  }
  return parseIndex(text, paths.index);
}

/**
 * readIndexFile for readers that only look: the parsed index is shared until index.json changes (file-memo.ts), so
 * it is frozen, deeply: a reader that tried to change it would throw instead of corrupting every later listing.
 */
export function sharedIndexReader(paths: StorePaths): () => Promise<OciIndex> {
  const memo = new ParsedFileMemo(paths.index, MAX_INDEX_BYTES, (text) => deepFreeze(parseIndex(text, paths.index)));
  return () => memo.read().catch((err: unknown) => Promise.reject(missingAsCorrupt(paths, err)));
}

function missingAsCorrupt(paths: StorePaths, err: unknown): unknown {
  return isNotFound(err) ? new BerthError('STORE_CORRUPT', `${paths.index} is missing`) : err;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function parseIndex(text: string, where: string): OciIndex {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new BerthError('STORE_CORRUPT', `${where} is not valid JSON: ${(err as Error).message}`);
  }
  return validateIndex(parsed, where);
}

/** Write a temp file in the store root, fsync it, rename it over index.json, fsync the directory. */
export async function writeIndexFile(paths: StorePaths, index: OciIndex): Promise<void> {
  const checked = validateIndex(index, 'the new index');
  const temp = path.join(paths.root, ownedTempName(INDEX_TEMP_PREFIX, '.tmp'));
  const handle = await fs.open(temp, 'wx');
  try {
    const { schemaVersion, mediaType, manifests, ...rest } = checked;
    await handle.writeFile(JSON.stringify({ schemaVersion, mediaType: mediaType ?? MEDIA_TYPES.ociIndex, manifests, ...rest }));
    await handle.sync();
    await handle.close();
    await fs.rename(temp, paths.index);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(paths.root);
}
