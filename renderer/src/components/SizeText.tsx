// A human size (docker's rules) with the exact byte count on hover.
import { humanSize } from '../../../shared/format';
import { hoverTitle } from './hover-title';

// Number#toLocaleString builds a formatter per call; a table renders 50 of these at once.
let grouped: Intl.NumberFormat | null = null;

function exactBytes(bytes: number): string {
  grouped ??= new Intl.NumberFormat();
  return `${grouped.format(bytes)} bytes`;
}

/** In a table (`titleOnHover`) the byte count is formatted when the pointer arrives (hover-title.ts). */
export function SizeText({ bytes, titleOnHover = false }: { bytes: number; titleOnHover?: boolean }) {
  const title = titleOnHover ? hoverTitle(() => exactBytes(bytes)) : { title: exactBytes(bytes) };
  return (
    <span className="num" {...title}>
      {humanSize(bytes)}
    </span>
  );
}
