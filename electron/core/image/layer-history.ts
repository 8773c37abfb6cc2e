// Pairs the config's history with the manifest's layers, as `docker history` does: entries marked
// empty_layer made no layer; the others take the layers in order.
import type { LayerInfo } from '../../../shared/api.js';
import type { ImageConfig } from '../oci/config.js';
import type { ImageManifest } from '../oci/manifest.js';

export function layerHistory(manifest: ImageManifest, config: ImageConfig): LayerInfo[] {
  const layers = manifest.layers;
  const diffIds = config.rootfs?.diff_ids ?? [];
  const history = config.history ?? [];
  const rows: LayerInfo[] = [];
  let next = 0;
  for (const h of history) {
    if (h.empty_layer) {
      rows.push({ digest: null, diffId: null, mediaType: null, size: 0, created: h.created ?? null,
        createdBy: h.created_by ?? '', comment: h.comment ?? '', emptyLayer: true });
      continue;
    }
    const layer = layers[next];
    rows.push({ digest: layer?.digest ?? null, diffId: diffIds[next] ?? null, mediaType: layer?.mediaType ?? null,
      size: layer?.size ?? 0, created: h.created ?? null, createdBy: h.created_by ?? '', comment: h.comment ?? '', emptyLayer: false });
    next++;
  }
  // Images without (enough) history still show every layer.
  for (; next < layers.length; next++) {
    const layer = layers[next]!;
    rows.push({ digest: layer.digest, diffId: diffIds[next] ?? null, mediaType: layer.mediaType, size: layer.size,
      created: null, createdBy: '', comment: '', emptyLayer: false });
  }
  return rows;
}
