// `berth pull`'s docker-style lines, drawn from the pull task's snapshots (shared/pull-layers.ts names its
// children): the header once the layers are known, `Pulling fs layer` / `Already exists` for each in manifest
// order, `Download complete` as each ends. On a terminal the overall `Downloading [==>  ] 12MB/40MB` line sits on
// stderr under them (erased before each new line); piped, only the plain lines are printed.
import type { TaskInfo } from '../../shared/api.js';
import { parsePullLayerChild, shortLayerId } from '../../shared/pull-layers.js';
import type { BerthService } from '../core/service-api.js';
import type { CliIo } from './output.js';
import { progressText } from './progress.js';
import { followTask } from './task-follower.js';

export interface PullOutput {
  /** From now on print this task (the caller's own), starting from any snapshot already seen. */
  follow(taskId: string): void;
  /** Prints what the final snapshot adds (the header of an up-to-date pull included), then stops listening. */
  finish(succeeded: boolean): void;
}

export function pullOutput(service: BerthService, io: CliIo, header: string): PullOutput {
  let headerShown = false;
  let barDrawn = false;
  const announced = new Set<string>();
  const completed = new Set<string>();
  const raw = (text: string) => (io.stderr.writeRaw ?? io.stderr.write).call(io.stderr, text);

  const clearBar = () => {
    if (barDrawn) raw('\r\x1b[2K');
    barDrawn = false;
  };
  const line = (text: string) => {
    clearBar();
    io.stdout.write(`${text}\n`);
  };
  const showHeader = () => {
    if (!headerShown) line(header);
    headerShown = true;
  };

  const render = (task: TaskInfo, final: boolean) => {
    const layers = task.children.flatMap((c) => {
      const layer = parsePullLayerChild(c.id);
      return layer ? [{ ...layer, state: c.state }] : [];
    });
    if (layers.length > 0 || (final && task.state === 'done')) showHeader();
    for (const layer of layers) {
      if (announced.has(layer.digest)) continue;
      announced.add(layer.digest);
      line(`${shortLayerId(layer.digest)}: ${layer.existed ? 'Already exists' : 'Pulling fs layer'}`);
      if (layer.existed) completed.add(layer.digest);
    }
    for (const layer of layers) {
      if (completed.has(layer.digest) || layer.state !== 'done') continue;
      completed.add(layer.digest);
      line(`${shortLayerId(layer.digest)}: Download complete`);
    }
    if (io.stderrIsTTY && !final && task.state === 'running') {
      const text = progressText(task.progress.current, task.progress.total, io.columns, io.now() - Date.parse(task.startedAt));
      if (text) {
        clearBar();
        io.stderr.write(`Downloading ${text}`);
        barDrawn = true;
      }
    }
  };

  const follower = followTask(service, (task) => render(task, false));
  return {
    follow: (id) => follower.follow(id),
    finish(succeeded) {
      const last = follower.stop();
      if (succeeded && last) render(last, true);
      clearBar();
    },
  };
}
