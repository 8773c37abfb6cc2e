// Notices index.json being replaced by any process: fs.watch on the store root where it works, plus a
// 500 ms poll of (mtime, size, inode) because fs.watch misses events on some filesystems (NFS, some VMs).
import { watch as fsWatch, promises as fs, type FSWatcher } from 'node:fs';
import path from 'node:path';

const POLL_MS = 500;
const DEBOUNCE_MS = 100;

export function watchIndexFile(indexFile: string, listener: () => void): () => void {
  let last: string | null | undefined;
  let stopped = false;
  let debounce: NodeJS.Timeout | undefined;
  let checking = false;

  const signature = async (): Promise<string | null> => {
    try {
      const s = await fs.stat(indexFile);
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return null;
    }
  };

  const check = async () => {
    if (stopped || checking) return;
    checking = true;
    try {
      const now = await signature();
      if (stopped) return;
      if (last !== undefined && now !== last) {
        last = now;
        listener();
      } else last = now;
    } finally {
      checking = false;
    }
  };

  const schedule = () => {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => void check(), DEBOUNCE_MS);
    debounce.unref();
  };

  void signature().then((s) => {
    last ??= s;
  });

  let watcher: FSWatcher | undefined;
  try {
    const name = path.basename(indexFile);
    watcher = fsWatch(path.dirname(indexFile), { persistent: false }, (_event, filename) => {
      if (!filename || filename.toString() === name) schedule();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined; // the poll alone still works
  }
  const poll = setInterval(() => void check(), POLL_MS);
  poll.unref();

  return () => {
    stopped = true;
    clearInterval(poll);
    if (debounce) clearTimeout(debounce);
    watcher?.close();
  };
}
