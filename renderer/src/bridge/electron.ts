// Electron's `window.berth` (shared/preload-api.ts) as the BerthBridge the page uses: the API built over the
// preload's generic invoke, with replies and errors arriving as plain data.
import type { PreloadApi } from '../../../shared/preload-api.js';
import { watchLiveness } from './liveness.js';
import { apiOver, unwrap } from './methods.js';
import type { ConnectionState, ShellBridge } from './types.js';

export function electronBridge(preload: PreloadApi): ShellBridge {
  let nextId = 1;
  const api = apiOver((method, args) => preload.invoke({ id: nextId++, method, args }));
  return {
    ...api,
    // IPC never disconnects, but a main process that stops answering is as gone as a stopped `berth serve`.
    onConnection: (listener) => watchLiveness(() => api.info(), (state: ConnectionState) => listener(state)),
    shell: 'electron',
    onEvent: (listener) => preload.onEvent(listener),
    onOpenFile: (listener) => preload.onOpenFile(listener),
    fileRef: async (file) => unwrap(await preload.grantFile(file)),
    chooseFile: async (purpose) => unwrap(await preload.chooseFile(purpose)),
    dragOut: async (references, name) => {
      unwrap(await preload.dragOut(references, name));
    },
    fileTarget: async (suggestedName) => {
      const ref = unwrap(await preload.chooseTarget(suggestedName));
      return ref ? { ref } : null;
    },
    showContextMenu: async (request) => ({ native: true, chosen: unwrap(await preload.showContextMenu(request)) }),
    dragOutFiles: async (reference, path, name) => {
      unwrap(await preload.dragOutFiles(reference, path, name));
    },
  };
}
