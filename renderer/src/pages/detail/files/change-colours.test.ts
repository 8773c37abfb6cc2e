// dive's A/M/D colours (files.css) against every background a tree row can have, in both themes: names and marks
// are 12-13 px text, so >= 4.5:1 (WCAG AA), read from the CSS itself as theme-contrast.test.ts does for base.css.
import { describe, expect, it } from 'vitest';

const fs = (await import(/* @vite-ignore */ 'node:fs' as string)) as { readFileSync(file: URL, encoding: 'utf8'): string };
const filesCss = fs.readFileSync(new URL('./files.css', import.meta.url), 'utf8');
const baseCss = fs.readFileSync(new URL('../../../styles/base.css', import.meta.url), 'utf8');

type Theme = 'light' | 'dark';

function tokens(css: string): Record<Theme, Map<string, string>> {
  const root = /:root\s*\{([^}]*)\}/.exec(css.replace(/\/\*[\s\S]*?\*\//g, ''));
  if (!root) throw new Error('no :root block');
  const found = { light: new Map<string, string>(), dark: new Map<string, string>() };
  for (const [, name, value] of root[1]!.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    const pair = /^light-dark\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/.exec(value!.trim());
    found.light.set(name!, pair ? pair[1]! : value!.trim());
    found.dark.set(name!, pair ? pair[2]! : value!.trim());
  }
  return found;
}

function luminance(hex: string): number {
  const digits = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!digits) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const CHANGES = tokens(filesCss);
const BASE = tokens(baseCss);
/** A row on the page or a search list, hovered, selected, selected with focus. */
const ROW_BACKGROUNDS = ['--bg', '--bg-subtle', '--bg-hover', '--selection', '--selection-focus'];

describe('change mark colours', () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const change of ['--change-added', '--change-modified', '--change-removed']) {
      it(`${change} reads at >= 4.5:1 on every row background (${theme})`, () => {
        const fg = CHANGES[theme].get(change)!;
        for (const background of ROW_BACKGROUNDS) {
          expect(contrast(fg, BASE[theme].get(background)!), `${change} on ${background}`).toBeGreaterThanOrEqual(4.5);
        }
      });
    }
  }
});
