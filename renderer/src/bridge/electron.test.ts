import { describe, expect, it, vi } from 'vitest';
import type { RpcRequest } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import type { PreloadApi } from '../../../shared/preload-api.js';
import { BERTH_METHODS } from '../../../shared/rpc-signatures.js';
import { electronBridge } from './electron.js';

function fakePreload(overrides: Partial<PreloadApi> = {}) {
  const requests: RpcRequest[] = [];
  const unsubscribe = () => {};
  const preload: PreloadApi = {
    shell: 'electron',
    invoke: async (request) => {
      requests.push(request);
      return request.method === 'listImages'
        ? { id: request.id, ok: false, error: { code: 'UNAUTHORIZED', message: 'no' } }
        : { id: request.id, ok: true, value: { version: '1' } };
    },
    grantFile: async () => ({ ok: true, value: { fileId: 'f1', name: 'a.tar', size: 3 } }),
    chooseFile: async () => ({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'purpose must be import or load' } }),
    onEvent: () => unsubscribe,
    onOpenFile: () => unsubscribe,
    showContextMenu: async (request) => ({ ok: true, value: request.items[1]?.id ?? null }),
    dragOut: async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No such image: x' } }),
    dragOutFiles: async () => ({ ok: false, error: { code: 'NOT_FOUND', message: '/nope does not exist in x' } }),
    chooseTarget: async (name) => (name === 'cancel.tar' ? { ok: true, value: null } : { ok: true, value: { targetId: 't1', name } }),
    ...overrides,
  };
  return { preload, requests, unsubscribe };
}

describe('Electron bridge', () => {
  it('offers every contract method, each sent as one RpcRequest with trailing absent arguments left off', async () => {
    const { preload, requests } = fakePreload();
    const bridge = electronBridge(preload);
    for (const method of BERTH_METHODS) expect(typeof bridge[method]).toBe('function');
    await expect(bridge.info()).resolves.toEqual({ version: '1' });
    await bridge.remove(['a'], undefined);
    expect(requests.map(({ method, args }) => ({ method, args }))).toEqual([{ method: 'info', args: [] }, { method: 'remove', args: [['a']] }]);
    expect(new Set(requests.map((r) => r.id)).size).toBe(2);
  });

  it('throws typed errors from the payload, never parsed from a message', async () => {
    const bridge = electronBridge(fakePreload().preload);
    const failure = await bridge.listImages().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(BerthError);
    expect(failure).toMatchObject({ code: 'UNAUTHORIZED', message: 'no' });
    await expect(bridge.chooseFile!('import')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(bridge.fileRef(new Blob(['abc']) as File)).resolves.toEqual({ fileId: 'f1', name: 'a.tar', size: 3 });
  });

  it('asks the native Save dialog for a target: a ref to save to, nothing to deliver, null when cancelled', async () => {
    const bridge = electronBridge(fakePreload().preload);
    await expect(bridge.fileTarget!('alpine_3.19.tar')).resolves.toEqual({ ref: { targetId: 't1', name: 'alpine_3.19.tar' } });
    await expect(bridge.fileTarget!('cancel.tar')).resolves.toBeNull();
    const failing = electronBridge(fakePreload({ chooseTarget: async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no folder' } }) }).preload);
    await expect(failing.fileTarget!('x.tar')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A drag out whose save fails says why, as a typed error.
    await expect(electronBridge(fakePreload().preload).dragOut!(['x'], 'x.tar')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(electronBridge(fakePreload().preload).dragOutFiles!('x', '/nope', 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows context menus natively and answers the chosen id, or null when dismissed', async () => {
    const bridge = electronBridge(fakePreload().preload);
    await expect(bridge.showContextMenu({ items: [{ id: 'copy', label: 'Copy' }, { id: 'tag', label: 'Tag…' }] })).resolves.toEqual({ native: true, chosen: 'tag' });
    await expect(bridge.showContextMenu({ items: [{ id: 'copy', label: 'Copy' }] })).resolves.toEqual({ native: true, chosen: null });
    const failing = electronBridge(fakePreload({ showContextMenu: async () => ({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'context menu: bad' } }) }).preload);
    await expect(failing.showContextMenu({ items: [] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('hands event subscriptions straight to the preload', () => {
    const { preload, unsubscribe } = fakePreload();
    const bridge = electronBridge(preload);
    expect(bridge.onEvent(() => {})).toBe(unsubscribe);
    expect(bridge.onOpenFile!(() => {})).toBe(unsubscribe);
    expect(bridge.shell).toBe('electron');
  });

  it('reports a main process that stops answering as lost, and connected again when it answers', async () => {
    vi.useFakeTimers();
    try {
      let hang: ((value: { id: number; ok: true; value: unknown }) => void) | null = null;
      let hung = false;
      const { preload } = fakePreload({
        invoke: (request) =>
          hung ? new Promise((resolve) => (hang = resolve)) : Promise.resolve({ id: request.id, ok: true, value: { version: '1' } }),
      });
      const states: string[] = [];
      const stop = electronBridge(preload).onConnection!((state) => states.push(state));
      await vi.advanceTimersByTimeAsync(0);
      expect(states).toEqual(['connected']);
      hung = true;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(states).toEqual(['connected', 'lost']);
      hang!({ id: 0, ok: true, value: { version: '1' } });
      await vi.advanceTimersByTimeAsync(0);
      expect(states).toEqual(['connected', 'lost', 'connected']);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
