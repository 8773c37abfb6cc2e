// `berth pull`'s docker-style lines, drawn from the pull task's snapshots (shared/pull-layers.ts names its
// children and their phases): the header once the layers are known, then a line per layer in manifest order —
// `Pulling fs layer` or `Already exists`, `Waiting`, `Downloading`, `Verifying Checksum`, `Download complete`.
//
// As docker's jsonmessage does it: on a terminal each layer keeps ONE line, rewritten in place (cursor up to it,
// erase, write, cursor back down), `Downloading` with its bar (`[=====>     ]  12.3MB/45.6MB 3s`); piped, every
// change is a new line and the progress-only `Downloading` ones are left out.
import type { TaskInfo } from '../../shared/api.js';
import { PULL_LAYER_STATUS, parsePullLayerChild, pullLayerPhase, shortLayerId, type PullLayerPhase } from '../../shared/pull-layers.js';
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

interface Layer {
  digest: string;
  phase: PullLayerPhase;
  current: number;
  total: number | null;
}

/** The phases a piped pull prints, in docker's order; `Downloading` carries only progress and is left out. */
const PLAIN_ORDER: readonly PullLayerPhase[] = ['waiting', 'verifying', 'done'];

export function pullOutput(service: BerthService, io: CliIo, header: string): PullOutput {
  const terminal = io.stdoutIsTTY === true;
  const raw = (text: string) => (io.stdout.writeRaw ?? io.stdout.write).call(io.stdout, text);
  let headerShown = false;
  /** Layers in the order their lines were printed (a terminal's rows). */
  const rows: string[] = [];
  const shownText = new Map<string, string>();
  /** Piped: the phases already printed for each layer. */
  const printed = new Map<string, Set<PullLayerPhase>>();

  const showHeader = () => {
    if (!headerShown) io.stdout.write(`${header}\n`);
    headerShown = true;
  };

  const layersOf = (task: TaskInfo): Layer[] => task.children.flatMap((child) => {
    const phase = pullLayerPhase(child);
    const layer = parsePullLayerChild(child.id);
    return phase && layer ? [{ digest: layer.digest, phase, current: child.progress.current, total: child.progress.total }] : [];
  });

  /** Terminal: the layer's one line, added below the others or redrawn where it is. */
  const drawRow = (digest: string, text: string) => {
    if (shownText.get(digest) === text) return;
    shownText.set(digest, text);
    const line = `${shortLayerId(digest)}: ${text}`;
    const row = rows.indexOf(digest);
    if (row < 0) {
      rows.push(digest);
      io.stdout.write(`${line}\n`);
      return;
    }
    // The cursor rests at the start of the line under the block: go up to the row, rewrite it, come back.
    const up = rows.length - row;
    raw(`\x1b[${up}A\r\x1b[2K`);
    io.stdout.write(line);
    raw(`\r\x1b[${up}B`);
  };

  const renderTerminal = (task: TaskInfo, layers: Layer[]) => {
    for (const layer of layers) {
      let text: string;
      if (layer.phase === 'downloading') {
        const bar = progressText(layer.current, layer.total, io.columns || 200, io.now() - Date.parse(task.startedAt));
        text = bar ? `${PULL_LAYER_STATUS.downloading} ${bar}` : rows.includes(layer.digest) ? PULL_LAYER_STATUS.downloading : 'Pulling fs layer';
      } else if (layer.phase === 'waiting' && !rows.includes(layer.digest)) {
        text = 'Pulling fs layer';
      } else {
        text = PULL_LAYER_STATUS[layer.phase];
      }
      drawRow(layer.digest, text);
    }
  };

  const renderPlain = (layers: Layer[], final: boolean) => {
    const othersStarted = layers.some((l) => l.phase !== 'exists' && l.phase !== 'waiting');
    for (const layer of layers) {
      let seen = printed.get(layer.digest);
      if (!seen) {
        printed.set(layer.digest, (seen = new Set()));
        io.stdout.write(`${shortLayerId(layer.digest)}: ${layer.phase === 'exists' ? PULL_LAYER_STATUS.exists : 'Pulling fs layer'}\n`);
        if (layer.phase === 'exists') continue;
      }
      if (layer.phase === 'exists' || layer.phase === 'failed' || layer.phase === 'cancelled') continue;
      // Docker says "Waiting" of a layer held back while others download; every later phase implies the earlier.
      const reached = PLAIN_ORDER.indexOf(layer.phase === 'downloading' ? 'waiting' : layer.phase);
      for (const phase of PLAIN_ORDER.slice(0, reached + 1)) {
        if (seen.has(phase)) continue;
        if (phase === 'waiting') {
          // Printed once others run and this one still waits; never once it has started.
          if (layer.phase !== 'waiting') seen.add(phase);
          else if (othersStarted && !final) {
            seen.add(phase);
            io.stdout.write(`${shortLayerId(layer.digest)}: ${PULL_LAYER_STATUS.waiting}\n`);
          }
          continue;
        }
        seen.add(phase);
        io.stdout.write(`${shortLayerId(layer.digest)}: ${PULL_LAYER_STATUS[phase]}\n`);
      }
    }
  };

  const render = (task: TaskInfo, final: boolean) => {
    const layers = layersOf(task);
    if (layers.length > 0 || (final && task.state === 'done')) showHeader();
    if (terminal) renderTerminal(task, layers);
    else renderPlain(layers, final);
  };

  const follower = followTask(service, (task) => render(task, false));
  return {
    follow: (id) => follower.follow(id),
    finish(succeeded) {
      const last = follower.stop();
      if (succeeded && last) render(last, true);
    },
  };
}
