// A pull or push task's children read as docker's layer lines: "Already exists", "Waiting", "Downloading 42%",
// "Verifying Checksum", "Download complete" (the phase shared/pull-layers.ts reads off a pull child, in the CLI's
// words); "Waiting", "Pushing 42%", "Layer already exists", "Mounted from team/base", "Pushed" (a push child's title
// is docker's state for it: shared/push-layers.ts).
import type { TaskInfo } from '../../../../shared/api';
import { PULL_LAYER_STATUS, parsePullLayerChild, pullLayerPhase, shortLayerId } from '../../../../shared/pull-layers';
import { PUSH_STATES, parsePushLayerChild } from '../../../../shared/push-layers';

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

/** A push layer's line: the registry already had it (or mounted it) reads like a pull's "Already exists". */
function pushLine(child: Child, digest: string): LayerLine {
  const sentNothing = child.title === PUSH_STATES.exists || child.title.startsWith('Mounted from');
  const ended = child.state === 'failed' ? 'Failed' : child.state === 'cancelled' ? 'Cancelled' : null;
  const pushing = child.title === PUSH_STATES.pushing;
  return {
    id: child.id,
    shortId: shortLayerId(digest),
    status: ended ?? (pushing ? `Pushing ${percentOf(child)}%` : child.title),
    percent: sentNothing ? null : child.state === 'done' ? 100 : percentOf(child),
    state: child.state,
    existed: sentNothing,
  };
}

/** The layer lines of a pull or push task, in manifest order; children that are not layers are left out. */
export function layerLines(task: Pick<TaskInfo, 'children'>): LayerLine[] {
  const lines: LayerLine[] = [];
  for (const child of task.children) {
    const pushed = parsePushLayerChild(child.id);
    if (pushed) {
      lines.push(pushLine(child, pushed));
      continue;
    }
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
