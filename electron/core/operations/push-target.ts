// What `berth push NAME[:TAG]` names and which images of the store that means, read as docker/cli reads it: no tag
// means `latest` (docker 20.10+), `-a` every tag of the repository (and then no tag may be given), a digest cannot
// be pushed. An image the store does not have under that name is docker's "An image does not exist locally with
// the tag" error.
import { BerthError } from '../../../shared/errors.js';
import type { Descriptor } from '../oci/descriptor.js';
import type { OciIndex } from '../oci/image-index.js';
import { entryName } from '../image/entry-reference.js';
import { familiarName, parseReference, repositoryName } from '../ref/reference.js';

export interface PushTarget {
  /** As references name it (`docker.io`, `127.0.0.1:5000`). */
  registry: string;
  /** The path in that registry (`library/ubuntu`). */
  repository: string;
  /** `docker.io/library/ubuntu`: docker's "The push refers to repository [...]". */
  name: string;
  /** `ubuntu`, for titles and messages. */
  familiar: string;
  /** The tag to push; null with allTags. */
  tag: string | null;
}

export interface LocalTag {
  tag: string;
  entry: Descriptor;
}

export function pushTarget(input: string, allTags: boolean): PushTarget {
  const ref = parseReference(input);
  if (ref.digest !== null) throw new BerthError('INVALID_ARGUMENT', `cannot push a digest reference (${input}): tag the image first`);
  if (allTags && ref.tag !== null) throw new BerthError('INVALID_ARGUMENT', 'tag can\'t be used with --all-tags/-a');
  return {
    registry: ref.domain,
    repository: ref.path,
    name: repositoryName(ref),
    familiar: familiarName(ref),
    tag: allTags ? null : (ref.tag ?? 'latest'),
  };
}

/** The store's images under the target's name: its tag, or every tag (sorted, as docker pushes them). */
export function localTags(index: OciIndex, target: PushTarget): LocalTag[] {
  const found: LocalTag[] = [];
  for (const entry of index.manifests) {
    const named = entryName(entry);
    if (!named || repositoryName(named.ref) !== target.name || named.ref.tag === null) continue;
    if (target.tag === null || named.ref.tag === target.tag) found.push({ tag: named.ref.tag, entry });
  }
  if (found.length === 0) {
    throw new BerthError('NOT_FOUND', `An image does not exist locally with the tag: ${target.familiar}`);
  }
  return found.sort((a, b) => a.tag.localeCompare(b.tag));
}
