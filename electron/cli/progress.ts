// Docker's progress line (jsonmessage.JSONProgress) on a terminal, fed by the service's task events:
// `Importing [=========>          ]  12.3MB/1.2GB 8s`; the bar only when the terminal is wider than 110 columns.
import type { TaskInfo } from '../../shared/api.js';
import { humanSize } from '../../shared/format.js';
import type { BerthService } from '../core/service-api.js';
import type { CliIo } from './output.js';
import { followTask } from './task-follower.js';

export function progressText(current: number, total: number | null, width: number, elapsedMs: number): string {
  if (current <= 0 && (total ?? 0) <= 0) return '';
  if (total === null || total <= 0) return humanSize(current, 4).padStart(8);
  const percentage = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  const bar = width > 110 ? `[${'='.repeat(percentage)}>${' '.repeat(50 - percentage)}] ` : '';
  const numbers = current > total
    ? humanSize(current, 4).padStart(8)
    : `${humanSize(current, 4).padStart(8)}/${humanSize(total, 4)}`;
  let left = '';
  if (current > 0 && elapsedMs > 0 && percentage < 50) {
    left = ' ' + goDuration(Math.round(((total - current) * (elapsedMs / current)) / 1000));
  }
  return bar + numbers + left;
}

/** Go's time.Duration.String() for whole seconds: "0s", "45s", "1m30s", "2h0m5s". */
export function goDuration(seconds: number): string {
  const h = Math.trunc(seconds / 3600);
  const m = Math.trunc((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

export interface TaskProgressLine {
  /** From now on draw this task (the handle the service returned): never another caller's. */
  follow(taskId: string): void;
  /** Ends the line: completed to 100 % when the task finished well. */
  stop(done: boolean): void;
}

/** Draws one task's progress on stderr (task-follower.ts picks the caller's own task out of the events). */
export function taskProgressLine(service: BerthService, io: CliIo, label: string): TaskProgressLine {
  let drawn = false;
  const draw = (task: TaskInfo): void => {
    const elapsed = io.now() - Date.parse(task.startedAt);
    const text = progressText(task.progress.current, task.progress.total, io.columns, elapsed);
    if (!text) return;
    const raw = io.stderr.writeRaw ?? io.stderr.write;
    raw.call(io.stderr, '\r\x1b[2K');
    io.stderr.write(`${label} ${text}`);
    drawn = true;
  };
  const follower = followTask(service, draw);
  return {
    follow: (id) => follower.follow(id),
    stop(done) {
      const finished = follower.stop();
      if (done && finished && finished.progress.total !== null && finished.progress.current !== finished.progress.total) {
        draw({ ...finished, progress: { current: finished.progress.total, total: finished.progress.total } });
      }
      if (drawn) (io.stderr.writeRaw ?? io.stderr.write).call(io.stderr, done ? '\n' : '\r\x1b[2K');
    },
  };
}
