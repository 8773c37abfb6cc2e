// berth pull's layer lines from task snapshots: piped, a line per phase change (docker leaves out the
// progress-only Downloading ones); on a terminal, one line per layer redrawn in place with cursor movement.
import { describe, expect, it } from 'vitest';
import type { BerthEvent, TaskInfo } from '../../shared/api.js';
import { pullLayerChildId } from '../../shared/pull-layers.js';
import type { BerthService } from '../core/service-api.js';
import { pullOutput } from './pull-output.js';
import { captureIo } from './test-support/capture-io.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;
const MB = 1_000_000;
type Child = TaskInfo['children'][number];
const layer = (digest: string, state: Child['state'], current: number, existed = false): Child =>
  ({ id: pullLayerChildId(digest, existed), title: 'Layer', state, progress: { current, total: existed ? null : 40 * MB } });

function fakeService() {
  let listener: ((event: BerthEvent) => void) | null = null;
  const service = { onEvent: (fn: (event: BerthEvent) => void) => ((listener = fn), () => (listener = null)) } as unknown as BerthService;
  const emit = (state: TaskInfo['state'], children: Child[]) => listener?.({
    type: 'task.update',
    task: { id: 't', kind: 'pull', title: 'Pull', state, progress: { current: 0, total: null }, children, error: null, result: null, startedAt: new Date(0).toISOString(), endedAt: null },
  } as BerthEvent);
  return { service, emit };
}

/** A three-layer pull: B was there, A downloads, C waits for a slot then downloads. */
function play(emit: ReturnType<typeof fakeService>['emit']) {
  emit('running', [layer(A, 'queued', 0), layer(B, 'done', 0, true), layer(C, 'queued', 0)]);
  emit('running', [layer(A, 'running', 10 * MB), layer(B, 'done', 0, true), layer(C, 'queued', 0)]);
  emit('running', [layer(A, 'running', 40 * MB), layer(B, 'done', 0, true), layer(C, 'queued', 0)]);
  emit('running', [layer(A, 'done', 40 * MB), layer(B, 'done', 0, true), layer(C, 'running', 20 * MB)]);
  emit('done', [layer(A, 'done', 40 * MB), layer(B, 'done', 0, true), layer(C, 'done', 40 * MB)]);
}

describe('pullOutput', () => {
  it('piped: docker\'s plain lines, Waiting for the held-back layer, no Downloading', () => {
    const { service, emit } = fakeService();
    const captured = captureIo();
    const output = pullOutput(service, captured.io, '1: Pulling from test/x');
    output.follow('t');
    play(emit);
    output.finish(true);
    expect(captured.stdout()).toBe([
      '1: Pulling from test/x',
      'aaaaaaaaaaaa: Pulling fs layer',
      'bbbbbbbbbbbb: Already exists',
      'cccccccccccc: Pulling fs layer',
      'cccccccccccc: Waiting',
      'aaaaaaaaaaaa: Verifying Checksum',
      'aaaaaaaaaaaa: Download complete',
      'cccccccccccc: Verifying Checksum',
      'cccccccccccc: Download complete',
      '',
    ].join('\n'));
  });

  it('on a terminal: one line per layer, rewritten in place with docker\'s bar', () => {
    const { service, emit } = fakeService();
    const captured = captureIo({ stdoutIsTTY: true, columns: 120, now: () => 4000 });
    const output = pullOutput(service, captured.io, '1: Pulling from test/x');
    output.follow('t');
    play(emit);
    output.finish(true);
    const redraw = (up: number, text: string) => `\x1b[${up}A\r\x1b[2K${text}\r\x1b[${up}B`;
    expect(captured.stdout()).toBe([
      '1: Pulling from test/x\n',
      'aaaaaaaaaaaa: Pulling fs layer\n',
      'bbbbbbbbbbbb: Already exists\n',
      'cccccccccccc: Pulling fs layer\n',
      redraw(3, `aaaaaaaaaaaa: Downloading [============>                                      ]     10MB/40MB 12s`),
      redraw(1, 'cccccccccccc: Waiting'),
      redraw(3, 'aaaaaaaaaaaa: Verifying Checksum'),
      redraw(3, 'aaaaaaaaaaaa: Download complete'),
      redraw(1, `cccccccccccc: Downloading [=========================>                         ]     20MB/40MB 4s`),
      redraw(1, 'cccccccccccc: Download complete'),
    ].join(''));
  });
});
