// Value printing as Go's fmt %v does it, Go's float formatting (strconv.FormatFloat), and encoding/json
// output, for the JSON-like values templates see.
import {
  elementPath, fieldPath, kindOf, sortedKeys, type Val, type ValueContext,
} from './values.js';

/** fmt's %v. Integers never use an exponent (they are int64 fields in docker's structs). */
export function formatValue(val: Val, ctx: ValueContext): string {
  const v = val.v;
  switch (kindOf(val, ctx)) {
    case 'invalid':
      return '<no value>';
    case 'nil':
      return '<nil>';
    case 'string':
      return v as string;
    case 'bool':
      return String(v);
    case 'int':
      return formatInt(v as number | bigint);
    case 'float':
      return formatFloat(v as number, 'g', -1);
    case 'slice':
      return `[${(v as unknown[]).map((e, i) => formatValue({ v: e, path: elementPath(val.path, i) }, ctx)).join(' ')}]`;
    case 'map': {
      const obj = v as Record<string, unknown>;
      const entries = sortedKeys(obj).map((k) => `${k}:${formatValue({ v: obj[k], path: elementPath(val.path, k) }, ctx)}`);
      return `map[${entries.join(' ')}]`;
    }
    case 'struct': {
      const obj = v as Record<string, unknown>;
      const fields = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .map((k) => formatValue({ v: obj[k], path: fieldPath(val.path, k) }, ctx));
      return `{${fields.join(' ')}}`;
    }
    case 'func':
      return 'func';
  }
}

export function formatInt(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (Object.is(n, -0)) return '0';
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

/** The exact decimal digits of a double: value = 0.digits × 10^dp, no leading or trailing zeros. */
interface Decimal {
  digits: string;
  dp: number;
}

function exactDecimal(x: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp = biased - 1075;
  if (biased === 0) exp = -1074;
  else mantissa |= 1n << 52n;
  if (mantissa === 0n) return { digits: '', dp: 0 };
  let digits: string;
  let pointFromRight: number;
  if (exp >= 0) {
    digits = (mantissa << BigInt(exp)).toString();
    pointFromRight = 0;
  } else {
    digits = (mantissa * 5n ** BigInt(-exp)).toString();
    pointFromRight = -exp;
  }
  return trim({ digits, dp: digits.length - pointFromRight });
}

function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const [mant, e] = x.toExponential().split('e') as [string, string];
  return trim({ digits: mant.replace('.', ''), dp: Number(e) + 1 });
}

function trim(d: Decimal): Decimal {
  const digits = d.digits.replace(/0+$/, '');
  const lead = digits.length - digits.replace(/^0+/, '').length;
  return digits.length === lead ? { digits: '', dp: 0 } : { digits: digits.slice(lead), dp: d.dp - lead };
}

/** Rounds to `nd` significant digits, halves to even as Go does on the exact value. */
function round(d: Decimal, nd: number): Decimal {
  if (nd < 0) return { digits: '', dp: 0 };
  if (nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  const rest = d.digits.slice(nd + 1);
  const up = next > 5 || (next === 5 && (/[1-9]/.test(rest) || (nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1)));
  if (!up) return trim({ digits: d.digits.slice(0, nd), dp: d.dp });
  if (nd === 0) return { digits: '1', dp: d.dp + 1 };
  const bumped = (BigInt(d.digits.slice(0, nd)) + 1n).toString();
  return trim({ digits: bumped, dp: d.dp + (bumped.length > nd ? 1 : 0) });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i]! : '0';
}

function fmtE(d: Decimal, prec: number, e: 'e' | 'E'): string {
  let out = digitAt(d, 0);
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${out}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(d: Decimal, prec: number): string {
  let out = '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) out += digitAt(d, i);
  else out = '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(d, d.dp + i);
  }
  return out;
}

/** strconv.FormatFloat(x, fmt, prec, 64); prec -1 means the shortest representation. */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) d = shortestDecimal(abs);
  else if (fmt === 'f') d = round(exactDecimal(abs), exactDecimal(abs).dp + prec);
  else if (fmt === 'e' || fmt === 'E') d = round(exactDecimal(abs), prec + 1);
  else d = round(exactDecimal(abs), prec === 0 ? 1 : prec);
  if (d.digits.length === 0) d = { digits: '', dp: 1 };
  const nd = d.digits.length;
  if (fmt === 'e' || fmt === 'E') return sign + fmtE(d, shortest ? Math.max(nd - 1, 0) : prec, fmt);
  if (fmt === 'f') return sign + fmtF(d, shortest ? Math.max(nd - d.dp, 0) : prec);
  let p = shortest ? nd : prec === 0 ? 1 : prec;
  let eprec = p;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (p > nd) p = nd;
    return sign + fmtE(d, Math.max(p - 1, 0), fmt === 'G' ? 'E' : 'e');
  }
  if (p > d.dp) p = nd;
  return sign + fmtF(d, Math.max(p - d.dp, 0));
}

/** encoding/json with SetEscapeHTML(false): maps in key order, structs in field (object) order. */
export function encodeJson(val: Val, ctx: ValueContext): string {
  const v = val.v;
  switch (kindOf(val, ctx)) {
    case 'invalid':
    case 'nil':
    case 'func':
      return 'null';
    case 'string':
      return JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    case 'bool':
      return String(v);
    case 'int':
    case 'float':
      if (typeof v === 'bigint') return v.toString();
      if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${formatFloat(v as number, 'g', -1)}`);
      return JSON.stringify(v);
    case 'slice':
      return `[${(v as unknown[]).map((e, i) => encodeJson({ v: e, path: elementPath(val.path, i) }, ctx)).join(',')}]`;
    case 'map': {
      const obj = v as Record<string, unknown>;
      const members = sortedKeys(obj).map((k) => `${encodeJson({ v: k, path: '' }, ctx)}:${encodeJson({ v: obj[k], path: elementPath(val.path, k) }, ctx)}`);
      return `{${members.join(',')}}`;
    }
    case 'struct': {
      const obj = v as Record<string, unknown>;
      const members = Object.keys(obj)
        .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
        .map((k) => `${encodeJson({ v: k, path: '' }, ctx)}:${encodeJson({ v: obj[k], path: fieldPath(val.path, k) }, ctx)}`);
      return `{${members.join(',')}}`;
    }
  }
}
