import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../../shared/api';
import { pendingPulls, pullTaskReference, runningPulls } from './row-pulls';

function task(over: Partial<TaskInfo>): TaskInfo {
  return {
    id: 't', kind: 'pull', title: 'Pull ubuntu:22.04', state: 'running', progress: { current: 5, total: 10 }, children: [], error: null, result: null,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, ...over,
  } as TaskInfo;
}

describe('row pulls', () => {
  it('reads the reference a pull task tags from its title; none for a digest, another kind or a bad name', () => {
    expect(pullTaskReference(task({}))).toBe('docker.io/library/ubuntu:22.04');
    expect(pullTaskReference(task({ title: 'Pull 127.0.0.1:5000/test/app:1' }))).toBe('127.0.0.1:5000/test/app:1');
    expect(pullTaskReference(task({ title: `Pull ubuntu@sha256:${'a'.repeat(64)}` }))).toBeNull();
    expect(pullTaskReference(task({ kind: 'import', title: 'Pull ubuntu' }))).toBeNull();
    expect(pullTaskReference(task({ title: 'Pull Bad/Name' }))).toBeNull();
  });

  it('keeps running pulls only, the newest per reference, and lists the unlisted ones as pending', () => {
    const pulls = runningPulls([
      task({ id: 'a' }),
      task({ id: 'b', startedAt: '2026-01-01T00:00:05.000Z' }),
      task({ id: 'c', title: 'Pull busybox', state: 'done' }),
      task({ id: 'd', title: 'Pull alpine:3', startedAt: '2026-01-01T00:00:01.000Z' }),
    ]);
    expect([...pulls.keys()]).toEqual(['docker.io/library/ubuntu:22.04', 'docker.io/library/alpine:3']);
    expect(pulls.get('docker.io/library/ubuntu:22.04')!.taskId).toBe('b');
    expect(pendingPulls(pulls, new Set(['docker.io/library/ubuntu:22.04'])).map((p) => p.name)).toEqual(['alpine:3']);
  });
});
