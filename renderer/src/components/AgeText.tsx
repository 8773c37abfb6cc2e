// "3 days ago" (docker's rules) with the exact time on hover.
import { createdSince } from '../../../shared/format';
import { useAppStore } from '../state/store';
import { hoverTitle } from './hover-title';
import { useNow } from './useNow';

// toLocaleString() builds a formatter per call (a fraction of a millisecond each, 50 rows a render): one, made once,
// with the same fields.
let localTime: Intl.DateTimeFormat | null = null;

export function exactTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  localTime ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return `${localTime.format(date)} (${iso})`;
}

/**
 * While the connection is lost the clock stops where it was: the page no longer knows what is current. In a table
 * (`titleOnHover`) the exact time is formatted when the pointer arrives (hover-title.ts).
 */
export function AgeText({ iso, titleOnHover = false }: { iso: string; titleOnHover?: boolean }) {
  const frozenAt = useAppStore((state) => state.connectionLostAt);
  const now = useNow();
  const title = titleOnHover ? hoverTitle(() => exactTime(iso)) : { title: exactTime(iso) };
  return <span {...title}>{createdSince(iso, frozenAt ?? now) || 'N/A'}</span>;
}
