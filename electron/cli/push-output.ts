// `berth push`'s docker-style lines, drawn from the push task's snapshots (shared/push-layers.ts names its
// children): a line per layer each time its state changes (Preparing first, as docker always prints it, then
// Waiting, Layer already exists, Mounted from REPO, Pushed). Docker prints `Pushing` only as a live bar on a terminal; so does Berth: the overall
// `Pushing [==>  ] 12MB/40MB` line sits on stderr under the layer lines (erased before each new line), and
// piped output has only the plain lines.
import type { TaskInfo } from '../../shared/api.js';
import { PUSH_STATES, parsePushLayerChild } from '../../shared/push-layers.js';
import { shortLayerId } from '../../shared/pull-layers.js';
import type { BerthService } from '../core/service-api.js';
import type { CliIo } from './output.js';
import { progressText } from './progress.js';
import { followTask } from './task-follower.js';

export interface PushOutput {
  follow(taskId: string): void;
  /** Prints what the final snapshot adds, then stops listening. */
  finish(succeeded: boolean): void;
}

export function pushOutput(service: BerthService, io: CliIo): PushOutput {
  let barDrawn = false;
  const shown = new Map<string, string>();
  const raw = (text: string) => (io.stderr.writeRaw ?? io.stderr.write).call(io.stderr, text);
  const clearBar = () => {
    if (barDrawn) raw('\r\x1b[2K');
    barDrawn = false;
  };
  const line = (text: string) => {
    clearBar();
    io.stdout.write(`${text}\n`);
  };

  const render = (task: TaskInfo, final: boolean) => {
    for (const child of task.children) {
      const digest = parsePushLayerChild(child.id);
      if (!digest || shown.get(digest) === child.title) continue;
      // docker opens every layer with Preparing; a layer first seen further on (a fast push) still gets that line.
      if (!shown.has(digest) && child.title !== PUSH_STATES.preparing) line(`${shortLayerId(digest)}: ${PUSH_STATES.preparing}`);
      if (child.title === PUSH_STATES.pushing && !io.stderrIsTTY) continue;
      shown.set(digest, child.title);
      line(`${shortLayerId(digest)}: ${child.title}`);
    }
    if (io.stderrIsTTY && !final && task.state === 'running' && task.progress.current > 0) {
      const text = progressText(task.progress.current, task.progress.total, io.columns, io.now() - Date.parse(task.startedAt));
      if (text) {
        clearBar();
        io.stderr.write(`Pushing ${text}`);
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
