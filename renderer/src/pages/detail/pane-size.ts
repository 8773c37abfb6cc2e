// How wide the inspect pane is beside the table, and when there is no room for both and it becomes a page.

/** Below this the pane's fields (110 px labels + values) and its four tabs no longer fit. */
export const PANE_MIN = 320;
/** The table keeps at least Repository, Tag and Size readable (see the container queries in table.css). */
export const TABLE_MIN = 400;
/** Under this width of the page body the pane opens as a page over the table, as Docker Desktop's details do. */
export const PAGE_THRESHOLD = PANE_MIN + TABLE_MIN;
/** One arrow-key step on the splitter; Shift moves four steps. */
export const KEY_STEP = 16;

const STORAGE_KEY = 'berth.detailPaneWidth';
const DEFAULT_WIDTH = 460;

/** The widest the pane may be in a body this wide: the table keeps TABLE_MIN. */
export function maxPaneWidth(bodyWidth: number): number {
  return Math.max(PANE_MIN, bodyWidth - TABLE_MIN);
}

export function clampPaneWidth(width: number, bodyWidth: number): number {
  return Math.round(Math.min(maxPaneWidth(bodyWidth), Math.max(PANE_MIN, width)));
}

/** The pane is a page when the body cannot hold the table and the narrowest pane side by side. */
export function paneIsPage(bodyWidth: number): boolean {
  return bodyWidth > 0 && bodyWidth < PAGE_THRESHOLD;
}

/** The width asked for before any drag: 460 px, or less than half of a narrow body. */
export function defaultPaneWidth(bodyWidth: number): number {
  return clampPaneWidth(Math.min(DEFAULT_WIDTH, bodyWidth * 0.45), bodyWidth);
}

/** The width the user last chose, or null; the caller clamps it to the window it is shown in. */
export function readStoredPaneWidth(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): number | null {
  const value = Number(storage?.getItem(STORAGE_KEY) ?? NaN);
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function storePaneWidth(width: number, storage: Pick<Storage, 'setItem'> | undefined = safeStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, String(Math.round(width)));
  } catch {
    // Storage full or disabled: the width then lasts for this session only.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
