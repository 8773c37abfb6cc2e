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

/**
 * Where a layer of a pull stands, as the core's task carries it: announced `queued` (docker's "Waiting" once
 * others run), `running` while its bytes come, every byte in but not yet checked and published ("Verifying
 * Checksum"), `done`. Every shell words it the same (pullLayerStatus).
 */
export type PullLayerPhase = 'exists' | 'waiting' | 'downloading' | 'verifying' | 'done' | 'failed' | 'cancelled';

export interface PullLayerSnapshot {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { current: number; total: number | null };
}

export function pullLayerPhase(child: PullLayerSnapshot): PullLayerPhase | null {
  const layer = parsePullLayerChild(child.id);
  if (!layer) return null;
  if (layer.existed) return 'exists';
  switch (child.state) {
    case 'queued':
      return 'waiting';
    case 'running': {
      const { current, total } = child.progress;
      return total !== null && total > 0 && current >= total ? 'verifying' : 'downloading';
    }
    default:
      return child.state;
  }
}

/** Docker's words for each phase (the CLI adds the bar to "Downloading", the app a percentage). */
export const PULL_LAYER_STATUS: Record<PullLayerPhase, string> = {
  exists: 'Already exists',
  waiting: 'Waiting',
  downloading: 'Downloading',
  verifying: 'Verifying Checksum',
  done: 'Download complete',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
