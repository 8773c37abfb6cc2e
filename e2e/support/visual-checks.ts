// Measurements a person makes by eye, done in the page: is this element cut off, does this ring or text stand out.
/// <reference lib="dom" />
import type { Locator, Page } from '@playwright/test';

/**
 * Why `locator` is not fully visible, or null: a part outside the viewport, or outside an ancestor that clips
 * (overflow other than visible, or `contain: paint/strict`). `grow` widens the box first, for a focus ring.
 */
export async function clipping(locator: Locator, grow = 0): Promise<string | null> {
  return locator.evaluate((element, extra) => {
    const box = element.getBoundingClientRect();
    const rect = { left: box.left - extra, top: box.top - extra, right: box.right + extra, bottom: box.bottom + extra };
    const eps = 0.5;
    const outside = (clip: { left: number; top: number; right: number; bottom: number }) =>
      rect.left < clip.left - eps || rect.top < clip.top - eps || rect.right > clip.right + eps || rect.bottom > clip.bottom + eps;
    if (outside({ left: 0, top: 0, right: innerWidth, bottom: innerHeight })) return `outside the ${innerWidth}x${innerHeight} viewport`;
    for (let node = element.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible' || /paint|strict|content/.test(style.contain);
      if (clips && outside(node.getBoundingClientRect())) return `clipped by <${node.tagName.toLowerCase()} class="${node.className}">`;
    }
    return null;
  }, grow);
}

/** The in-page helpers below, installed once per document: colour parsing, WCAG contrast, the colour behind. */
async function installColourTools(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __berthContrast?: unknown };
    if (w.__berthContrast) return;
    const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    // Any CSS colour (rgb(), oklab(), color(srgb …)) to sRGB bytes and alpha, by painting one pixel.
    const rgba = (css: string): [number, number, number, number] => {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = '#000';
      canvas.fillStyle = css;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const ratio = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    // The first opaque background at or above the element (semi-transparent ones are blended over it).
    const behind = (element: Element | null): number[] => {
      const layers: Array<[number, number, number, number]> = [];
      for (let node = element; node; node = node.parentElement) {
        const colour = rgba(getComputedStyle(node).backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] >= 1) break;
      }
      let base = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) base = [r * a + base[0]! * (1 - a), g * a + base[1]! * (1 - a), b * a + base[2]! * (1 - a)];
      return base;
    };
    w.__berthContrast = { rgba, ratio, behind };
  });
}

export interface FocusRing {
  /** The focused element, as `tag.class "name"`, for messages. */
  what: string;
  /** How far the ring reaches outside the element's box (outline width + offset; 0 when inside or none). */
  reach: number;
  /** outline, pseudo (a ::after bar), shadow (box-shadow), or none. */
  kind: 'outline' | 'pseudo' | 'shadow' | 'none';
  /** The ring's colour against what is behind the element. */
  contrast: number;
}

/** The ring drawn around whatever has focus now. */
export async function focusRing(page: Page): Promise<FocusRing | null> {
  await installColourTools(page);
  return page.evaluate(() => {
    const tools = (window as unknown as { __berthContrast: { rgba(c: string): number[]; ratio(a: number[], b: number[]): number; behind(e: Element | null): number[] } }).__berthContrast;
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const label = element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : null;
    const name = element.getAttribute('aria-label') ?? label ?? element.textContent?.trim().slice(0, 30) ?? '';
    const what = `${element.tagName.toLowerCase()}.${String(element.className).split(' ')[0]} "${name}"`;
    const back = tools.behind(element.parentElement);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
      const reach = Math.max(0, parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset));
      return { what, reach, kind: 'outline' as const, contrast: tools.ratio(tools.rgba(style.outlineColor), back) };
    }
    const after = getComputedStyle(element, '::after');
    if (after.content !== 'none' && tools.rgba(after.backgroundColor)[3]! > 0) {
      return { what, reach: 0, kind: 'pseudo' as const, contrast: tools.ratio(tools.rgba(after.backgroundColor), back) };
    }
    const shadow = /^(rgba?\([^)]*\)|#\w+)\s+0px\s+0px\s+0px\s+([\d.]+)px/.exec(style.boxShadow);
    if (shadow) return { what, reach: parseFloat(shadow[2]!), kind: 'shadow' as const, contrast: tools.ratio(tools.rgba(shadow[1]!), back) };
    return { what, reach: 0, kind: 'none' as const, contrast: 0 };
  });
}

export interface SmallText {
  text: string;
  size: number;
  contrast: number;
}

/** Every visible run of text set at `maxPx` or smaller, with its contrast against what is behind it. */
export async function smallText(page: Page, maxPx: number): Promise<SmallText[]> {
  await installColourTools(page);
  return page.evaluate((limit) => {
    const tools = (window as unknown as { __berthContrast: { rgba(c: string): number[]; ratio(a: number[], b: number[]): number; behind(e: Element | null): number[] } }).__berthContrast;
    const found: Array<{ text: string; size: number; contrast: number }> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const element = node.parentElement;
      if (!text || !element || element.closest('[aria-hidden="true"], [inert]')) continue;
      const style = getComputedStyle(element);
      const size = parseFloat(style.fontSize);
      const box = element.getBoundingClientRect();
      if (size > limit || box.width === 0 || style.visibility !== 'visible' || element.checkVisibility?.({ opacityProperty: true }) === false) continue;
      // Disabled controls are exempt from WCAG 1.4.3, as it says.
      if (element.closest(':disabled')) continue;
      const colour = tools.rgba(style.color);
      found.push({ text: text.slice(0, 40), size, contrast: tools.ratio(colour, tools.behind(element)) });
    }
    return found;
  }, maxPx);
}
