// time.Time and time.Duration as Go types (go-types.ts) for values held as JSON: a time is its RFC 3339 text
// (what encoding/json writes), a duration its integer nanoseconds. Both print through Go's String methods
// (`2026-11-30 04:14:28.143627986 +0000 UTC`, `1m30s`) and offer the methods templates commonly call.
import type { TemplateFunctionDef } from './functions.js';
import { FLOAT64, type GoType } from './go-types.js';
import { DAYS, dateOf, formatGoTime, MONTHS, yearDay } from './go-time-format.js';
import { formatRfc3339Nano, parseTime, rfc3339Nano, type Civil } from './rfc3339.js';
import type { Val } from './val.js';

/** Seconds since the Unix epoch. */
function unixSeconds(t: Civil): number {
  const date = dateOf(t);
  date.setUTCHours(t.hour, t.minute, t.second);
  return date.getTime() / 1000 - t.offset;
}

/** The same instant in UTC (Go's t.UTC()). */
function toUtc(t: Civil): Civil {
  const date = new Date(unixSeconds(t) * 1000);
  return {
    year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(),
    hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds(),
    nanos: t.nanos, offset: 0, zone: 'UTC',
  };
}

/** time.Time.String's layout. */
const STRING_LAYOUT = '2006-01-02 15:04:05.999999999 -0700 MST';

const plain = (v: unknown, t?: GoType): Val => (t ? { v, path: '', t } : { v, path: '' });
const method = (call: (args: Val[]) => Val, params: TemplateFunctionDef['params'] = []): TemplateFunctionDef => ({ params, call });

/** time.Month and time.Weekday: integers that print as names. */
const MONTH: GoType = { kind: 'int', name: 'time.Month', string: (v) => MONTHS[Number(v) - 1] ?? `%!Month(${String(v)})` };
const WEEKDAY: GoType = { kind: 'int', name: 'time.Weekday', string: (v) => DAYS[Number(v)] ?? `%!Weekday(${String(v)})` };

const timeMethods: Record<string, (t: Civil) => TemplateFunctionDef> = {
  String: (t) => method(() => plain(formatGoTime(t, STRING_LAYOUT))),
  Format: (t) => method(([layout]) => plain(formatGoTime(t, layout!.v as string)), ['string']),
  UTC: (t) => method(() => plain(formatRfc3339Nano(toUtc(t)), TIME)),
  IsZero: (t) => method(() => plain(unixSeconds(t) === ZERO_UNIX && t.nanos === 0)),
  Year: (t) => method(() => plain(t.year)),
  Month: (t) => method(() => plain(t.month, MONTH)),
  Day: (t) => method(() => plain(t.day)),
  Hour: (t) => method(() => plain(t.hour)),
  Minute: (t) => method(() => plain(t.minute)),
  Second: (t) => method(() => plain(t.second)),
  Nanosecond: (t) => method(() => plain(t.nanos)),
  YearDay: (t) => method(() => plain(yearDay(t))),
  Weekday: (t) => method(() => plain(dateOf(t).getUTCDay(), WEEKDAY)),
  Unix: (t) => method(() => plain(unixSeconds(t))),
  UnixMilli: (t) => method(() => plain(unixNanos(t) / 1_000_000n)),
  UnixMicro: (t) => method(() => plain(unixNanos(t) / 1_000n)),
  UnixNano: (t) => method(() => plain(unixNanos(t))),
};

function unixNanos(t: Civil): bigint {
  return BigInt(unixSeconds(t)) * 1_000_000_000n + BigInt(t.nanos);
}

const ZERO_TEXT = '0001-01-01T00:00:00Z';
const ZERO_UNIX = -62135596800;

/** time.Time, held as RFC 3339 text; its zero value is Go's (year 1). */
export const TIME: GoType = {
  kind: 'struct',
  name: 'time.Time',
  fields: [],
  zero: ZERO_TEXT,
  string: (v) => formatGoTime(parseTime(v as string), STRING_LAYOUT),
  json: (v) => JSON.stringify(rfc3339Nano(v as string)),
  methods: Object.fromEntries(Object.entries(timeMethods).map(([name, make]) => [name, (v: unknown) => make(parseTime(v as string))])),
};

// ---- time.Duration ----------------------------------------------------------------------------------------

/** Go's Duration.String: "72h3m0.5s", "1.5ms", "0s". */
function durationString(value: number | bigint): string {
  let u = BigInt(value);
  const neg = u < 0n;
  if (neg) u = -u;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    const [prec, unit] = u < 1_000n ? [0, 'ns'] : u < 1_000_000n ? [3, 'µs'] : [6, 'ms'];
    out = fraction(u, prec) + unit;
  } else {
    const seconds = u / 1_000_000_000n;
    out = `${seconds % 60n}${fraction(u % 1_000_000_000n, 9).replace(/^0/, '')}s`;
    const minutes = seconds / 60n;
    if (minutes > 0n) {
      out = `${minutes % 60n}m${out}`;
      const hours = minutes / 60n;
      if (hours > 0n) out = `${hours}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** v / 10^prec with the fraction's trailing zeros (and a bare point) dropped. */
function fraction(v: bigint, prec: number): string {
  const scale = 10n ** BigInt(prec);
  const frac = prec === 0 ? '' : (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
  return `${v / scale}${frac ? `.${frac}` : ''}`;
}

const nanos = (v: unknown): bigint => BigInt(v as number | bigint);

/** time.Duration: int64 nanoseconds. */
export const DURATION: GoType = {
  kind: 'int',
  name: 'time.Duration',
  string: (v) => durationString(v as number | bigint),
  methods: {
    String: (v) => method(() => plain(durationString(v as number | bigint))),
    Nanoseconds: (v) => method(() => plain(nanos(v))),
    Microseconds: (v) => method(() => plain(nanos(v) / 1_000n)),
    Milliseconds: (v) => method(() => plain(nanos(v) / 1_000_000n)),
    Seconds: (v) => method(() => plain(Number(v) / 1e9, FLOAT64)),
    Minutes: (v) => method(() => plain(Number(v) / 6e10, FLOAT64)),
    Hours: (v) => method(() => plain(Number(v) / 3.6e12, FLOAT64)),
  },
};
