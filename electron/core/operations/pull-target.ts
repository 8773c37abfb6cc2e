// What `berth pull NAME[:TAG|@DIGEST]` names, read with docker's reference grammar: `ubuntu` is
// docker.io/library/ubuntu:latest; a digest reference is pulled by digest and tags nothing (docker keeps it as
// `<none>` with its RepoDigest).
import { familiarString, parseReference, referenceToString, repositoryName, withDefaultTag } from '../ref/reference.js';

export interface PullTarget {
  /** The registry as references name it (`docker.io`, `127.0.0.1:5000`). */
  registry: string;
  /** The repository path in that registry (`library/ubuntu`). */
  repository: string;
  /** `docker.io/library/ubuntu`: what RepoDigests are made of. */
  name: string;
  /** What to ask the registry for: the tag, or the digest. */
  remoteReference: string;
  /** The full normalised reference to tag (`docker.io/library/ubuntu:latest`), null for a pull by digest. */
  tag: string | null;
  /** The digest asked for, null for a pull by tag. */
  digest: string | null;
  /** The full reference, as docker prints it last. */
  full: string;
  /** docker's familiar form (`ubuntu:latest`), for titles and `Status:` lines. */
  familiar: string;
}

export function pullTarget(input: string): PullTarget {
  const parsed = withDefaultTag(parseReference(input));
  // name:tag@digest: docker pulls by the digest; the tag is only decoration.
  const ref = parsed.digest !== null ? { ...parsed, tag: null } : parsed;
  return {
    registry: ref.domain,
    repository: ref.path,
    name: repositoryName(ref),
    remoteReference: ref.digest ?? ref.tag!,
    tag: ref.digest === null ? referenceToString(ref) : null,
    digest: ref.digest,
    full: referenceToString(ref),
    familiar: familiarString(ref),
  };
}
