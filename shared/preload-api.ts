// What Electron's preload exposes as `window.berth`, and nothing more: a generic RPC door plus the shell's file and
// event hooks. Everything returns plain data — errors included, as typed {code, message} payloads — because
// contextBridge keeps only the message of a thrown Error. renderer/src/bridge/electron.ts builds the BerthBridge
// from it, with the method list derived from shared/rpc-signatures.ts.
import type { BerthEvent, FileRef, FileTargetRef, Reply, RpcRequest, RpcResponse } from './api.js';

/** The shell asks the page to open a dialog on a file the user picked outside the page (File ▸ Import…). */
export interface OpenFileRequest {
  purpose: 'import' | 'load';
  file: FileRef;
}

/** One entry of a context menu the page asks the shell to show; `id` is what comes back when it is chosen. */
export interface ContextMenuItem {
  id: string;
  label: string;
  /** Default true. */
  enabled?: boolean;
  /** Draws a separator above this entry. */
  separatorBefore?: boolean;
}

export interface ContextMenuRequest {
  items: ContextMenuItem[];
  /** Where to open it, in CSS pixels from the window's top-left; default the mouse pointer. */
  x?: number;
  y?: number;
}

export interface PreloadApi {
  readonly shell: 'electron';
  invoke(request: RpcRequest): Promise<RpcResponse>;
  /** A File dropped on the page or picked with <input type=file>: main checks its path and grants it. */
  grantFile(file: File): Promise<Reply<FileRef>>;
  chooseFile(purpose: 'import' | 'load'): Promise<Reply<FileRef | null>>;
  /** The native Save dialog, with a suggested name; main grants the chosen path as a target (null: cancelled). */
  chooseTarget(suggestedName: string): Promise<Reply<FileTargetRef | null>>;
  /** Rows dragged out of the window: main writes their tarball (a save task), then starts the OS drag of it. */
  dragOut(references: string[], name: string): Promise<Reply<null>>;
  onEvent(listener: (event: BerthEvent) => void): () => void;
  onOpenFile(listener: (request: OpenFileRequest) => void): () => void;
  /** A native context menu; answers the chosen item's id, or null when it was dismissed. */
  showContextMenu(request: ContextMenuRequest): Promise<Reply<string | null>>;
  /** A path of an image dragged out of the Files tab: main writes it (a file as itself, a folder as a tar), then starts the OS drag. */
  dragOutFiles(reference: string, path: string, name: string): Promise<Reply<null>>;
}
