// Turns what a user typed (a reference, a name@digest, a full or short image ID) into store records,
// in docker's order: a name first, then an ID prefix.
import { BerthError } from '../../../shared/errors.js';
import { parseReference, normalizeReference, repositoryName, type ImageReference } from '../ref/reference.js';
import type { ImageRecord } from './model.js';
import { repoDigestsOf } from './repo-digests.js';

export interface Resolution {
  /** How the input matched: by a tag or digest reference, or by image ID. */
  by: 'reference' | 'digest' | 'id';
  id: string;
  /** By reference: the one entry named. By digest or ID: every entry of that image. */
  records: ImageRecord[];
}

const HEX = /^[a-f0-9]+$/;

export function resolveImage(records: readonly ImageRecord[], input: string): Resolution {
  const trimmed = input.trim();
  if (!trimmed) throw new BerthError('INVALID_ARGUMENT', 'image name or ID must not be empty');

  const idMatch = /^sha256:([a-f0-9]{1,64})$/.exec(trimmed);
  if (idMatch?.[1] || (HEX.test(trimmed) && trimmed.length === 64)) {
    return byIdPrefix(records, idMatch?.[1] ?? trimmed, input);
  }

  let named: ImageReference | null = null;
  try {
    named = parseReference(trimmed);
  } catch (err) {
    if (!HEX.test(trimmed)) throw err;
  }
  if (named) {
    const found = byReference(records, named, trimmed);
    if (found) return found;
  }
  if (HEX.test(trimmed)) return byIdPrefix(records, trimmed, input);
  throw new BerthError('NOT_FOUND', `No such image: ${input}`);
}

function byReference(records: readonly ImageRecord[], named: ImageReference, input: string): Resolution | null {
  if (named.digest) {
    const repo = repositoryName(named);
    // A recorded repo digest names its image even when dangling; a tag in the repository lends its digests too.
    const first = records.find((r) => hasRepoDigest(r, named))
      ?? records.find((r) => r.ref !== null && repositoryName(r.ref) === repo
        && (r.topDigest === named.digest || r.manifestDigest === named.digest));
    if (!first) return null;
    return { by: 'digest', id: first.id, records: records.filter((r) => r.id === first.id) };
  }
  const full = normalizeReference(input);
  const record = records.find((r) => r.reference === full);
  return record ? { by: 'reference', id: record.id, records: [record] } : null;
}

function byIdPrefix(records: readonly ImageRecord[], hexPrefix: string, input: string): Resolution {
  const ids = new Set(records.filter((r) => r.id.slice('sha256:'.length).startsWith(hexPrefix)).map((r) => r.id));
  if (ids.size === 0) throw new BerthError('NOT_FOUND', `No such image: ${input}`);
  if (ids.size > 1) {
    throw new BerthError('AMBIGUOUS', `image ID prefix ${hexPrefix} is ambiguous: it matches ${ids.size} images; type more of the ID`);
  }
  const [id] = [...ids] as [string];
  return { by: 'id', id, records: records.filter((r) => r.id === id) };
}

/** Whether `record` carries `named` (a name@digest reference) among the repo digests a registry gave it. */
export function hasRepoDigest(record: ImageRecord, named: ImageReference): boolean {
  return repoDigestsOf(record).some((d) => isSameDigestReference(d, named));
}

export function isSameDigestReference(recorded: string, named: ImageReference): boolean {
  const parsed = parseReference(recorded);
  return parsed.digest === named.digest && repositoryName(parsed) === repositoryName(named);
}
