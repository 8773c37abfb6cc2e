// `docker rmi` rules applied to index.json: a name removes that tag (and the image with its last tag), a recorded
// name@digest removes that digest (and the image when nothing names it any more); an ID removes the image, but
// needs force when several tags name it, so nobody loses tags they did not mean to.
import type { RemoveReport } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import type { OciIndex } from '../oci/image-index.js';
import { familiarString, parseReference, repositoryName, type ImageReference } from '../ref/reference.js';
import { shortId } from '../../../shared/format.js';
import type { ImageRecord } from './model.js';
import { repoDigestsOf } from './repo-digests.js';
import { hasRepoDigest, isSameDigestReference, resolveImage } from './resolve.js';

type Item = RemoveReport['items'][number];

/**
 * Removes what `input` names from `index` (mutating it) and returns docker's Untagged/Deleted lines.
 * `records` must be the catalog of `index` as it is now.
 */
export function removeImage(index: OciIndex, records: readonly ImageRecord[], input: string, force: boolean): Item[] {
  const resolution = resolveImage(records, input);
  const items: Item[] = [];
  const ofImage = records.filter((r) => r.id === resolution.id);
  const tagged = ofImage.filter((r) => r.reference !== null);

  if (resolution.by === 'reference') {
    const target = resolution.records[0]!;
    dropEntries(index, [target]);
    items.push({ untagged: familiarString(parseReference(target.reference!)) });
    const remaining = tagged.filter((r) => r !== target);
    const repo = repositoryName(parseReference(target.reference!));
    if (!remaining.some((r) => r.ref !== null && repositoryName(r.ref) === repo)) {
      for (const d of repoDigestsOf(target)) items.push({ untagged: familiarString(parseReference(d)) });
    }
    if (remaining.length > 0) return items;
    items.push(...deleteImage(index, records, ofImage));
    return items;
  }

  if (resolution.by === 'digest') {
    const named = parseReference(input.trim());
    if (ofImage.some((r) => hasRepoDigest(r, named))) return removeRepoDigest(index, records, ofImage, named);
    // A manifest digest no registry recorded is only another way to point at the image: treat it as its ID.
  }

  if (tagged.length > 1 && !force) {
    const what = resolution.by === 'id' ? shortId(resolution.id) : input;
    throw new BerthError('CONFLICT', `conflict: unable to delete ${what} (must be forced) - image is referenced in multiple repositories`);
  }
  // docker untags tags and digests together, in the order of the full references.
  const names = new Set([...tagged.map((r) => r.reference!), ...ofImage.flatMap(repoDigestsOf)]);
  for (const name of [...names].sort()) items.push({ untagged: familiarString(parseReference(name)) });
  items.push(...deleteImage(index, records, ofImage));
  return items;
}

/**
 * docker rmi NAME@DIGEST: that reference goes, tags stay; the image goes only when nothing names it any more.
 * (docker's reference store keeps digests beside tags; Berth keeps them on the image's index entries.)
 */
function removeRepoDigest(index: OciIndex, records: readonly ImageRecord[], ofImage: ImageRecord[], named: ImageReference): Item[] {
  for (const r of ofImage) {
    if (!hasRepoDigest(r, named)) continue;
    const rest = repoDigestsOf(r).filter((d) => !isSameDigestReference(d, named));
    const annotations = { ...r.entry.annotations };
    if (rest.length > 0) annotations[ANNOTATIONS.repoDigests] = rest.join(',');
    else delete annotations[ANNOTATIONS.repoDigests];
    r.entry.annotations = annotations;
  }
  const items: Item[] = [{ untagged: familiarString(named) }];
  if (ofImage.some((r) => r.reference !== null || repoDigestsOf(r).length > 0)) return items;
  items.push(...deleteImage(index, records, ofImage));
  return items;
}

/**
 * Drops the image's entries and returns its `Deleted:` lines: the image ID, then each of its layers no other
 * entry still uses, top layer first. dockerd prints the chain IDs of the layers it released; Berth's store has
 * no chain IDs, so these are the layer digests as stored, the blobs gc is about to delete (the caller keeps only
 * those gc did delete). For an imported image the two are the same value: the layer is stored uncompressed, so
 * its digest is its diff ID, and a one-layer image's chain ID is its diff ID.
 */
function deleteImage(index: OciIndex, records: readonly ImageRecord[], ofImage: ImageRecord[]): Item[] {
  dropEntries(index, ofImage);
  const live = new Set(index.manifests);
  const used = new Set<string>();
  for (const r of records) if (live.has(r.entry)) for (const layer of r.layers) used.add(layer.digest);
  const items: Item[] = [{ deleted: ofImage[0]!.id }];
  for (const r of ofImage) {
    for (let i = r.layers.length - 1; i >= 0; i--) {
      const digest = r.layers[i]!.digest;
      if (used.has(digest)) continue;
      used.add(digest);
      items.push({ deletedLayer: digest });
    }
  }
  return items;
}

function dropEntries(index: OciIndex, records: readonly ImageRecord[]): void {
  const doomed = new Set(records.map((r) => r.entry));
  index.manifests = index.manifests.filter((e) => !doomed.has(e));
}
