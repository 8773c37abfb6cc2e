// What the page sees of its shell: the shared contract plus the few shell-only hooks.
import type { BerthBridge, FileTargetRef } from '../../../shared/api.js';
import type { ContextMenuRequest, OpenFileRequest, PreloadApi } from '../../../shared/preload-api.js';

export type { ContextMenuItem, ContextMenuRequest } from '../../../shared/preload-api.js';
export type { OpenFileRequest };

/** A shell with native menus answers what was chosen (null: dismissed); a browser says so and the page draws its own. */
export type ContextMenuResult = { native: true; chosen: string | null } | { native: false };

/** A place the shell lets a save write: the ref for `save`, and (browser) how the bytes reach the user. */
export interface FileTarget {
  ref: FileTargetRef;
  /** The browser shell: starts the download of what the save writes. Absent where the file is written in place. */
  deliver?(): void;
  /** The browser shell: the one-use absolute URL of the bytes (what `deliver` opens), for a DownloadURL drag. */
  url?: string;
}

/** Whether the page can reach its shell: `lost` once a working connection drops (or the first attempt fails). */
export type ConnectionState = 'connected' | 'connecting' | 'lost';

/** The bridge `getBridge()` returns. Assignable to BerthBridge; the extras are optional because only some shells have them. */
export interface ShellBridge extends BerthBridge {
  /** Electron only: the application menu picked a file and wants the page's import (or load) dialog for it. */
  onOpenFile?(listener: (request: OpenFileRequest) => void): () => void;
  /** `berth serve` only: the connection's state now and whenever it changes. */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
  /**
   * Where a save writes, the shell's way: Electron asks with its native Save dialog (null: the user cancelled);
   * `berth serve` makes a download, which the browser starts once `deliver()` is called (after `save` began).
   */
  fileTarget?(suggestedName: string): Promise<FileTarget | null>;
  /** Electron only: writes these images' tarball, then drags it out of the window (webContents.startDrag). */
  dragOut?(references: string[], name: string): Promise<void>;
  /** Shows a context menu the shell's own way: Electron natively; `berth serve` answers `{native: false}`. */
  showContextMenu(request: ContextMenuRequest): Promise<ContextMenuResult>;
  /** Electron only: writes a file or folder of the image (saveImageFiles), then drags it out of the window. */
  dragOutFiles?(reference: string, path: string, name: string): Promise<void>;
}

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a browser. */
    berth?: PreloadApi;
  }
}
