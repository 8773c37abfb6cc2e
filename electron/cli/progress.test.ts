import { describe, expect, it } from 'vitest';
import type { BerthEvent, TaskInfo } from '../../shared/api.js';
import type { BerthService } from '../core/service-api.js';
import type { CliIo } from './output.js';
import { goDuration, progressText, showTaskProgress } from './progress.js';

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

describe('showTaskProgress', () => {
  it('redraws one line on stderr from task events and ends it', () => {
    let listener: ((event: BerthEvent) => void) | null = null;
    const service = { onEvent: (l: (event: BerthEvent) => void) => ((listener = l), () => (listener = null)) } as unknown as BerthService;
    let stderr = '';
    const io = { stderr: { write: (t: string) => void (stderr += t) }, columns: 80, now: () => Date.parse('2024-01-01T00:00:10Z') } as CliIo;
    const stop = showTaskProgress(service, io, 'import', 'Importing');
    const task = (current: number): TaskInfo => ({
      id: 't1', kind: 'import', title: 'Import', state: 'running', progress: { current, total: 2000 }, children: [], error: null,
      startedAt: '2024-01-01T00:00:00Z', endedAt: null,
    });
    listener!({ type: 'task.update', task: task(1000) });
    listener!({ type: 'task.update', task: { ...task(5), id: 'other' } });
    stop(true);
    expect(listener).toBeNull();
    expect(stderr).toBe('\r\x1b[2KImporting      1kB/2kB 10s\r\x1b[2KImporting      2kB/2kB\n');
  });
});
