// IPC channel names shared by main and preload (the preload bundles this file, so it holds no Electron code).
export const IPC = {
  /** renderer -> main: an RpcRequest; answers an RpcResponse. */
  rpc: 'berth:rpc',
  /** renderer -> main: the path preload read from a dropped or picked File; answers Reply<FileRef> once main granted it. */
  grantFile: 'berth:grant-file',
  /** renderer -> main: show the native open dialog; answers Reply<FileRef | null>. */
  chooseFile: 'berth:choose-file',
  /** renderer -> main: show the native Save dialog (with a suggested name); answers Reply<FileTargetRef | null>. */
  chooseTarget: 'berth:choose-target',
  /** renderer -> main: rows dragged out of the window (references, file name): write the tarball, then startDrag; answers Reply<null>. */
  dragOut: 'berth:drag-out',
  /** renderer -> main: show a native context menu (a ContextMenuRequest); answers Reply<chosen id | null>. */
  contextMenu: 'berth:context-menu',
  /** main -> renderer: a BerthEvent. */
  event: 'berth:event',
  /** main -> renderer: File ▸ Import… or Load… picked a file; an OpenFileRequest. */
  openFile: 'berth:open-file',
  /** renderer -> main: a file or folder of an image dragged out of the Files tab (reference, path, file name): write it, then startDrag; answers Reply<null>. */
  dragOutFiles: 'berth:drag-out-files',
} as const;
