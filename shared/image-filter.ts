// `docker images --filter` as dockerd 20.10 combines several of them (measured with the Debian daemon), over any
// kind of row: the core's store records (`berth images`) and the renderer's ImageSummary (the filter box).
// - kinds are AND-ed: `reference=alpha --filter label=x=2` lists only alpha images labelled x=2;
// - several `reference=` are OR-ed per row, and the positional `REPOSITORY[:TAG]` is one more of them (the docker
//   CLI sends it as a reference filter): `docker images alpha --filter reference=gamma` lists both;
// - several `label=` are AND-ed (every key, and value where given, must be on the image);
// - `dangling=`: any `true` lists dangling images only, else `false` hides them (`dangling=true
//   --filter dangling=false` lists the dangling ones);
// - several `before=`/`since=`: the daemon keeps whichever value its map walk visits last, so docker's answer
//   changes from run to run (measured: 19 of 20 one way). Berth applies them all (the strictest wins), which is
//   always one of docker's answers, and the same one every time.
// Browser-safe: imports only shared modules.
import { BerthError } from './errors.js';
import { compareInstants, type Instant } from './format.js';
import { compilePathPattern } from './glob.js';

export type Predicate<T> = (row: T) => boolean;

export const FILTER_KINDS = ['dangling', 'label', 'reference', 'before', 'since'] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

/** What the filters need to know about a row, and how to find the image `before=`/`since=` name. */
export interface FilterSubject<T> {
  isDangling(row: T): boolean;
  labels(row: T): Readonly<Record<string, string>> | null;
  /** docker's FamiliarMatch candidates: familiar `name:tag` and `name`; null when dangling. */
  familiarNames(row: T): readonly [string, string] | null;
  createdAt(row: T): Instant;
  /** The creation instant of the image `value` names (a reference or ID); throws NOT_FOUND or AMBIGUOUS. */
  createdOf(value: string): Instant;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});
const KINDS: ReadonlySet<string> = new Set(FILTER_KINDS);

/** `name=value` filters grouped by kind, in the order first given; INVALID_ARGUMENT for a bad one. */
export function groupFilters(filters: readonly string[]): Map<FilterKind, string[]> {
  const byKind = new Map<FilterKind, string[]>();
  for (const filter of filters) {
    const eq = filter.indexOf('=');
    if (eq <= 0) throw new BerthError('INVALID_ARGUMENT', `bad format of filter (expected name=value): ${filter}`);
    const name = filter.slice(0, eq).trim().toLowerCase();
    if (!KINDS.has(name)) throw new BerthError('INVALID_ARGUMENT', `invalid filter '${name}'`);
    const kind = name as FilterKind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), filter.slice(eq + 1)]);
  }
  return byKind;
}

/** One predicate for grouped filters; null when nothing filters. Patterns and images are checked here, once. */
export function buildImageFilter<T>(byKind: ReadonlyMap<FilterKind, readonly string[]>, subject: FilterSubject<T>): Predicate<T> | null {
  const predicates: Predicate<T>[] = [];
  for (const [kind, values] of byKind) {
    if (kind === 'dangling') predicates.push(danglingPredicate(values, subject));
    else if (kind === 'reference') predicates.push(anyOf(values.map((v) => referencePredicate(v, subject))));
    else if (kind === 'label') predicates.push(...values.map((v) => labelPredicate(v, subject)));
    else predicates.push(...values.map((v) => timePredicate(kind, v, subject)));
  }
  if (predicates.length === 0) return null;
  return (row) => predicates.every((p) => p(row));
}

function anyOf<T>(predicates: Predicate<T>[]): Predicate<T> {
  return predicates.length === 1 ? predicates[0]! : (row) => predicates.some((p) => p(row));
}

/** dockerd: `ExactMatch("dangling", "true")` wins, then `"false"`; anything else alone is an invalid filter. */
function danglingPredicate<T>(values: readonly string[], subject: FilterSubject<T>): Predicate<T> {
  const isTrue = (v: string) => v === 'true' || v === '1';
  const isFalse = (v: string) => v === 'false' || v === '0';
  if (values.some(isTrue)) return (r) => subject.isDangling(r);
  if (values.some(isFalse)) return (r) => !subject.isDangling(r);
  throw new BerthError('INVALID_ARGUMENT', `invalid filter 'dangling=${values.join(',')}': use true or false`);
}

function timePredicate<T>(kind: 'before' | 'since', value: string, subject: FilterSubject<T>): Predicate<T> {
  const at = subject.createdOf(value);
  return kind === 'before'
    ? (r) => compareInstants(subject.createdAt(r), at) < 0
    : (r) => compareInstants(subject.createdAt(r), at) > 0;
}

function labelPredicate<T>(value: string, subject: FilterSubject<T>): Predicate<T> {
  const [key, ...rest] = value.split('=');
  const wanted = rest.length ? rest.join('=') : null;
  return (r) => {
    const labels = subject.labels(r) ?? NO_LABELS;
    if (!key || !Object.hasOwn(labels, key)) return false;
    return wanted === null || labels[key] === wanted;
  };
}

/** docker's FamiliarMatch: the pattern is tried on `name:tag` and on `name`. */
function referencePredicate<T>(pattern: string, subject: FilterSubject<T>): Predicate<T> {
  const matches = compilePathPattern(pattern);
  return (r) => {
    const names = subject.familiarNames(r);
    return names !== null && (matches(names[0]) || matches(names[1]));
  };
}
