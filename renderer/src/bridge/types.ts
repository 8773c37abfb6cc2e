// What the page sees of its shell: the shared contract plus the few shell-only hooks.
import type { BerthBridge, FileSource } from '../../../shared/api.js';

/** The shell asks the page to open a dialog on a file the user picked outside the page (Electron's File ▸ Import…). */
export interface OpenFileRequest {
  purpose: 'import' | 'load';
  source: FileSource;
  /** The file's base name, for the dialog's title and a default reference. */
  name: string;
}

/** The bridge `getBridge()` returns. Assignable to BerthBridge; the extras are optional because only some shells have them. */
export interface ShellBridge extends BerthBridge {
  /** Electron only: the application menu picked a file and wants the page's import (or load) dialog for it. */
  onOpenFile?(listener: (request: OpenFileRequest) => void): () => void;
}

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a browser. */
    berth?: ShellBridge;
  }
}
