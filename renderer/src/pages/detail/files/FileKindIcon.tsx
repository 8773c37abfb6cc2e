// One small stroke glyph per kind of path, drawn like the app's other icons; the kind is also in the row's label,
// so the glyph is decoration for sighted users only.
import type { ImageFileKind } from '../../../../../shared/api';

const PATHS: Record<ImageFileKind | 'dir-open', string> = {
  dir: 'M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2h8.5A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5v-11Z',
  'dir-open': 'M3 17.5v-11A1.5 1.5 0 0 1 4.5 5H9l2 2h7.5A1.5 1.5 0 0 1 20 8.5V10M3 17.5 5.6 11a1.5 1.5 0 0 1 1.4-1h13.6a1 1 0 0 1 .9 1.4L19 18.1a1.5 1.5 0 0 1-1.4.9H4.5A1.5 1.5 0 0 1 3 17.5Z',
  file: 'M6 3h8l4 4v14H6V3Zm8 0v4h4',
  hardlink: 'M6 3h8l4 4v14H6V3Zm8 0v4h4M9.5 14.5l3-3m-1.8-1.2 1-1a1.8 1.8 0 0 1 2.5 2.5l-1 1m-3.4 1.4-1 1a1.8 1.8 0 0 0 2.5 2.5l1-1',
  symlink: 'M6 3h8l4 4v14H6V3Zm8 0v4h4M9 17v-2.5a2.5 2.5 0 0 1 2.5-2.5H15m-2-2 2 2-2 2',
  char: 'M5 6h14v12H5V6Zm3 3h8M8 12h8m-8 3h5',
  block: 'M5 5h14v14H5V5Zm0 7h14M12 5v14',
  fifo: 'M3 9h18v6H3V9Zm4 0v6m10-6v6',
};

export function FileKindIcon({ kind, open = false }: { kind: ImageFileKind; open?: boolean }) {
  return (
    <svg className={`icon file-kind file-kind-${kind}`} width={15} height={15} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[kind === 'dir' && open ? 'dir-open' : kind]} />
    </svg>
  );
}

export const KIND_WORDS: Record<ImageFileKind, string> = {
  file: 'File',
  dir: 'Folder',
  symlink: 'Symbolic link',
  hardlink: 'Hard link',
  char: 'Character device',
  block: 'Block device',
  fifo: 'Named pipe (FIFO)',
};
