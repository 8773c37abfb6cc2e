// Which rows are being pulled right now: the running pull tasks, by the full reference they will tag. A pull task
// is titled `Pull <familiar name>` (the core's startPull), the name read back with docker's grammar; a pull by
// digest tags nothing and so has no row of its own.
import type { TaskInfo, TaskProgress } from '../../../shared/api';
import { parseReference, referenceToString, withDefaultTag } from '../../../shared/ref/reference';

export interface RowPull {
  taskId: string;
  reference: string;
  /** docker's familiar form, for labels. */
  name: string;
  progress: TaskProgress;
  startedAt: string;
}

/** The reference a pull task's title names, when it names a tag. */
export function pullTaskReference(task: Pick<TaskInfo, 'kind' | 'title'>): string | null {
  if (task.kind !== 'pull' || !task.title.startsWith('Pull ')) return null;
  try {
    const ref = withDefaultTag(parseReference(task.title.slice(5)));
    return ref.digest !== null ? null : referenceToString(ref);
  } catch {
    return null;
  }
}

/** Running (or queued) pulls by reference; the newest wins when one reference is pulled twice at once. */
export function runningPulls(tasks: readonly TaskInfo[]): Map<string, RowPull> {
  const pulls = new Map<string, RowPull>();
  for (const task of tasks) {
    if (task.state !== 'running' && task.state !== 'queued') continue;
    const reference = pullTaskReference(task);
    if (!reference) continue;
    const known = pulls.get(reference);
    if (known && known.startedAt >= task.startedAt) continue;
    pulls.set(reference, { taskId: task.id, reference, name: task.title.slice(5), progress: task.progress, startedAt: task.startedAt });
  }
  return pulls;
}

/** The pulls of names the table does not list yet: shown as pending rows above it, oldest first. */
export function pendingPulls(pulls: ReadonlyMap<string, RowPull>, listed: ReadonlySet<string>): RowPull[] {
  return [...pulls.values()].filter((p) => !listed.has(p.reference)).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
