// "3 days ago" (docker's rules) with the exact time on hover.
import { createdSince } from '../../../shared/format';

export function exactTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toLocaleString()} (${iso})`;
}

export function AgeText({ iso }: { iso: string }) {
  return <span title={exactTime(iso)}>{createdSince(iso) || 'N/A'}</span>;
}
