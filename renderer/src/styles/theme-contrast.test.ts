// WCAG contrast of the theme tokens, read from base.css itself, so a token change that makes small text or the
// focus ring too faint fails here rather than in someone's eyes. Issue 8: rings >= 3:1, 11 px text >= 4.5:1.
import { describe, expect, it } from 'vitest';

// Vitest sends CSS imports (even `?raw`) through its CSS pipeline, which empties them, so the file is read from disk.
// The specifier is widened to string because the renderer's types are the browser's, without node's.
const fs = (await import(/* @vite-ignore */ 'node:fs' as string)) as { readFileSync(file: URL, encoding: 'utf8'): string };
const baseCss = fs.readFileSync(new URL('./base.css', import.meta.url), 'utf8');

type Theme = 'light' | 'dark';
type Rgb = [number, number, number];

/** The `:root` block's custom properties, each split into its light and dark value (`light-dark(L, D)` or one colour). */
function themeTokens(css: string): Record<Theme, Map<string, string>> {
  const root = /:root\s*\{([^}]*)\}/.exec(css.replace(/\/\*[\s\S]*?\*\//g, ''));
  if (!root) throw new Error('base.css has no :root block');
  const tokens = { light: new Map<string, string>(), dark: new Map<string, string>() };
  for (const [, name, value] of root[1]!.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    const pair = /^light-dark\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/.exec(value!.trim());
    tokens.light.set(name!, pair ? pair[1]! : value!.trim());
    tokens.dark.set(name!, pair ? pair[2]! : value!.trim());
  }
  return tokens;
}

function hex(value: string): Rgb {
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value)?.[1];
  if (!digits) throw new Error(`not a #hex colour: ${value}`);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TOKENS = themeTokens(baseCss);

function colour(theme: Theme, token: string): Rgb {
  const value = TOKENS[theme].get(token);
  if (!value) throw new Error(`base.css defines no ${token}`);
  return hex(value);
}

/** Backgrounds that small muted text sits on: page, sidebar (nav, status line), odd rows, hover, popovers, inputs. */
const SURFACES = ['--bg', '--bg-sidebar', '--bg-subtle', '--bg-hover', '--bg-raised', '--bg-input'];
/** Everything a focused control can sit on, including a selected row and the current page's nav item. */
const RING_SURFACES = [...SURFACES, '--selection', '--selection-focus', '--accent-soft'];

const CHECKS: Array<{ fg: string; on: string[]; min: number; why: string }> = [
  { fg: '--text-muted', on: SURFACES, min: 4.5, why: '11 px muted labels (nav, column headers, status line, chips)' },
  { fg: '--text', on: RING_SURFACES, min: 4.5, why: 'body text, and selected rows (which switch muted cells to --text)' },
  { fg: '--accent', on: ['--accent-soft', '--bg', '--bg-subtle', '--bg-sidebar'], min: 4.5, why: 'the current page label (11 px) and accent text' },
  { fg: '--accent-text', on: ['--accent'], min: 4.5, why: 'primary buttons and the 10 px task badge' },
  { fg: '--accent', on: RING_SURFACES, min: 3, why: 'the focus ring (non-text contrast)' },
  { fg: '--danger-text', on: ['--danger', '--danger-hover'], min: 4.5, why: 'danger buttons (Remove, Prune)' },
];

describe('theme token contrast (parsed from base.css)', () => {
  it('reads both themes for every token it checks', () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const token of ['--text', '--text-muted', '--accent', '--accent-text', ...RING_SURFACES]) expect(() => colour(theme, token)).not.toThrow();
    }
    // light-dark() really was split: the two themes differ.
    expect(TOKENS.light.get('--bg')).not.toBe(TOKENS.dark.get('--bg'));
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const { fg, on, min, why } of CHECKS) {
      it(`${theme}: ${fg} reaches ${min}:1 on ${on.join(', ')} — ${why}`, () => {
        const low = on.map((bg) => ({ bg, ratio: Math.round(contrast(colour(theme, fg), colour(theme, bg)) * 100) / 100 })).filter(({ ratio }) => ratio < min);
        expect(low).toEqual([]);
      });
    }
  }
});

describe('contrast()', () => {
  it('matches the WCAG reference values', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([255, 255, 255], [255, 255, 255])).toBe(1);
    // #767676 on white is the well-known 4.54:1 grey.
    expect(contrast(hex('#767676'), hex('#fff'))).toBeCloseTo(4.54, 2);
  });
});
