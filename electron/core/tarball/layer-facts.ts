// A loaded layer checked against its config, as docker load does (moby image/tarexport/load.go: the layer's
// DiffID must equal rootfs.diff_ids[i]): an uncompressed layer's digest is its diff ID already, measured during the
// spool; a compressed one (containerd exports, skopeo and podman archives of pulled images) is decompressed only
// to hash it and count its entries — it stays stored as it came, never recompressed.
import { createHash } from 'node:crypto';
import { BerthError } from '../../../shared/errors.js';
import { decompressStream } from '../archive/decompress.js';
import { TarScanner } from '../archive/tar-scan.js';
import { UnpackedSize } from '../archive/unpacked-size.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import type { ImageStore } from '../store/types.js';
import type { SpooledFile } from './spool.js';

export interface LayerFacts {
  diffId: string;
  /** What its entries take unpacked (docker's layer size). */
  unpackedSize: number;
  /** The OCI media type its bytes call for. */
  mediaType: string;
}

function notATar(name: string, detail: string): BerthError {
  return new BerthError('INVALID_ARCHIVE', `invalid image archive: layer ${JSON.stringify(name)} is not a tar archive (${detail})`);
}

export async function layerFacts(store: ImageStore, name: string, file: SpooledFile, signal?: AbortSignal): Promise<LayerFacts> {
  if (file.compression === 'none') {
    if (file.unpackedSize === null) throw notATar(name, 'its tar headers do not read');
    return { diffId: file.digest, unpackedSize: file.unpackedSize, mediaType: MEDIA_TYPES.ociLayer };
  }
  if (file.compression !== 'gzip' && file.compression !== 'zstd') {
    throw new BerthError('INVALID_ARCHIVE', `invalid image archive: layer ${JSON.stringify(name)} is ${file.compression}-compressed; OCI images carry layers plain, gzip or zstd`);
  }
  const { stream } = await decompressStream(store.openBlob(file.digest), { signal });
  const hash = createHash('sha256');
  const size = new UnpackedSize();
  const scanner = new TarScanner((entry) => size.add(entry));
  try {
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      hash.update(chunk as Buffer);
      scanner.push(chunk as Buffer);
    }
    scanner.end();
  } catch (err) {
    if (err instanceof BerthError && err.code === 'INVALID_ARCHIVE') throw notATar(name, err.message);
    throw err;
  }
  const mediaType = file.compression === 'gzip' ? MEDIA_TYPES.ociLayerGzip : MEDIA_TYPES.ociLayerZstd;
  return { diffId: `sha256:${hash.digest('hex')}`, unpackedSize: size.bytes, mediaType };
}
