import { describe, expect, it } from 'vitest';
import type { BerthEvent, TaskInfo } from '../../shared/api.js';
import type { BerthService } from '../core/service-api.js';
import type { CliIo } from './output.js';
import { goDuration, progressText, taskProgressLine } from './progress.js';

describe('progressText (docker jsonmessage.JSONProgress)', () => {
  it('shows the bar only on terminals wider than 110 columns', () => {
    expect(progressText(12_300_000, 1_200_000_000, 80, 0)).toBe('  12.3MB/1.2GB');
    expect(progressText(600_000_000, 1_200_000_000, 120, 0)).toBe(`[${'='.repeat(25)}>${' '.repeat(25)}]    600MB/1.2GB`);
    expect(progressText(1_200_000_000, 1_200_000_000, 120, 0)).toBe(`[${'='.repeat(50)}>]    1.2GB/1.2GB`);
  });

  it('estimates the time left and copes with unknown or wonky totals', () => {
    expect(progressText(100, 400, 80, 10_000)).toBe('    100B/400B 30s');
    expect(progressText(5_000, null, 80, 1_000)).toBe('     5kB');
    expect(progressText(500, 400, 80, 1_000)).toBe('    500B');
    expect(progressText(0, 0, 80, 0)).toBe('');
    expect(goDuration(3725)).toBe('1h2m5s');
    expect(goDuration(90)).toBe('1m30s');
  });
});

describe('taskProgressLine', () => {
  function setup() {
    let listener: ((event: BerthEvent) => void) | null = null;
    const service = { onEvent: (l: (event: BerthEvent) => void) => ((listener = l), () => (listener = null)) } as unknown as BerthService;
    const out = { stderr: '' };
    const io = { stderr: { write: (t: string) => void (out.stderr += t) }, columns: 80, now: () => Date.parse('2024-01-01T00:00:10Z') } as CliIo;
    const task = (id: string, current: number): TaskInfo => ({
      id, kind: 'import', title: 'Import', state: 'running', progress: { current, total: 2000 }, children: [], error: null, result: null,
      startedAt: '2024-01-01T00:00:00Z', endedAt: null,
    });
    return { send: (t: TaskInfo) => listener!({ type: 'task.update', task: t }), isListening: () => listener !== null, service, io, out, task };
  }

  it('draws only the task it follows, including an update that came before the handle, and ends the line', () => {
    const { send, isListening, service, io, out, task } = setup();
    const line = taskProgressLine(service, io, 'Importing');
    // Another caller's import starts first, then ours announces itself before its handle is back.
    send(task('other', 5));
    send(task('mine', 500));
    expect(out.stderr).toBe('');
    line.follow('mine');
    send(task('other', 1900));
    send(task('mine', 1000));
    line.stop(true);
    expect(isListening()).toBe(false);
    expect(out.stderr).toBe('\r\x1b[2KImporting     500B/2kB 30s\r\x1b[2KImporting      1kB/2kB 10s\r\x1b[2KImporting      2kB/2kB\n');
  });

  it('clears the line without completing it when the task failed', () => {
    const { send, service, io, out, task } = setup();
    const line = taskProgressLine(service, io, 'Importing');
    line.follow('mine');
    send(task('mine', 1000));
    line.stop(false);
    expect(out.stderr).toBe('\r\x1b[2KImporting      1kB/2kB 10s\r\x1b[2K');
  });
});
