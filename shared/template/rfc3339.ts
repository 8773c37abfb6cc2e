// RFC 3339 times as Go reads (time.Parse) and writes them (time.RFC3339Nano, which encoding/json uses for
// time.Time). Kept apart from the layout engine (go-time-format.ts) so the inspect view can normalise times
// without loading the template engine.

/** A wall-clock time in its zone: what a parsed time.Time carries. */
export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  /** Seconds east of UTC. */
  offset: number;
  /** The zone's name ("UTC"), or "" for a bare offset (MST then prints it as -0700). */
  zone: string;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d\d):(\d\d))$/;

/** An RFC 3339 text as Go's time.Parse reads it: "Z" is UTC, another offset a zone without a name. */
export function parseTime(text: string): Civil {
  const m = RFC3339.exec(text);
  if (!m) throw new Error(`parsing time ${JSON.stringify(text)}: not RFC 3339`);
  const offset = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 3600 + Number(m[11]) * 60);
  return {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
    hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]),
    nanos: Number((m[7] ?? '').padEnd(9, '0')),
    // A zero offset reads as UTC, as it does where docker's CLI runs in UTC.
    offset, zone: offset === 0 ? 'UTC' : '',
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Go's t.Format(time.RFC3339Nano): the fraction without trailing zeros, Z for a zero offset. */
export function formatRfc3339Nano(t: Civil): string {
  const fraction = String(t.nanos).padStart(9, '0').replace(/0+$/, '');
  const abs = Math.abs(t.offset);
  const zone = t.offset === 0 ? 'Z' : `${t.offset < 0 ? '-' : '+'}${two(Math.floor(abs / 3600))}:${two(Math.floor(abs / 60) % 60)}`;
  return `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}`
    + `${fraction ? `.${fraction}` : ''}${zone}`;
}

/** The text Go writes for a time: `…:05.5Z`, not `…:05.500Z`. Throws when `text` is no RFC 3339 time. */
export function rfc3339Nano(text: string): string {
  return formatRfc3339Nano(parseTime(text));
}
