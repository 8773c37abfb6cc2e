// Where a push of a name would go, read with docker's grammar (shared/ref): a name without a registry goes to Docker
// Hub, and one without a namespace to Hub's `library/`, where only Docker's official images may be pushed (docker
// answers "denied: requested access to the resource is denied"). The Push dialog then offers to tag it first.
import { parseReference, repositoryName } from '../../../../shared/ref/reference';

export interface PushDestination {
  /** `docker.io/library/test`: the repository the push refers to. */
  repository: string;
  /** The registry host (`docker.io`, `127.0.0.1:5000`). */
  registry: string;
  /** Docker Hub's library/ namespace: a push there is refused for anyone but Docker. */
  officialNamespace: boolean;
}

export function pushDestination(reference: string): PushDestination | null {
  try {
    const ref = parseReference(reference.trim());
    return {
      repository: repositoryName(ref),
      registry: ref.domain,
      officialNamespace: ref.domain === 'docker.io' && ref.path.startsWith('library/'),
    };
  } catch {
    return null;
  }
}

/** A name to offer for tagging first: the image's own repository and tag under `prefix` (`127.0.0.1:5000/team`). */
export function suggestedName(source: string, prefix: string): string {
  const ref = parseReference(source);
  const last = ref.path.split('/').at(-1)!;
  return `${prefix.replace(/\/+$/, '')}/${last}:${ref.tag ?? 'latest'}`;
}
