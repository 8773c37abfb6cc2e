// The inspect pane: which row is open and what the service said about it.
import type { StateCreator } from 'zustand';
import type { ErrorPayload, ImageDetail } from '../../../shared/api';
import { toErrorPayload } from '../../../shared/errors';
import { getBridge } from '../bridge/index';
import type { AppState } from './types';

export type DetailTab = 'overview' | 'layers' | 'files' | 'config' | 'json' | 'registry' | 'packages';

export interface DetailSlice {
  /** The row key whose detail is open, or null when the pane is closed. */
  detailKey: string | null;
  /** What was asked of the service for that row (`repo:tag` or an ID). */
  detailTarget: string | null;
  detail: ImageDetail | null;
  detailError: ErrorPayload | null;
  detailTab: DetailTab;
  /** The JSON tab's `-f` template; kept while moving between images so the same question runs on each. */
  templateSource: string;
  setTemplateSource(source: string): void;
  openDetail(key: string, target: string): void;
  closeDetail(): void;
  setDetailTab(tab: DetailTab): void;
  reloadDetail(): Promise<void>;
}

export const createDetailSlice: StateCreator<AppState, [], [], DetailSlice> = (set, get) => ({
  detailKey: null,
  detailTarget: null,
  detail: null,
  detailError: null,
  detailTab: 'overview',
  templateSource: '',

  setTemplateSource(templateSource) {
    set({ templateSource });
  },

  openDetail(key, target) {
    if (get().detailKey === key) return;
    set({ detailKey: key, detailTarget: target, detail: null, detailError: null });
    void get().reloadDetail();
  },

  closeDetail() {
    set({ detailKey: null, detailTarget: null, detail: null, detailError: null });
  },

  setDetailTab(detailTab) {
    set({ detailTab });
  },

  async reloadDetail() {
    const target = get().detailTarget;
    if (!target) return;
    try {
      const detail = await getBridge().imageDetail(target);
      if (get().detailTarget === target) set({ detail, detailError: null });
    } catch (err) {
      if (get().detailTarget === target) set({ detailError: toErrorPayload(err) });
    }
  },
});
