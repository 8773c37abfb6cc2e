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
      return 'ok';
    });
    expect(result).toBe('ok');
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
    await manager.run('import', 'Import w', async (ctx) => {
      const layer = ctx.child('sha256:abc', 'Layer abc');
      layer.progress(5, 10);
      layer.finish();
    });
    expect(events.at(-1)!.children).toEqual([{ id: 'sha256:abc', title: 'Layer abc', state: 'done', progress: { current: 5, total: 10 } }]);
  });
});
