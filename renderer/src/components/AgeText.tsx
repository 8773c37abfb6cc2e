// "3 days ago" (docker's rules) with the exact time on hover.
import { createdSince } from '../../../shared/format';
import { useAppStore } from '../state/store';

export function exactTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toLocaleString()} (${iso})`;
}

/** While the connection is lost the clock stops where it was: the page no longer knows what is current. */
export function AgeText({ iso }: { iso: string }) {
  const frozenAt = useAppStore((state) => state.connectionLostAt);
  return <span title={exactTime(iso)}>{createdSince(iso, frozenAt ?? Date.now()) || 'N/A'}</span>;
}
