// How a push's task names its layers, so every shell reads the same facts off a task snapshot: one child per
// layer (in manifest order, each once), id `push:<digest>`, title the state docker prints for it (Preparing,
// Waiting, Pushing, Layer already exists, Mounted from REPO, Pushed), progress the bytes the registry took.

const PREFIX = 'push:';

export const PUSH_STATES = {
  preparing: 'Preparing',
  waiting: 'Waiting',
  pushing: 'Pushing',
  exists: 'Layer already exists',
  pushed: 'Pushed',
} as const;

export function pushLayerChildId(digest: string): string {
  return PREFIX + digest;
}

/** The layer digest a push task's child stands for; null for a child that is not a layer. */
export function parsePushLayerChild(id: string): string | null {
  return id.startsWith(PREFIX) ? id.slice(PREFIX.length) : null;
}

/** docker's words for a mount: the source repository as the user would name it. */
export function mountedFrom(repository: string): string {
  return `Mounted from ${repository}`;
}
