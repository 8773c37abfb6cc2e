// "Update available": what the registries said, when they were last asked, and the asking. Checked when the user
// asks (Check for updates) and otherwise at most once an hour while the app is open; the answers and the time
// are kept in localStorage so a reload neither loses the marks nor asks again before the hour is up. A failure
// stays on its image (a quiet mark with the reason on hover): one toast at most, and only for a check the user
// started that could not run at all.
import type { StateCreator } from 'zustand';
import type { ImageSummary, UpdateCheck } from '../../../shared/api';
import { toErrorPayload } from '../../../shared/errors';
import { getBridge } from '../bridge/index';
import type { AppState } from './types';

export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;
const STORAGE_KEY = 'berth.updates';

export interface UpdatesSlice {
  /** By full reference. */
  updates: Record<string, UpdateCheck>;
  /** When every image was last checked (ISO), null if never. */
  updatesCheckedAt: string | null;
  checkingUpdates: boolean;
  /** Asks the registries (all tagged images, or `references`); `byUser` says a failure of the whole check. */
  checkUpdates(options?: { references?: string[]; byUser?: boolean }): Promise<void>;
  /** Checks everything if the last full check is an hour old or more. */
  checkUpdatesIfDue(now?: number): void;
}

function loadSaved(): { updates: Record<string, UpdateCheck>; checkedAt: string | null } {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { updates?: Record<string, UpdateCheck>; checkedAt?: string } | null;
    return { updates: saved?.updates ?? {}, checkedAt: saved?.checkedAt ?? null };
  } catch {
    return { updates: {}, checkedAt: null };
  }
}

function save(updates: Record<string, UpdateCheck>, checkedAt: string | null): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ updates, checkedAt }));
  } catch {
    // Private mode or a full quota: the marks still show until the page reloads.
  }
}

/**
 * What the row shows for `check`: the registry's answer, unless the image has since become what the registry names
 * (a pull after the check) — then there is nothing to say until the next check.
 */
export function updateMark(image: Pick<ImageSummary, 'repoDigest'>, check: UpdateCheck | undefined): 'update-available' | 'error' | null {
  if (!check) return null;
  if (check.status === 'error') return 'error';
  if (check.status !== 'update-available') return null;
  if (check.remoteDigest && image.repoDigest?.endsWith(`@${check.remoteDigest}`)) return null;
  return 'update-available';
}

export const createUpdatesSlice: StateCreator<AppState, [], [], UpdatesSlice> = (set, get) => {
  const saved = loadSaved();
  return {
    updates: saved.updates,
    updatesCheckedAt: saved.checkedAt,
    checkingUpdates: false,

    async checkUpdates({ references, byUser = false } = {}) {
      if (get().checkingUpdates) return;
      set({ checkingUpdates: true });
      try {
        const results = await getBridge().checkUpdates(references);
        const all = references === undefined;
        // A full check replaces what an earlier one said (images removed since drop out); a partial one merges.
        const updates = all ? {} : { ...get().updates };
        for (const result of results) updates[result.reference] = result;
        const updatesCheckedAt = all ? new Date().toISOString() : get().updatesCheckedAt;
        set({ updates, updatesCheckedAt });
        save(updates, updatesCheckedAt);
        if (byUser) {
          const available = results.filter((r) => r.status === 'update-available').length;
          const failed = results.filter((r) => r.status === 'error').length;
          const asked = results.filter((r) => r.status !== 'not-checked').length;
          const message = asked === 0 ? 'No image here was pulled from a registry: nothing to check'
            : available > 0 ? `${available} ${available === 1 ? 'image has' : 'images have'} an update`
            : failed === asked ? 'Could not check any image'
            : 'All images are up to date';
          get().pushToast({ tone: 'info', message, detail: failed ? `${failed} could not be checked: hover the mark on the row for why` : undefined });
        }
      } catch (err) {
        if (byUser) get().pushToast({ tone: 'error', message: 'Could not check for updates', detail: toErrorPayload(err).message });
      } finally {
        set({ checkingUpdates: false });
      }
    },

    checkUpdatesIfDue(now = Date.now()) {
      const last = get().updatesCheckedAt;
      if (last !== null && now - Date.parse(last) < UPDATE_CHECK_INTERVAL_MS) return;
      void get().checkUpdates();
    },
  };
};
