// Value printing as Go's fmt %v does it, Go's float formatting (strconv.FormatFloat), and encoding/json
// output, for the JSON-like values templates see.
import { deref, isEmptyValue } from './typed.js';
import {
  kindOf, mapEntries, sliceItems, stringerOf, structMembers, type Val, type ValueContext,
} from './values.js';

/**
 * What Go prints for a pointer inside a printed struct: its address (0xc0004ddac0), which differs on every run;
 * no value can match it, so this stands in for it.
 */
export const POINTER_TEXT = '0xc000010000';

/** An action's value as text/template prints it: one pointer indirection, then fmt's %v. */
export function formatValue(val: Val, ctx: ValueContext): string {
  return fmtValue(kindOf(val, ctx) === 'pointer' ? deref(val) : val, ctx);
}

/**
 * fmt's %v (fmt.Sprint of one operand). Integers never use an exponent (they are int64 fields in docker's
 * structs). A pointer to a composite prints as &{…} at the top and as its address inside another value.
 */
export function fmtValue(val: Val, ctx: ValueContext, depth = 0): string {
  const stringer = stringerOf(val);
  if (stringer !== undefined) return stringer;
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
    case 'pointer': {
      const target = deref(val);
      const composite = ['slice', 'map', 'struct'].includes(kindOf(target, ctx));
      return depth === 0 && composite ? `&${fmtValue(target, ctx, depth + 1)}` : POINTER_TEXT;
    }
    case 'slice':
      return `[${sliceItems(val).map((e) => fmtValue(e, ctx, depth + 1)).join(' ')}]`;
    case 'map':
      return `map[${mapEntries(val).map(([k, e]) => `${k}:${fmtValue(e, ctx, depth + 1)}`).join(' ')}]`;
    case 'struct':
      return `{${structMembers(val).map((m) => fmtValue(m.val, ctx, depth + 1)).join(' ')}}`;
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

/**
 * encoding/json with SetEscapeHTML(false): maps in key order, structs in field order (typed ones with their
 * JSON names and omitempty), json.Marshaler types through their own encoding.
 */
export function encodeJson(val: Val, ctx: ValueContext): string {
  const v = val.v;
  if (val.t?.json && v !== null && v !== undefined) return val.t.json(v);
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
    case 'pointer':
      return encodeJson(deref(val), ctx);
    case 'slice':
      if (v === null) return 'null';
      return `[${sliceItems(val).map((e) => encodeJson(e, ctx)).join(',')}]`;
    case 'map':
      if (v === null) return 'null';
      return `{${mapEntries(val).map(([k, e]) => `${encodeJson({ v: k, path: '' }, ctx)}:${encodeJson(e, ctx)}`).join(',')}}`;
    case 'struct': {
      const members = structMembers(val)
        .filter((m) => typeof m.val.v !== 'function' && !(m.omitempty && isEmptyValue(m.val)))
        .map((m) => `${encodeJson({ v: m.key, path: '' }, ctx)}:${encodeJson(m.val, ctx)}`);
      return `{${members.join(',')}}`;
    }
  }
}
