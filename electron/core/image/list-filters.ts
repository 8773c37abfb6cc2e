// `docker images --filter` as dockerd 20.10 combines several of them (measured with the Debian daemon):
// - kinds are AND-ed: `reference=alpha --filter label=x=2` lists only alpha images labelled x=2;
// - several `reference=` are OR-ed per row, and the positional `REPOSITORY[:TAG]` is one more of them (the docker
//   CLI sends it as a reference filter): `docker images alpha --filter reference=gamma` lists both;
// - several `label=` are AND-ed (every key, and value where given, must be on the image);
// - `dangling=`: any `true` lists dangling images only, else `false` hides them (`dangling=true
//   --filter dangling=false` lists the dangling ones);
// - several `before=`/`since=`: the daemon keeps whichever value its map walk visits last, so docker's answer
//   changes from run to run (measured: 19 of 20 one way). Berth applies them all (the strictest wins), which is
//   always one of docker's answers, and the same one every time.
import { BerthError } from '../../../shared/errors.js';
import { compareInstants } from '../../../shared/format.js';
import { familiarName, familiarString } from '../ref/reference.js';
import type { ImageRecord } from './model.js';
import { compilePathPattern } from './glob.js';
import { resolveImage } from './resolve.js';

export type Predicate = (record: ImageRecord) => boolean;

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/** One predicate for every `--filter` value and the positional reference; null when nothing filters. */
export function imageFilter(filters: readonly string[], records: ImageRecord[], reference?: string): Predicate | null {
  const byKind = new Map<string, string[]>();
  for (const filter of filters) {
    const eq = filter.indexOf('=');
    if (eq <= 0) throw new BerthError('INVALID_ARGUMENT', `bad format of filter (expected name=value): ${filter}`);
    const name = filter.slice(0, eq).trim().toLowerCase();
    if (!KINDS.has(name)) throw new BerthError('INVALID_ARGUMENT', `invalid filter '${name}'`);
    byKind.set(name, [...(byKind.get(name) ?? []), filter.slice(eq + 1)]);
  }
  if (reference) byKind.set('reference', [...(byKind.get('reference') ?? []), reference]);

  const predicates: Predicate[] = [];
  for (const [kind, values] of byKind) {
    if (kind === 'dangling') predicates.push(danglingPredicate(values));
    else if (kind === 'reference') predicates.push(anyOf(values.map(referencePredicate)));
    else if (kind === 'label') predicates.push(...values.map(labelPredicate));
    else predicates.push(...values.map((value) => timePredicate(kind as 'before' | 'since', value, records)));
  }
  if (predicates.length === 0) return null;
  return (record) => predicates.every((p) => p(record));
}

const KINDS = new Set(['dangling', 'reference', 'label', 'before', 'since']);

function anyOf(predicates: Predicate[]): Predicate {
  return predicates.length === 1 ? predicates[0]! : (record) => predicates.some((p) => p(record));
}

/** dockerd: `ExactMatch("dangling", "true")` wins, then `"false"`; anything else alone is an invalid filter. */
function danglingPredicate(values: string[]): Predicate {
  const isTrue = (v: string) => v === 'true' || v === '1';
  const isFalse = (v: string) => v === 'false' || v === '0';
  if (values.some(isTrue)) return (r) => r.reference === null;
  if (values.some(isFalse)) return (r) => r.reference !== null;
  throw new BerthError('INVALID_ARGUMENT', `invalid filter 'dangling=${values.join(',')}': use true or false`);
}

function timePredicate(kind: 'before' | 'since', value: string, records: ImageRecord[]): Predicate {
  const at = resolveImage(records, value).records[0]!.createdAt;
  return kind === 'before' ? (r) => compareInstants(r.createdAt, at) < 0 : (r) => compareInstants(r.createdAt, at) > 0;
}

function labelPredicate(value: string): Predicate {
  const [key, ...rest] = value.split('=');
  const wanted = rest.length ? rest.join('=') : null;
  return (r) => {
    const labels = r.labels ?? NO_LABELS;
    if (!key || !Object.hasOwn(labels, key)) return false;
    return wanted === null || labels[key] === wanted;
  };
}

/** docker's FamiliarMatch: the pattern is tried on `name:tag` and on `name`. */
function referencePredicate(pattern: string): Predicate {
  const matches = compilePathPattern(pattern);
  return (r) => {
    const ref = r.ref;
    if (!ref) return false;
    return matches(familiarString(ref)) || matches(familiarName(ref));
  };
}
