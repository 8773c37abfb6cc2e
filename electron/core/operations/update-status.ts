// Is a tagged image still what its tag names in the registry? The comparison alone, apart from any request: the
// registry's digest for the tag (a manifest HEAD's Docker-Content-Digest) against the image's RepoDigests for that
// repository. An image without one (built, imported or loaded here) has nothing to compare and is not asked about:
// the question would otherwise go, for a local name like `myapp`, to Docker Hub.
import type { UpdateCheck } from '../../../shared/api.js';

/** The digests the image was pulled or pushed as, under the repository `name` (`docker.io/library/ubuntu`). */
export function digestsFor(name: string, repoDigests: readonly string[]): string[] {
  return repoDigests.filter((rd) => rd.slice(0, rd.lastIndexOf('@')) === name).map((rd) => rd.slice(rd.lastIndexOf('@') + 1));
}

/** Which of up-to-date / update-available the registry's `remoteDigest` means for an image known as `local`. */
export function compareDigests(local: readonly string[], remoteDigest: string): UpdateCheck['status'] {
  return local.includes(remoteDigest) ? 'up-to-date' : 'update-available';
}
