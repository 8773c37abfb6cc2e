// Turns what a user typed (a reference, a name@digest, a full or short image ID) into store records, in docker's
// order (shared/image-resolve.ts, which the app's filter box uses too).
import { resolveImageInput } from '../../../shared/image-resolve.js';
import { parseReference, repositoryName, type ImageReference } from '../ref/reference.js';
import type { ImageRecord } from './model.js';
import { repoDigestsOf } from './repo-digests.js';

export interface Resolution {
  /** How the input matched: by a tag or digest reference, or by image ID. */
  by: 'reference' | 'digest' | 'id';
  id: string;
  /** By reference: the one entry named. By digest or ID: every entry of that image. */
  records: ImageRecord[];
}

export function resolveImage(records: readonly ImageRecord[], input: string): Resolution {
  const { by, id, item } = resolveImageInput(records, input, {
    id: (record) => record.id,
    reference: (record) => record.reference,
    // A recorded repo digest names its image even when dangling; a tag in the repository lends its digests too.
    byDigest: (named) =>
      records.find((r) => hasRepoDigest(r, named)) ??
      records.find((r) => r.ref !== null && repositoryName(r.ref) === repositoryName(named) && (r.topDigest === named.digest || r.manifestDigest === named.digest)),
  });
  return { by, id, records: by === 'reference' ? [item] : records.filter((r) => r.id === id) };
}

/** Whether `record` carries `named` (a name@digest reference) among the repo digests a registry gave it. */
export function hasRepoDigest(record: ImageRecord, named: ImageReference): boolean {
  return repoDigestsOf(record).some((d) => isSameDigestReference(d, named));
}

export function isSameDigestReference(recorded: string, named: ImageReference): boolean {
  const parsed = parseReference(recorded);
  return parsed.digest === named.digest && repositoryName(parsed) === repositoryName(named);
}
