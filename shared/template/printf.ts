// fmt.Sprintf for template values: verbs v s d q x X t f F e E g G c U b o T, flags "+- #0", width and
// precision (also as *). A JS number cannot say whether it was a Go int or float64, so the float verbs
// accept integers; %d on a fraction is a bad verb, as in Go.
import { fmtValue, formatFloat, POINTER_TEXT } from './print.js';
import { goQuote } from './quote.js';
import { deref } from './typed.js';
import {
  goTypeName, kindOf, mapEntries, sliceItems, stringerOf, structMembers, type Val, type ValueContext,
} from './values.js';

interface Spec {
  verb: string;
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

const BAD = Symbol('bad verb');

export function sprintf(format: string, args: Val[], ctx: ValueContext): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  const nextInt = (): number | undefined => {
    const a = args[argIndex];
    if (a === undefined || kindOf(a, ctx) !== 'int') return undefined;
    argIndex++;
    return Number(a.v);
  };
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { verb: '', plus: false, minus: false, sharp: false, space: false, zero: false };
    for (; i < format.length && '+-# 0'.includes(format[i]!); i++) {
      const f = format[i];
      if (f === '+') spec.plus = true;
      else if (f === '-') spec.minus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else spec.zero = true;
    }
    if (format[i] === '*') {
      i++;
      spec.width = nextInt();
      if (spec.width !== undefined && spec.width < 0) {
        spec.minus = true;
        spec.width = -spec.width;
      }
      if (spec.width === undefined) out += '%!(BADWIDTH)';
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        spec.width = Number(m[0]);
        i += m[0].length;
      }
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        spec.prec = nextInt();
        if (spec.prec === undefined || spec.prec < 0) {
          if (spec.prec === undefined) out += '%!(BADPREC)';
          spec.prec = undefined;
        }
      } else {
        const m = /^\d*/.exec(format.slice(i))![0];
        spec.prec = m === '' ? 0 : Number(m);
        i += m.length;
      }
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    spec.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const arg = args[argIndex];
    if (arg === undefined) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    argIndex++;
    out += formatArg(arg, spec, ctx);
  }
  if (argIndex < args.length) {
    const extra = args.slice(argIndex).map((a) => (a.v === null || a.v === undefined ? '<nil>' : `${goTypeName(a, ctx)}=${fmtValue(a, ctx)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

function formatArg(arg: Val, spec: Spec, ctx: ValueContext, depth = 0): string {
  const kind = kindOf(arg, ctx);
  const untypedNil = (kind === 'nil' && (!arg.t || arg.t.kind === 'interface')) || kind === 'invalid';
  if (spec.verb === 'T') return pad(untypedNil ? '<nil>' : goTypeName(arg, ctx), spec);
  const body = formatBody(arg, spec, ctx, depth);
  if (body !== BAD) return body;
  if (untypedNil) return `%!${spec.verb}(<nil>)`;
  return `%!${spec.verb}(${goTypeName(arg, ctx)}=${fmtValue(arg, ctx)})`;
}

function formatBody(arg: Val, spec: Spec, ctx: ValueContext, depth = 0): string | typeof BAD {
  const { verb } = spec;
  const v = arg.v;
  // fmt calls a Stringer for these verbs (time.Time, time.Duration).
  const stringer = stringerOf(arg);
  if (stringer !== undefined && 'vsqxX'.includes(verb)) return formatString(stringer, spec);
  switch (kindOf(arg, ctx)) {
    case 'invalid':
    case 'nil':
      return verb === 'v' ? pad('<nil>', spec) : BAD;
    case 'bool':
      return verb === 'v' || verb === 't' ? pad(String(v), spec) : BAD;
    case 'string':
      return formatString(v as string, spec);
    case 'int':
      return formatInteger(BigInt(v as number | bigint), spec);
    case 'float':
      return formatFloatVerb(v as number, spec);
    case 'pointer': {
      const target = deref(arg);
      if (depth === 0 && ['slice', 'map', 'struct'].includes(kindOf(target, ctx))) {
        const inner = formatBody(target, spec, ctx, depth + 1);
        return inner === BAD ? BAD : `&${inner}`;
      }
      return verb === 'v' ? pad(POINTER_TEXT, spec) : BAD;
    }
    case 'slice':
    case 'map':
    case 'struct':
      return formatComposite(arg, spec, ctx, depth);
    default:
      return verb === 'v' ? pad(fmtValue(arg, ctx), spec) : BAD;
  }
}

/** Go applies the verb to each element: %d of [1 2] is [1 2], %q of [a b] is ["a" "b"]. */
function formatComposite(arg: Val, spec: Spec, ctx: ValueContext, depth: number): string | typeof BAD {
  const inner = { ...spec, width: undefined };
  const one = (val: Val): string => {
    const s = formatBody(val, inner, ctx, depth + 1);
    return s === BAD ? formatArg(val, inner, ctx, depth + 1) : s;
  };
  let s: string;
  const kind = kindOf(arg, ctx);
  if (kind === 'slice') s = `[${sliceItems(arg).map(one).join(' ')}]`;
  else if (kind === 'map') s = `map[${mapEntries(arg).map(([k, e]) => `${one({ v: k, path: '' })}:${one(e)}`).join(' ')}]`;
  else s = `{${structMembers(arg).map((m) => one(m.val)).join(' ')}}`;
  return pad(s, spec);
}

function formatString(s: string, spec: Spec): string | typeof BAD {
  const truncated = spec.prec === undefined ? s : [...s].slice(0, spec.prec).join('');
  switch (spec.verb) {
    case 'v':
    case 's':
      return pad(truncated, spec);
    case 'q':
      return pad(spec.sharp && canBackquote(truncated) ? `\`${truncated}\`` : goQuote(truncated), spec);
    case 'x':
    case 'X': {
      const hex = [...new TextEncoder().encode(truncated)].map((b) => b.toString(16).padStart(2, '0')).join('');
      return pad(spec.verb === 'X' ? hex.toUpperCase() : hex, spec);
    }
    default:
      return BAD;
  }
}

