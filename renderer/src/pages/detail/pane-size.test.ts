import { describe, expect, it } from 'vitest';
import { clampPaneWidth, defaultPaneWidth, maxPaneWidth, PAGE_THRESHOLD, PANE_MIN, paneIsPage, readStoredPaneWidth, storePaneWidth, TABLE_MIN } from './pane-size';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value), data };
}

describe('pane width', () => {
  it('keeps the table its minimum and the pane its own', () => {
    expect(maxPaneWidth(1212)).toBe(1212 - TABLE_MIN);
    expect(clampPaneWidth(2000, 1212)).toBe(1212 - TABLE_MIN);
    expect(clampPaneWidth(100, 1212)).toBe(PANE_MIN);
    expect(clampPaneWidth(500.4, 1212)).toBe(500);
    // A body too narrow for both never yields a pane narrower than its minimum (it is a page there anyway).
    expect(maxPaneWidth(500)).toBe(PANE_MIN);
    expect(clampPaneWidth(600, 500)).toBe(PANE_MIN);
  });

  it('starts at 460 px, or 45% of a narrow body', () => {
    expect(defaultPaneWidth(2492)).toBe(460);
    expect(defaultPaneWidth(832)).toBe(374); // a 900 px window: the table keeps 458 px
    expect(defaultPaneWidth(720)).toBe(PANE_MIN); // at the threshold the table's 400 px leave the pane just its minimum
  });

  it('becomes a page only when the table and the narrowest pane do not fit side by side', () => {
    expect(PAGE_THRESHOLD).toBe(PANE_MIN + TABLE_MIN);
    expect(paneIsPage(PAGE_THRESHOLD - 1)).toBe(true);
    expect(paneIsPage(PAGE_THRESHOLD)).toBe(false);
    expect(paneIsPage(832)).toBe(false); // 900×600 keeps the pane beside the list
    expect(paneIsPage(0)).toBe(false); // not measured yet
  });

  it('remembers the chosen width, and ignores what is not a width', () => {
    const storage = memoryStorage();
    expect(readStoredPaneWidth(storage)).toBeNull();
    storePaneWidth(512.6, storage);
    expect(readStoredPaneWidth(storage)).toBe(513);
    expect(readStoredPaneWidth(memoryStorage({ 'berth.detailPaneWidth': 'wide' }))).toBeNull();
    expect(readStoredPaneWidth(memoryStorage({ 'berth.detailPaneWidth': '-4' }))).toBeNull();
    expect(readStoredPaneWidth(undefined)).toBeNull();
    expect(() => storePaneWidth(400, { setItem: () => { throw new Error('QuotaExceededError'); } })).not.toThrow();
  });
});
