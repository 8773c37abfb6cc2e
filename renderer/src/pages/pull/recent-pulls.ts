// The last references pulled from this browser/window, newest first, for the Pull dialog's suggestions.
const KEY = 'berth.recentPulls';
export const RECENT_PULLS = 8;

export function recentPulls(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').slice(0, RECENT_PULLS) : [];
  } catch {
    return [];
  }
}

/** Puts `reference` first (once) and keeps the newest RECENT_PULLS. */
export function rememberPull(reference: string): void {
  const next = [reference, ...recentPulls().filter((item) => item !== reference)].slice(0, RECENT_PULLS);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage may be disabled: the list then lasts as long as nothing, which only costs a suggestion.
  }
}
