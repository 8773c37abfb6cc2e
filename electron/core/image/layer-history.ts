// Pairs the config's history with the manifest's layers, as `docker history` does: entries marked
// empty_layer made no layer; the others take the layers in order.
import type { LayerInfo } from '../../../shared/api.js';
import type { ImageConfig } from '../oci/config.js';
import type { ImageManifest } from '../oci/manifest.js';

/** `unpacked`: layer digest -> bytes unpacked, where measured (the store's layer sizes). */
export function layerHistory(manifest: ImageManifest, config: ImageConfig, unpacked: ReadonlyMap<string, number> = new Map()): LayerInfo[] {
  const layers = manifest.layers;
  const sizes = (layer: { digest: string; size: number } | undefined) =>
    layer ? { size: unpacked.get(layer.digest) ?? layer.size, diskSize: layer.size } : { size: 0, diskSize: 0 };
  const diffIds = config.rootfs?.diff_ids ?? [];
  const history = config.history ?? [];
  const rows: LayerInfo[] = [];
  let next = 0;
  for (const h of history) {
    if (h.empty_layer) {
      rows.push({ digest: null, diffId: null, mediaType: null, size: 0, diskSize: 0, created: h.created ?? null,
        createdBy: h.created_by ?? '', comment: h.comment ?? '', emptyLayer: true });
      continue;
    }
    const layer = layers[next];
    rows.push({ digest: layer?.digest ?? null, diffId: diffIds[next] ?? null, mediaType: layer?.mediaType ?? null,
      ...sizes(layer), created: h.created ?? null, createdBy: h.created_by ?? '', comment: h.comment ?? '', emptyLayer: false });
    next++;
  }
  // Images without (enough) history still show every layer.
  for (; next < layers.length; next++) {
    const layer = layers[next]!;
    rows.push({ digest: layer.digest, diffId: diffIds[next] ?? null, mediaType: layer.mediaType, ...sizes(layer),
      created: null, createdBy: '', comment: '', emptyLayer: false });
  }
  return rows;
}
