import { describe, expect, it } from 'vitest';
import { ELLIPSIS, middleTruncate } from './middle-truncate';

/** A fixed-pitch fake: every character 7 px wide. */
const mono = (text: string) => Array.from(text).length * 7;

describe('middleTruncate', () => {
  it('leaves text that fits alone', () => {
    expect(middleTruncate('alpine', 42, mono, true)).toBe('alpine');
    expect(middleTruncate('registry.example.com/team/app', 29 * 7, mono, true)).toBe('registry.example.com/team/app');
  });

  it('keeps the last path segment whole and cuts the start back to a segment boundary', () => {
    const name = 'registry.example.com/team/platform/backend/very-long-name';
    const out = middleTruncate(name, 42 * 7, mono, true);
    expect(out).toBe(`registry.example.com/team/${ELLIPSIS}/very-long-name`);
    expect(mono(out)).toBeLessThanOrEqual(42 * 7);
  });

  it('keeps a partial segment when cutting back to a slash would waste more than half the room', () => {
    const out = middleTruncate('ab/a-very-long-organisation-name/app', 20 * 7, mono, true);
    expect(out).toBe(`ab/a-very-long-${ELLIPSIS}/app`);
    // …and cuts back when the boundary keeps most of it.
    expect(middleTruncate('registry.example.com/a-very-long-organisation-name/app', 34 * 7, mono, true)).toBe(`registry.example.com/${ELLIPSIS}/app`);
  });

  it('shares the room between start and end when even the last segment does not fit', () => {
    const out = middleTruncate('team/an-extremely-long-single-segment-name', 15 * 7, mono, true);
    expect(out).toBe(`team/an${ELLIPSIS}nt-name`);
    expect(middleTruncate('0123456789abcdef', 9 * 7, mono)).toBe(`0123${ELLIPSIS}cdef`);
  });

  it('uses the room exactly, by the measure given, and never splits a surrogate pair', () => {
    const wide = (text: string) => Array.from(text).reduce((sum, ch) => sum + (ch === 'm' ? 12 : 6), 0);
    for (let width = 6; width < 200; width += 5) {
      const out = middleTruncate('mmmm/mmmmmmm/iiiiiiiii/mmmm-iiii', width, wide, true);
      expect(wide(out), `width ${width}: ${out}`).toBeLessThanOrEqual(width);
    }
    const emoji = middleTruncate('🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳', 5 * 7, mono);
    expect(emoji).toBe(`🐳🐳${ELLIPSIS}🐳🐳`);
  });

  it('gives nothing when not even the ellipsis fits (a hidden or collapsed column)', () => {
    expect(middleTruncate('alpine', 0, mono, true)).toBe('');
  });
});
