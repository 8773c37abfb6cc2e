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
export function removeImage(index: OciIndex, records: ImageRecord[], input: string, force: boolean): Item[] {
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
    dropEntries(index, ofImage);
    items.push({ deleted: resolution.id });
    return items;
  }

  if (resolution.by === 'digest') {
    const named = parseReference(input.trim());
    if (ofImage.some((r) => hasRepoDigest(r, named))) return removeRepoDigest(index, ofImage, named, resolution.id);
    // A manifest digest no registry recorded is only another way to point at the image: treat it as its ID.
  }

  if (tagged.length > 1 && !force) {
    const what = resolution.by === 'id' ? shortId(resolution.id) : input;
    throw new BerthError('CONFLICT', `conflict: unable to delete ${what} (must be forced) - image is referenced in multiple repositories`);
  }
  // docker untags tags and digests together, in the order of the full references.
  const names = new Set([...tagged.map((r) => r.reference!), ...ofImage.flatMap(repoDigestsOf)]);
  for (const name of [...names].sort()) items.push({ untagged: familiarString(parseReference(name)) });
  dropEntries(index, ofImage);
  items.push({ deleted: resolution.id });
  return items;
}

/**
 * docker rmi NAME@DIGEST: that reference goes, tags stay; the image goes only when nothing names it any more.
 * (docker's reference store keeps digests beside tags; Berth keeps them on the image's index entries.)
 */
function removeRepoDigest(index: OciIndex, ofImage: ImageRecord[], named: ImageReference, id: string): Item[] {
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
  dropEntries(index, ofImage);
  items.push({ deleted: id });
  return items;
}

function dropEntries(index: OciIndex, records: ImageRecord[]): void {
  const doomed = new Set(records.map((r) => r.entry));
  index.manifests = index.manifests.filter((e) => !doomed.has(e));
}
