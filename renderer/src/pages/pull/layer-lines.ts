// A pull task's children read as docker's layer lines: "Already exists", "Waiting", "Downloading 42%", "Verifying
// Checksum", "Download complete" — the phase shared/pull-layers.ts reads off the child, in the CLI's words.
import type { TaskInfo } from '../../../../shared/api';
import { PULL_LAYER_STATUS, parsePullLayerChild, pullLayerPhase, shortLayerId } from '../../../../shared/pull-layers';

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

function statusOf(child: Child): string {
  const phase = pullLayerPhase(child) ?? 'waiting';
  return phase === 'downloading' ? `${PULL_LAYER_STATUS.downloading} ${percentOf(child)}%` : PULL_LAYER_STATUS[phase];
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
      status: statusOf(child),
      percent: layer.existed ? null : child.state === 'done' ? 100 : percentOf(child),
      state: child.state,
      existed: layer.existed,
    });
  }
  return lines;
}
