// Tasks: throttled progress events, cancellation through the signal, failures kept with their code.
import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { TaskManager } from './task-manager.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder() {
  const events: TaskInfo[] = [];
  return { events, manager: new TaskManager((task) => events.push(task)) };
}

describe('TaskManager', () => {
  it('sends about ten progress events a second, and always the final state', async () => {
    const { events, manager } = recorder();
    const result = await manager.run('import', 'Import x', async (ctx) => {
      for (let i = 1; i <= 60; i++) {
        ctx.progress(i, 60);
        await sleep(5);
      }
      return { id: 'sha256:1', reference: null, manifestDigest: 'sha256:2' };
    });
    expect(result).toEqual({ id: 'sha256:1', reference: null, manifestDigest: 'sha256:2' });
    // 60 updates over at least 300 ms: the start, at most one per 100 ms, and the end.
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.length).toBeLessThanOrEqual(8);
    expect(events.at(-1)).toMatchObject({ state: 'done', progress: { current: 60, total: 60 }, error: null });
    expect(events.at(-1)!.endedAt).not.toBeNull();
  });

  it('cancels through the signal and reports CANCELLED, whatever the work threw', async () => {
    const { events, manager } = recorder();
    const running = manager.run('import', 'Import y', (ctx) => new Promise((_, reject) => {
      ctx.signal.addEventListener('abort', () => reject(new Error('stream destroyed')));
    }));
    const id = events[0]!.id;
    manager.cancel(id);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED', message: 'Import y: cancelled' });
    expect(manager.list()[0]).toMatchObject({ id, state: 'cancelled', error: { code: 'CANCELLED' } });
  });

  it('keeps a failure with its code, and names an unknown task', async () => {
    const { manager } = recorder();
    await expect(manager.run('import', 'Import z', async () => {
      throw new BerthError('INVALID_ARCHIVE', 'not a tar archive');
    })).rejects.toMatchObject({ code: 'INVALID_ARCHIVE' });
    expect(manager.list()[0]).toMatchObject({ state: 'failed', error: { code: 'INVALID_ARCHIVE', message: 'not a tar archive' } });
    expect(() => manager.cancel('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'No such task: nope' }));
  });

  it('reports child progress inside the parent task', async () => {
    const { events, manager } = recorder();
    await manager.run('gc', 'Collect', async (ctx) => {
      const layer = ctx.child('sha256:abc', 'Layer abc');
      layer.progress(5, 10);
      layer.finish();
      return null;
    });
    expect(events.at(-1)!.children).toEqual([{ id: 'sha256:abc', title: 'Layer abc', state: 'done', progress: { current: 5, total: 10 } }]);
  });

  it('announces several children in one update (a pull\'s layers: all of them or none)', async () => {
    const { events, manager } = recorder();
    await manager.run('gc', 'Collect', async (ctx) => {
      await sleep(120); // past the throttle, so a lone child() would be sent at once on its own
      ctx.children([{ id: 'a', title: 'A' }, { id: 'b', title: 'B', state: 'done' }]);
      return null;
    });
    const sizes = events.map((e) => e.children.length);
    expect(sizes).not.toContain(1);
    expect(events.at(-1)!.children.map((c) => [c.id, c.state])).toEqual([['a', 'running'], ['b', 'done']]);
  });

  it('hands out the handle before the work ends, and keeps the outcome for a late wait', async () => {
    const { events, manager } = recorder();
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const handle = manager.start('gc', 'Collect', async () => {
      await gate;
      return null;
    });
    expect(handle).toEqual({ taskId: events[0]!.id, kind: 'gc' });
    expect(manager.list()[0]).toMatchObject({ state: 'running', result: null, endedAt: null });
    finish();
    const ended = await manager.wait(handle.taskId);
    expect(ended).toMatchObject({ state: 'done', result: null });
    // Long after the end, the same answer at once.
    await sleep(20);
    expect(await manager.wait(handle.taskId)).toEqual(ended);
    await expect(manager.wait('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never leaves a failed task as an unhandled rejection when nobody waits for it', async () => {
    const { manager } = recorder();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const handle = manager.start('gc', 'Collect', async () => {
        throw new BerthError('STORE_CORRUPT', 'broken');
      });
      await sleep(20);
      expect(manager.list().find((t) => t.id === handle.taskId)).toMatchObject({ state: 'failed', error: { code: 'STORE_CORRUPT' } });
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
