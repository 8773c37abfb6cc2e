// Go's time.Format layouts ("2006-01-02 15:04:05.999999999 -0700 MST"), following time/format.go's
// nextStdChunk: the reference time's parts are replaced, anything else is copied.
import type { Civil } from './rfc3339.js';

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number, fill = '0'): string => String(n).padStart(width, fill);

export function dateOf(t: Civil): Date {
  const date = new Date(0);
  date.setUTCFullYear(t.year, t.month - 1, t.day);
  return date;
}

export function yearDay(t: Civil): number {
  const start = new Date(0);
  start.setUTCFullYear(t.year, 0, 1);
  return (dateOf(t).getTime() - start.getTime()) / 86_400_000 + 1;
}

/** ±hh[:]mm[[:]ss], or Z for UTC in the ISO 8601 forms. */
function zoneOffset(t: Civil, token: string): string {
  if (token.startsWith('Z') && t.offset === 0) return 'Z';
  const sign = t.offset < 0 ? '-' : '+';
  const abs = Math.abs(t.offset);
  const hh = pad(Math.floor(abs / 3600), 2);
  const mm = pad(Math.floor(abs / 60) % 60, 2);
  const ss = pad(abs % 60, 2);
  const body = token.slice(1);
  if (body === '07') return sign + hh;
  if (body === '07:00') return `${sign}${hh}:${mm}`;
  if (body === '0700') return sign + hh + mm;
  if (body === '07:00:00') return `${sign}${hh}:${mm}:${ss}`;
  return sign + hh + mm + ss;
}

const ZONE_TOKENS = ['070000', '07:00:00', '0700', '07:00', '07'];

/** The std chunk starting at `i`, or undefined when layout[i] is literal text. */
function chunkAt(layout: string, i: number): string | undefined {
  const rest = layout.slice(i);
  const lowerNext = (n: number): boolean => /^[a-z]/.test(rest.slice(n));
  switch (rest[0]) {
    case 'J':
      if (rest.startsWith('January')) return 'January';
      return rest.startsWith('Jan') && !lowerNext(3) ? 'Jan' : undefined;
    case 'M':
      if (rest.startsWith('Monday')) return 'Monday';
      if (rest.startsWith('Mon') && !lowerNext(3)) return 'Mon';
      return rest.startsWith('MST') ? 'MST' : undefined;
    case '0':
      if (/^0[1-6]/.test(rest)) return rest.slice(0, 2);
      return rest.startsWith('002') ? '002' : undefined;
    case '1':
      return rest.startsWith('15') ? '15' : '1';
    case '2':
      return rest.startsWith('2006') ? '2006' : '2';
    case '_':
      if (rest.startsWith('_2') && !rest.startsWith('_2006')) return '_2';
      return rest.startsWith('__2') ? '__2' : undefined;
    case '3':
    case '4':
    case '5':
      return rest[0];
    case 'P':
      return rest.startsWith('PM') ? 'PM' : undefined;
    case 'p':
      return rest.startsWith('pm') ? 'pm' : undefined;
    case '-':
    case 'Z': {
      const zone = ZONE_TOKENS.find((z) => rest.startsWith(z, 1));
      return zone ? rest[0] + zone : undefined;
    }
    case '.':
    case ',': {
      const m = /^[.,](0+|9+)(?![0-9])/.exec(rest);
      return m ? m[0] : undefined;
    }
    default:
      return undefined;
  }
}

function formatChunk(t: Civil, chunk: string): string {
  switch (chunk) {
    case '2006': return pad(t.year, 4);
    case '06': return pad(t.year % 100, 2);
    case 'January': return MONTHS[t.month - 1]!;
    case 'Jan': return MONTHS[t.month - 1]!.slice(0, 3);
    case '1': return String(t.month);
    case '01': return pad(t.month, 2);
    case 'Monday': return DAYS[dateOf(t).getUTCDay()]!;
    case 'Mon': return DAYS[dateOf(t).getUTCDay()]!.slice(0, 3);
    case '2': return String(t.day);
    case '_2': return pad(t.day, 2, ' ');
    case '02': return pad(t.day, 2);
    case '__2': return pad(yearDay(t), 3, ' ');
    case '002': return pad(yearDay(t), 3);
    case '15': return pad(t.hour, 2);
    case '3': return String(t.hour % 12 || 12);
    case '03': return pad(t.hour % 12 || 12, 2);
    case '4': return String(t.minute);
    case '04': return pad(t.minute, 2);
    case '5': return String(t.second);
    case '05': return pad(t.second, 2);
    case 'PM': return t.hour >= 12 ? 'PM' : 'AM';
    case 'pm': return t.hour >= 12 ? 'pm' : 'am';
    case 'MST': return t.zone || zoneOffset(t, '-0700');
    default:
      break;
  }
  if (chunk.startsWith('-') || chunk.startsWith('Z')) return zoneOffset(t, chunk);
  // Fractional seconds: .000 keeps its digits, .999 drops trailing zeros (and the point when none remain).
  const digits = pad(t.nanos, 9).slice(0, chunk.length - 1);
  if (chunk[1] === '0') return chunk[0] + digits;
  const trimmed = digits.replace(/0+$/, '');
  return trimmed ? chunk[0] + trimmed : '';
}

export function formatGoTime(t: Civil, layout: string): string {
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const chunk = chunkAt(layout, i);
    if (chunk === undefined) {
      out += layout[i];
      i += 1;
    } else {
      out += formatChunk(t, chunk);
      i += chunk.length;
    }
  }
  return out;
}
