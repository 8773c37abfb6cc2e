// The gzip twin of each uncompressed layer a push had to compress: uncompressed digest (docker's diffID) ->
// the compressed blob's descriptor. docker push compresses such layers on every push and remembers the result in
// its V2Metadata; Berth keeps the compressed blob itself in the store, so the next push of the layer (to any
// registry) sends the same bytes under the same digest without compressing again. A twin lives as long as its
// layer: gc keeps it while the uncompressed blob is kept and forgets it (and deletes it) after.
import type { Descriptor } from '../oci/descriptor.js';
import { isDescriptor } from '../oci/descriptor.js';
import { cacheRecord } from './cache-record.js';
import type { StorePaths } from './paths.js';

const record = cacheRecord('compressed-layers', (v: unknown): v is Descriptor => isDescriptor(v));

export const readCompressedLayers = (paths: StorePaths) => record.read(paths);

/** Records `uncompressed -> twin`: only under the write lock, while a lease still holds the twin. */
export function addCompressedLayers(paths: StorePaths, twins: Iterable<readonly [string, Descriptor]>): Promise<void> {
  const list = [...twins];
  return record.change(paths, (entries) => {
    for (const [digest, twin] of list) entries.set(digest, { mediaType: twin.mediaType, digest: twin.digest, size: twin.size });
    return list.length > 0;
  });
}

/** Drops twins whose layer or whose own blob gc deleted: only under the write lock. */
export function dropCompressedLayers(paths: StorePaths, gone: ReadonlySet<string>): Promise<void> {
  return record.change(paths, (entries) => {
    const stale = [...entries].filter(([digest, twin]) => gone.has(digest) || gone.has(twin.digest));
    for (const [digest] of stale) entries.delete(digest);
    return stale.length > 0;
  });
}
