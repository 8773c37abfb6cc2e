// The A/C/D mark colours of compare.css against the theme's surfaces in base.css: small letters need 4.5:1 on
// every background a row or chip can have (page, subtle bars, hover, selection), in light and in dark.
import { describe, expect, it } from 'vitest';

const fs = (await import(/* @vite-ignore */ 'node:fs' as string)) as { readFileSync(file: URL, encoding: 'utf8'): string };
const baseCss = fs.readFileSync(new URL('../../styles/base.css', import.meta.url), 'utf8');
const compareCss = fs.readFileSync(new URL('./compare.css', import.meta.url), 'utf8');

type Theme = 'light' | 'dark';

/** `--name: light-dark(L, D);` pairs of a CSS block. */
function tokens(css: string): Record<Theme, Map<string, string>> {
  const out = { light: new Map<string, string>(), dark: new Map<string, string>() };
  for (const [, name, light, dark] of css.matchAll(/(--[\w-]+)\s*:\s*light-dark\(\s*(#[0-9a-f]+)\s*,\s*(#[0-9a-f]+)\s*\)/gi)) {
    out.light.set(name!, light!);
    out.dark.set(name!, dark!);
  }
  return out;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const BASE = tokens(baseCss);
const MARKS = tokens(compareCss);
const SURFACES = ['--bg', '--bg-subtle', '--bg-hover', '--bg-raised', '--selection'];

describe('compare mark colours', () => {
  it('defines the three marks in both themes', () => {
    expect([...MARKS.light.keys()].sort()).toEqual(['--mark-added', '--mark-changed', '--mark-deleted']);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: every mark reaches 4.5:1 on ${SURFACES.join(', ')}`, () => {
      const low: string[] = [];
      for (const [mark, colour] of MARKS[theme]) {
        for (const surface of SURFACES) {
          const ratio = contrast(colour, BASE[theme].get(surface)!);
          if (ratio < 4.5) low.push(`${mark} on ${surface}: ${ratio.toFixed(2)}`);
        }
      }
      expect(low).toEqual([]);
    });
  }
});
