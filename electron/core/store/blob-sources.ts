// Where each blob is known to live in registries: `registry/repository` names (`127.0.0.1:5000/team/app`,
// `docker.io/library/ubuntu`), newest first, recorded when a pull fetches a blob and when a push sends, mounts or
// finds one. A push to another repository of the same registry then asks for a cross-repository mount instead of
// sending the bytes. This is docker's distribution/metadata V2MetadataService (diffID -> digest + SourceRepository),
// keyed here by the digest the store holds. Hints only: a mount the registry refuses falls back to an upload.
import { cacheRecord } from './cache-record.js';
import type { StorePaths } from './paths.js';

/** Docker keeps a handful per layer; older names are the least likely to still hold it. */
export const MAX_SOURCES_PER_BLOB = 8;

const isNameList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const record = cacheRecord('blob-sources', isNameList);

export const readBlobSources = (paths: StorePaths) => record.read(paths);

/** Adds (or moves to the front) each `digest -> registry/repository`: only under the write lock. */
export function addBlobSources(paths: StorePaths, seen: Iterable<readonly [string, string]>): Promise<void> {
  const list = [...seen];
  return record.change(paths, (entries) => {
    let changed = false;
    for (const [digest, name] of list) {
      const known = entries.get(digest) ?? [];
      if (known[0] === name) continue;
      entries.set(digest, [name, ...known.filter((n) => n !== name)].slice(0, MAX_SOURCES_PER_BLOB));
      changed = true;
    }
    return changed;
  });
}

/** Forgets blobs gc deleted: only under the write lock. */
export function dropBlobSources(paths: StorePaths, gone: ReadonlySet<string>): Promise<void> {
  return record.change(paths, (entries) => [...entries.keys()].filter((d) => gone.has(d)).map((d) => entries.delete(d)).length > 0);
}
