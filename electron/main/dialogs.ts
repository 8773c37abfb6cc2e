// Native dialogs: the only way (with drops) a path reaches the app.
import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import path from 'node:path';

const TARBALL_EXTENSIONS = ['tar', 'gz', 'tgz', 'xz', 'txz', 'zst', 'tzst', 'bz2'];

export async function chooseTarball(window: BrowserWindow, purpose: 'import' | 'load'): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, {
    title: purpose === 'import' ? 'Import a root filesystem tarball' : 'Load an image archive',
    buttonLabel: purpose === 'import' ? 'Import' : 'Load',
    properties: ['openFile'],
    filters: [
      { name: 'Tarballs', extensions: TARBALL_EXTENSIONS },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Save…: the native dialog, starting at Downloads with the suggested name; null when cancelled. */
export async function chooseSaveTarget(window: BrowserWindow, suggestedName: string): Promise<string | null> {
  const result = await dialog.showSaveDialog(window, {
    title: 'Save images to a tarball',
    buttonLabel: 'Save',
    defaultPath: path.join(app.getPath('downloads'), path.basename(suggestedName) || 'images.tar'),
    filters: [
      { name: 'Tarballs', extensions: ['tar'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  return result.canceled || !result.filePath ? null : result.filePath;
}

export async function showAbout(window: BrowserWindow, storePath: string): Promise<void> {
  await dialog.showMessageBox(window, {
    type: 'info',
    title: 'About Berth',
    message: `Berth ${app.getVersion()}`,
    detail: `A desktop image manager for Docker/OCI images, without a Docker daemon.\n\nStore: ${storePath}\nElectron ${process.versions.electron}, Node ${process.versions.node}`,
    buttons: ['OK'],
  });
}
