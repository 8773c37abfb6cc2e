// What the page sees of its shell: the shared contract plus the few shell-only hooks.
import type { BerthBridge } from '../../../shared/api.js';
import type { OpenFileRequest, PreloadApi } from '../../../shared/preload-api.js';

export type { OpenFileRequest };

/** The bridge `getBridge()` returns. Assignable to BerthBridge; the extras are optional because only some shells have them. */
export interface ShellBridge extends BerthBridge {
  /** Electron only: the application menu picked a file and wants the page's import (or load) dialog for it. */
  onOpenFile?(listener: (request: OpenFileRequest) => void): () => void;
}

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a browser. */
    berth?: PreloadApi;
  }
}