/** strconv.CanBackquote: no backquote and no control characters other than tab. */
function canBackquote(s: string): boolean {
  return [...s].every((ch) => {
    const c = ch.codePointAt(0)!;
    return ch !== '`' && c !== 0xfeff && (c === 0x09 || (c >= 0x20 && c !== 0x7f));
  });
}

function formatInteger(n: bigint, spec: Spec): string | typeof BAD {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits: string;
  let prefix = '';
  switch (spec.verb) {
    case 'v':
    case 'd':
      digits = abs.toString();
      break;
    case 'b':
      digits = abs.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
      digits = abs.toString(8);
      if (spec.sharp) prefix = '0';
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (spec.sharp) prefix = '0x';
      if (spec.verb === 'X') [digits, prefix] = [digits.toUpperCase(), prefix.toUpperCase()];
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(abs)), spec);
    case 'q':
      return pad(goQuote(String.fromCodePoint(Number(abs)), "'"), spec);
    case 'U':
      return pad(`U+${abs.toString(16).toUpperCase().padStart(4, '0')}`, spec);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      return formatFloatVerb(Number(n), spec);
    default:
      return BAD;
  }
  if (spec.prec !== undefined) digits = spec.prec === 0 && abs === 0n ? '' : digits.padStart(spec.prec, '0');
  return padNumber(neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '', prefix + digits, spec);
}

function formatFloatVerb(x: number, spec: Spec): string | typeof BAD {
  const verb = spec.verb === 'v' ? 'g' : spec.verb === 'F' ? 'f' : spec.verb;
  if (!'eEfgG'.includes(verb)) return BAD;
  const prec = spec.prec ?? (verb === 'g' || verb === 'G' ? -1 : 6);
  const s = formatFloat(x, verb as 'e' | 'E' | 'f' | 'g' | 'G', prec);
  const neg = s.startsWith('-');
  const body = neg || s.startsWith('+') ? s.slice(1) : s;
  if (!Number.isFinite(x)) return pad(s, spec);
  return padNumber(neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '', body, spec);
}

function padNumber(sign: string, body: string, spec: Spec): string {
  if (spec.zero && !spec.minus && spec.width !== undefined) {
    return sign + body.padStart(Math.max(spec.width - sign.length, 0), '0');
  }
  return pad(sign + body, spec);
}

/** Width counts runes, as in Go. */
function pad(s: string, spec: Spec): string {
  if (spec.width === undefined) return s;
  const missing = spec.width - [...s].length;
  if (missing <= 0) return s;
  return spec.minus ? s + ' '.repeat(missing) : ' '.repeat(missing) + s;
}
