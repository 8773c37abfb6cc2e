// Navigation, dialogs, toasts, the theme choice and errors that make the whole app unusable.
import type { StateCreator } from 'zustand';
import type { AppInfo, ErrorPayload, FileRef } from '../../../shared/api';
import { toErrorPayload } from '../../../shared/errors';
import { getBridge } from '../bridge/index';
import type { AppState } from './types';

export type Page = 'images' | 'tasks' | 'settings' | 'registries' | 'hub' | 'engine' | 'compare';
export type ThemeChoice = 'system' | 'light' | 'dark';

export type Dialog =
  | { kind: 'remove'; keys: string[] }
  | { kind: 'tag'; source: string }
  | { kind: 'prune' }
  | { kind: 'import'; input: ImportInput | null }
  | { kind: 'pull' }
  | { kind: 'push'; source: string }
  | { kind: 'save'; keys: string[] }
  | { kind: 'commit'; source: CommitSource };

/** What a commit builds on: an image in Berth's store ("New image from…"), or a container of the local engine. */
export type CommitSource = { kind: 'image'; reference: string } | { kind: 'container'; id: string; name: string };

/** A file dropped or picked in the page, or one the shell already chose (Electron's native dialog). */
/** A File from a drop or <input type=file> (the shell turns it into a FileRef on submit), or a FileRef the shell already granted. */
export type ImportInput = { kind: 'file'; file: File } | { kind: 'ref'; file: FileRef };

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info';
  message: string;
  detail?: string | undefined;
  taskId?: string | undefined;
}

export interface UiSlice {
  page: Page;
  info: AppInfo | null;
  /** An error that stops the app (no token, connection refused): shown as a full page. */
  fatal: ErrorPayload | null;
  dialog: Dialog | null;
  toasts: Toast[];
  theme: ThemeChoice;
  setPage(page: Page): void;
  loadInfo(): Promise<void>;
  reportFatal(error: ErrorPayload): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  pushToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
  setTheme(theme: ThemeChoice): void;
}

const THEME_KEY = 'berth.theme';
const TOAST_MS = 6000;
let toastSeq = 0;

function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Codes that mean the page cannot talk to Berth at all, as opposed to one operation failing. */
const FATAL_CODES = new Set(['UNAUTHORIZED']);

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  page: 'images',
  info: null,
  fatal: null,
  dialog: null,
  toasts: [],
  theme: storedTheme(),

  setPage(page) {
    set({ page });
  },

  async loadInfo() {
    try {
      set({ info: await getBridge().info() });
    } catch (err) {
      get().reportFatal(toErrorPayload(err));
    }
  },

  reportFatal(error) {
    if (FATAL_CODES.has(error.code)) set({ fatal: error });
  },

  openDialog(dialog) {
    set({ dialog });
  },

  closeDialog() {
    set({ dialog: null });
  },

  pushToast(toast) {
    const id = ++toastSeq;
    set((state) => ({ toasts: [...state.toasts.slice(-3), { ...toast, id }] }));
    setTimeout(() => get().dismissToast(id), toast.tone === 'error' ? TOAST_MS * 2 : TOAST_MS);
  },

  dismissToast(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },

  setTheme(theme) {
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Storage may be disabled; the choice then lasts for this session only.
    }
    set({ theme });
  },
});
