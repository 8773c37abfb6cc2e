// How a pull's task names its layers, so every shell reads the same facts off a task snapshot: one child per
// layer of the chosen manifest, in manifest order, whose id says whether the store already had it (docker's
// "Already exists") or it is being downloaded. The child's state and progress say the rest.

const EXISTS = 'exists:';
const DOWNLOAD = 'layer:';

export interface PullLayerChild {
  digest: string;
  /** The store had the blob: nothing is fetched. */
  existed: boolean;
}

export function pullLayerChildId(digest: string, existed: boolean): string {
  return (existed ? EXISTS : DOWNLOAD) + digest;
}

/** The layer a pull task's child stands for; null for a child that is not a layer. */
export function parsePullLayerChild(id: string): PullLayerChild | null {
  if (id.startsWith(EXISTS)) return { digest: id.slice(EXISTS.length), existed: true };
  if (id.startsWith(DOWNLOAD)) return { digest: id.slice(DOWNLOAD.length), existed: false };
  return null;
}

/** Docker's short layer ID: the first 12 hex digits of the digest. */
export function shortLayerId(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
}
