// Human-readable sizes, ages and IDs exactly as the docker CLI prints them (docker/go-units and docker/cli's
// formatter), shared by the CLI and the renderer. Pure functions: no Node or DOM APIs.

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/**
 * docker's `units.HumanSizeWithPrecision(size, precision)`: decimal units and Go's `%.<precision>g`.
 * `docker images` uses precision 3 ("72.8MB"); `units.HumanSize` (progress, df, prune) uses 4 ("72.84MB").
 */
export function humanSize(bytes: number, precision = 3): string {
  return scaled(bytes, 1000, DECIMAL_UNITS, precision);
}

/** docker's `units.BytesSize`: binary units, 4 significant digits ("44KiB", "1.5GiB"). */
export function binarySize(bytes: number): string {
  return scaled(bytes, 1024, BINARY_UNITS, 4);
}

function scaled(bytes: number, base: number, units: string[], precision: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= base && unit < units.length - 1) {
    size /= base;
    unit++;
  }
  return formatG(size, precision) + units[unit];
}

/**
 * Go's `fmt.Sprintf("%.<precision>g", x)`: shortest form (no trailing zeros), exponent form when the decimal
 * exponent is below -4 or at least the precision ("1e+03"), and round-half-even on exact ties, as Go's strconv
 * does (JavaScript's toPrecision rounds ties up: 1.125 -> "1.13" where Go prints "1.12").
 */
export function formatG(x: number, precision: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN';
  if (x === 0) return '0';
  const negative = x < 0;
  const { digits, exponent } = roundDecimal(Math.abs(x), Math.max(1, precision));
  const mantissa = digits.replace(/0+$/, '') || '0';
  let text: string;
  if (exponent < -4 || exponent >= Math.max(1, precision)) {
    const fraction = mantissa.slice(1);
    const exp = Math.abs(exponent).toString().padStart(2, '0');
    text = `${mantissa[0]}${fraction ? '.' + fraction : ''}e${exponent < 0 ? '-' : '+'}${exp}`;
  } else if (exponent < 0) {
    text = '0.' + '0'.repeat(-exponent - 1) + mantissa;
  } else if (mantissa.length <= exponent + 1) {
    text = mantissa + '0'.repeat(exponent + 1 - mantissa.length);
  } else {
    text = mantissa.slice(0, exponent + 1) + '.' + mantissa.slice(exponent + 1);
  }
  return negative ? '-' + text : text;
}

/** The first `precision` significant decimal digits of x (> 0), rounded half-even on the exact binary value. */
function roundDecimal(x: number, precision: number): { digits: string; exponent: number } {
  // toExponential rounds correctly except on exact ties; one more digit ending in 5 is the only sign of one.
  if (precision < 100 && !x.toExponential(precision).replace(/e.*$/, '').endsWith('5')) {
    const [mantissa, exp] = x.toExponential(precision - 1).split('e') as [string, string];
    return { digits: mantissa.replace('.', ''), exponent: Number(exp) };
  }
  const exact = exactDecimal(x);
  const firstNonZero = exact.digits.search(/[1-9]/);
  let exponent = exact.pointAt - firstNonZero - 1;
  const significant = exact.digits.slice(firstNonZero);
  let kept = significant.slice(0, precision).padEnd(precision, '0');
  const rest = significant.slice(precision);
  const roundUp = rest.length > 0 && (rest[0]! > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || Number(kept.at(-1)) % 2 === 1)));
  if (roundUp) {
    const bumped = (BigInt(kept) + 1n).toString();
    if (bumped.length > precision) {
      kept = bumped.slice(0, precision);
      exponent++;
    } else {
      kept = bumped;
    }
  }
  return { digits: kept, exponent };
}

/** Every decimal digit of a finite positive double (exact: a double is a dyadic rational). */
function exactDecimal(x: number): { digits: string; pointAt: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  if (biasedExponent !== 0) mantissa |= 1n << 52n;
  const power = (biasedExponent === 0 ? 1 : biasedExponent) - 1075;
  if (power >= 0) {
    const digits = (mantissa << BigInt(power)).toString();
    return { digits, pointAt: digits.length };
  }
  // mantissa / 2^k == mantissa * 5^k / 10^k
  const k = -power;
  const digits = (mantissa * 5n ** BigInt(k)).toString().padStart(k + 1, '0');
  return { digits, pointAt: digits.length - k };
}

/** docker's `units.HumanDuration`: "Less than a second", "About a minute", "3 hours", "2 weeks", … */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (!(seconds >= 1)) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

/**
 * `docker images`' CREATED column: "2 weeks ago". docker first truncates the creation time to whole seconds.
 * Returns "" for a missing or unparsable time (docker then prints "N/A").
 */
export function createdSince(iso: string | null | undefined, now: number = Date.now()): string {
  const created = parseTime(iso);
  if (created === null) return '';
  return humanDuration(now - Math.floor(created / 1000) * 1000) + ' ago';
}

/** Go's zero time, 0001-01-01T00:00:00Z: what an image without a `created` time reports. */
const GO_ZERO_TIME = -62_135_596_800_000;

