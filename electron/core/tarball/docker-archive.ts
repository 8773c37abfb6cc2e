// The images of a docker-archive, read from its `manifest.json` as moby's tarexport loader does (image/tarexport/
// load.go): per entry the config, the layers checked against the config's diff IDs, the RepoTags normalised. An
// archive from Docker 25+ also carries an OCI layout; its manifest for the same config is kept (so the manifest
// digest is docker's own), otherwise Berth writes one.
import type { Descriptor } from '../oci/descriptor.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { parseManifestJson } from './manifest-json.js';
import {
  archiveFile, archiveJson, builtManifest, checkedLayers, diffIdsOf, invalidArchive, loadedTag, type ArchiveReader, type PlannedImage,
} from './planned-image.js';
import { archiveIndexManifests } from './oci-archive.js';

export async function planDockerArchive(reader: ArchiveReader, manifestName: string): Promise<PlannedImage[]> {
  const manifestFile = archiveFile(reader, manifestName, 'manifest');
  const items = parseManifestJson(await reader.store.readBlobBytes(manifestFile.digest, 64 * 1024 * 1024));
  const ownManifests = await archiveIndexManifests(reader);
  const tagged = new Map<string, number>();
  const images: PlannedImage[] = [];
  for (const [i, item] of items.entries()) {
    const where = `manifest.json entry ${i + 1}`;
    const config = archiveFile(reader, item.Config, 'config');
    const diffIds = diffIdsOf(await archiveJson(reader, config, item.Config), item.Config);
    const layerSizes = new Map<string, number>();
    const layers = await checkedLayers(reader, item.Config, diffIds, item.Layers, layerSizes);
    const tags = item.RepoTags.map((tag) => loadedTag(tag, where));
    for (const tag of tags) {
      const other = tagged.get(tag);
      if (other !== undefined && other !== i) throw invalidArchive(`the tag ${tag} is given to two images (entries ${other + 1} and ${i + 1})`);
      tagged.set(tag, i);
    }
    const configDescriptor: Descriptor = { mediaType: MEDIA_TYPES.ociConfig, digest: config.digest, size: config.size };
    const own = ownManifests.get(config.digest);
    const reused = own && sameLayers(own.layers, layers) ? own : null;
    const built = reused ? null : builtManifest(config, layers);
    images.push({
      id: config.digest,
      target: reused ? reused.descriptor : built!.descriptor,
      documents: built ? [built] : [],
      blobs: [configDescriptor, ...layers, ...(reused ? [reused.descriptor] : [])],
      layerSizes,
      tags,
      repoDigests: own?.repoDigests ?? [],
    });
  }
  return images;
}

function sameLayers(a: readonly Descriptor[], b: readonly Descriptor[]): boolean {
  return a.length === b.length && a.every((d, i) => d.digest === b[i]!.digest);
}
