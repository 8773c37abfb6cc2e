// A pull task's children read as docker's layer lines: "Already exists", "Downloading 42%", "Download complete".
// The child's id says whether the store had the layer (shared/pull-layers.ts); its state and progress say the rest.
import type { TaskInfo } from '../../../../shared/api';
import { parsePullLayerChild, shortLayerId } from '../../../../shared/pull-layers';

export interface LayerLine {
  id: string;
  shortId: string;
  status: string;
  /** 0–100 while the layer has bytes to come; null when there is nothing to show as a bar. */
  percent: number | null;
  state: TaskInfo['state'];
  existed: boolean;
}

type Child = TaskInfo['children'][number];

function percentOf(child: Child): number {
  const { current, total } = child.progress;
  return total ? Math.min(100, Math.floor((current / total) * 100)) : 0;
}

function statusOf(child: Child, existed: boolean): string {
  if (existed) return 'Already exists';
  switch (child.state) {
    case 'done':
      return 'Download complete';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
    case 'queued':
      return 'Waiting';
    case 'running':
      return child.progress.current > 0 ? `Downloading ${percentOf(child)}%` : 'Waiting';
  }
}

/** The layer lines of a pull task, in manifest order; children that are not layers are left out. */
export function layerLines(task: Pick<TaskInfo, 'children'>): LayerLine[] {
  const lines: LayerLine[] = [];
  for (const child of task.children) {
    const layer = parsePullLayerChild(child.id);
    if (!layer) continue;
    lines.push({
      id: child.id,
      shortId: shortLayerId(layer.digest),
      status: statusOf(child, layer.existed),
      percent: layer.existed ? null : child.state === 'done' ? 100 : percentOf(child),
      state: child.state,
      existed: layer.existed,
    });
  }
  return lines;
}