/** Parses an RFC 3339 time; null when absent, invalid or Go's zero time. */
export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || ms <= GO_ZERO_TIME ? null : ms;
}

/**
 * The instant an RFC 3339 time names, for ordering images by creation time, as two numbers (no BigInt, no
 * allocation when compared): milliseconds since the epoch and the nanoseconds below them (0-999,999).
 * Comparing the strings is wrong: Go trims trailing zeros, so "…:05.63Z" is earlier than "…:05.631Z" yet
 * "…:05Z" sorts after "…:05.1Z", and offsets other than Z shift the clock. Missing or unparsable times count
 * as Go's zero time, which is what docker compares them as.
 */
export interface Instant {
  readonly ms: number;
  readonly ns: number;
}

const ZERO_INSTANT: Instant = { ms: GO_ZERO_TIME, ns: 0 };
const FRACTION = /T\d{2}:\d{2}:\d{2}\.(\d+)/;

export function instantOf(iso: string | null | undefined): Instant {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return ZERO_INSTANT;
  // Date.parse keeps milliseconds and drops the digits after them; those are nanoseconds 0-999,999.
  const fraction = FRACTION.exec(iso!)?.[1];
  return { ms, ns: fraction && fraction.length > 3 ? Number(fraction.padEnd(9, '0').slice(3, 9)) : 0 };
}

/** Negative when `a` is earlier than `b`, positive when later, 0 when the same instant. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.ns - b.ns;
}

/** The same instant in nanoseconds since the epoch. */
export function instantNanos(iso: string | null | undefined): bigint {
  const { ms, ns } = instantOf(iso);
  return BigInt(ms) * 1_000_000n + BigInt(ns);
}

/** docker's `stringid.TruncateID`: drops the `sha256:` prefix, keeps 12 hex characters. */
export function shortId(id: string): string {
  const colon = id.indexOf(':');
  const hex = colon >= 0 ? id.slice(colon + 1) : id;
  return hex.slice(0, 12);
}

/**
 * Go's `time.Time.String()` for a time truncated to seconds in the local zone, as `docker images`'
 * `.CreatedAt` prints it: "2024-01-02 15:04:05 +0100 CET". `timeZone` is for tests. Zone abbreviations come
 * from ICU, which knows fewer than Go's tzdata: a zone without one prints as its offset ("+09"), as Go does
 * for zones that have none.
 */
export function goTimeString(iso: string | null | undefined, timeZone?: string): string {
  const ms = parseTime(iso);
  if (ms === null) return '';
  const date = new Date(Math.floor(ms / 1000) * 1000);
  const parts = formatter('en-US', timeZone, 'longOffset').formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const match = /^GMT(?:([+-])(\d{2}):?(\d{2}))?$/.exec(part('timeZoneName')); // "GMT", "GMT+01:00"
  const offset = match && match[1] ? `${match[1]}${match[2]}${match[3]}` : '+0000';
  const year = part('year').padStart(4, '0');
  const clock = `${part('hour')}:${part('minute')}:${part('second')}`;
  return `${year}-${part('month')}-${part('day')} ${clock} ${offset} ${zoneAbbreviation(date, timeZone, offset)}`;
}

/**
 * Go's `time.Unix(sec, 0).Format(time.RFC3339)` in the local zone, as `docker history`'s `.CreatedAt` prints it:
 * "2024-01-02T15:04:05+01:00", "…Z" at offset zero. `ms` is truncated to seconds; Go's zero time (an entry
 * without a `created`) prints as "0001-01-01T00:00:00Z" in UTC (local mean time elsewhere, which ICU knows
 * too). `timeZone` is for tests.
 */
export function goRfc3339(ms: number, timeZone?: string): string {
  const date = new Date(Math.floor(ms / 1000) * 1000);
  const parts = formatter('en-US', timeZone, 'longOffset').formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const match = /^GMT(?:([+-])(\d{2}):?(\d{2}))?/.exec(part('timeZoneName')); // "GMT", "GMT+01:00", "GMT+00:09:21"
  const zone = match && match[1] && `${match[2]}${match[3]}` !== '0000' ? `${match[1]}${match[2]}:${match[3]}` : 'Z';
  const clock = `${part('hour')}:${part('minute')}:${part('second')}`;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}T${clock}${zone}`;
}

/** Go's zero time in milliseconds: what a missing `created` stands for. */
export const GO_ZERO_TIME_MS = GO_ZERO_TIME;

// Each locale names a different set of zones (en-US: EST; en-GB: CET, BST; en-IN: IST; en-AU: AEST).
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU'];

function zoneAbbreviation(date: Date, timeZone: string | undefined, offset: string): string {
  for (const locale of ABBREVIATION_LOCALES) {
    const name = formatter(locale, timeZone, 'short').formatToParts(date).find((p) => p.type === 'timeZoneName')?.value;
    if (name && /^[A-Z]{2,5}$/.test(name)) return name;
  }
  return offset.endsWith('00') ? offset.slice(0, 3) : offset;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string | undefined, zoneName: 'short' | 'longOffset'): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone ?? ''} ${zoneName}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23', timeZoneName: zoneName,
    });
    formatters.set(key, cached);
  }
  return cached;
}
