// A name cut in the middle to fit its column, the full text on hover and for screen readers. Cheap enough for a
// virtualised grid: the column's width comes from one ResizeObserver on the header (ColumnWidths), the font is read
// from the page once per kind of cell, text is measured on a canvas (no layout), and results are cached, so a row
// scrolling into view costs a few measureText calls the first time and a map lookup after.
import { createContext, useContext, useLayoutEffect, useRef, useState } from 'react';
import { middleTruncate } from './middle-truncate';

/** Content-box widths of the grid's columns by name ('repository', 'tag'), in CSS pixels; 0 while unknown. */
export const ColumnWidths = createContext<Readonly<Record<string, number>>>({});

const fonts = new Map<string, string>();
let canvas: CanvasRenderingContext2D | null = null;
const cache = new Map<string, string>();
const CACHE_LIMIT = 20_000;
/** Canvas and DOM text can differ by subpixels; a pixel of slack keeps the browser's own ellipsis away. */
const SLACK = 1;

let canvasFont = '';

function measurer(font: string): (text: string) => number {
  canvas ??= document.createElement('canvas').getContext('2d');
  if (!canvas) return (text) => text.length * 8;
  const context = canvas;
  return (text) => {
    // Setting `font` parses it each time: only when it changes (two kinds of cell share the canvas).
    if (canvasFont !== font) {
      context.font = font;
      canvasFont = font;
    }
    return context.measureText(text).width;
  };
}

function truncated(text: string, width: number, font: string, keepLastSegment: boolean): string {
  const key = `${font}\u0000${width}\u0000${keepLastSegment ? 1 : 0}\u0000${text}`;
  let shown = cache.get(key);
  if (shown === undefined) {
    shown = middleTruncate(text, width - SLACK, measurer(font), keepLastSegment);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, shown);
  }
  return shown;
}

interface MiddleTruncateProps {
  text: string;
  /** Which ColumnWidths entry to fit, and the key its font is remembered by. */
  column: string;
  /** Keep the last `/` segment whole (repository names). */
  keepLastSegment?: boolean;
}

export function MiddleTruncate({ text, column, keepLastSegment = false }: MiddleTruncateProps) {
  const width = useContext(ColumnWidths)[column] ?? 0;
  const ref = useRef<HTMLSpanElement>(null);
  const [font, setFont] = useState(() => fonts.get(column) ?? null);

  useLayoutEffect(() => {
    if (font !== null || !ref.current) return;
    const style = getComputedStyle(ref.current);
    const read = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    fonts.set(column, read);
    setFont(read);
  }, [font, column]);

  // Until the width and font are known, the cell's own CSS ellipsis (at the end) stands in.
  const shown = font !== null && width > 0 ? truncated(text, width, font, keepLastSegment) : text;
  if (shown === text) {
    return (
      <span ref={ref} className="middle-truncate">
        {text}
      </span>
    );
  }
  return (
    <span ref={ref} className="middle-truncate" title={text}>
      <span aria-hidden="true">{shown}</span>
      <span className="middle-truncate-full">{text}</span>
    </span>
  );
}
