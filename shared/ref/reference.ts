// Docker's image reference grammar and normalisation: browser-safe (no Node), shared by the core and the renderer.
import { BerthError } from '../errors.js';
import { digestProblem } from './digest-format.js';

/**
 * An image reference in docker's normalised form: `domain/path[:tag][@digest]`.
 * `domain` is never empty (`docker.io` by default); a bare `ubuntu` has path `library/ubuntu`.
 */
export interface ImageReference {
  domain: string;
  path: string;
  tag: string | null;
  digest: string | null;
}

export const DEFAULT_DOMAIN = 'docker.io';
export const DEFAULT_TAG = 'latest';
export const MAX_REPOSITORY_NAME_LENGTH = 255;
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';

// The grammar of github.com/distribution/reference (regexp.go), piece by piece.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const ipv6Address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainAndPort = `(?:${domainName}|${ipv6Address})(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const anchored = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

const REFERENCE = anchored(`((?:${domainAndPort}/)?${remoteName})(?::(${tag}))?(?:@(${digest}))?`);
const NAME = anchored(`(?:(${domainAndPort})/)?(${remoteName})`);
const DOMAIN = anchored(domainAndPort);
const PATH = anchored(remoteName);
const TAG = anchored(tag);
const DIGEST = anchored(digest);
const IDENTIFIER = /^[a-f0-9]{64}$/;

/** Whether `text` is a tag by docker's grammar (`[\w][\w.-]{0,127}`). */
export function isTag(text: string): boolean {
  return TAG.test(text);
}
// A reference already in normalised form with a tag (`docker.io/library/ubuntu:14.04`), as index.json stores them.
const NORMALIZED_TAGGED = anchored(`(${domainAndPort})/(${remoteName}):(${tag})`);

function invalid(message: string): BerthError {
  return new BerthError('INVALID_REFERENCE', message);
}

/**
 * Docker's splitDockerDomain: the first component is a registry when it is `localhost`, holds a `.` or `:`,
 * or has an uppercase letter (namespaces cannot). A name without `/` is always a Docker Hub name,
 * so `localhost:5000` alone is the image `library/localhost` with tag `5000`, as in docker.
 */
function splitDockerDomain(input: string): { domain: string; remainder: string; explicitDomain: boolean } {
  const slash = input.indexOf('/');
  if (slash < 0) return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPO_PREFIX + input, explicitDomain: false };
  const first = input.slice(0, slash);
  const rest = input.slice(slash + 1);
  let domain = DEFAULT_DOMAIN;
  let remainder = input;
  let explicitDomain = false;
  if (first === LEGACY_DEFAULT_DOMAIN) {
    remainder = rest;
    explicitDomain = true;
  } else if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
    domain = first;
    remainder = rest;
    explicitDomain = true;
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder, explicitDomain };
}

/**
 * Parses a reference the way `docker pull` does (ParseNormalizedNamed): `ubuntu` becomes
 * docker.io / library/ubuntu with no tag. The default tag is added by withDefaultTag, not here.
 */
export function parseReference(input: string): ImageReference {
  if (typeof input !== 'string') throw invalid(`invalid reference format: expected a string, got ${typeof input}`);
  if (input === '') throw invalid('invalid reference format: the reference is empty');
  if (IDENTIFIER.test(input)) {
    throw invalid(`invalid repository name (${input}), cannot specify 64-byte hexadecimal strings`);
  }
  const { domain, remainder, explicitDomain } = splitDockerDomain(input);
  const colon = remainder.indexOf(':');
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) {
    throw invalid(`invalid reference format: repository name (${remote}) must be lowercase`);
  }

  const match = REFERENCE.exec(`${domain}/${remainder}`);
  const name = match?.[1] !== undefined ? NAME.exec(match[1]) : null;
  // Docker's grammar lets `foo_bar.com/app` through as a path with no registry at all, which no
  // registry can serve; Berth refuses it with the same message as any other bad host.
  if (!match || !name || name[1] === undefined || name[2] === undefined) {
    throw invalid(describeFormatProblem(input, explicitDomain));
  }
  const path = name[2];
  if (path.length > MAX_REPOSITORY_NAME_LENGTH) {
    throw invalid(
      `repository name must not be more than ${MAX_REPOSITORY_NAME_LENGTH} characters (got ${path.length} in "${input}")`,
    );
  }
  const digestText = match[3] ?? null;
  if (digestText !== null) {
    const problem = digestProblem(digestText, input);
    if (problem !== null) throw invalid(problem);
  }
  return { domain: name[1], path, tag: match[2] ?? null, digest: digestText };
}

/** Names the part of a reference that breaks the grammar, for a message better than docker's bare one. */
function describeFormatProblem(input: string, explicitDomain: boolean): string {
  const prefix = 'invalid reference format';
  const at = input.indexOf('@');
  const beforeDigest = at < 0 ? input : input.slice(0, at);
  const digestText = at < 0 ? null : input.slice(at + 1);
  const lastColon = beforeDigest.lastIndexOf(':');
  const hasTag = lastColon > beforeDigest.lastIndexOf('/');
  const name = hasTag ? beforeDigest.slice(0, lastColon) : beforeDigest;
  const tagText = hasTag ? beforeDigest.slice(lastColon + 1) : null;
  const slash = name.indexOf('/');
  const host = explicitDomain ? name.slice(0, slash) : null;
  const path = explicitDomain ? name.slice(slash + 1) : name;

  if (digestText !== null && !DIGEST.test(digestText)) {
    return `${prefix}: digest "${digestText}" in "${input}" must be <algorithm>:<hex> with at least 32 hex digits`;
  }
  if (tagText !== null && !TAG.test(tagText)) {
    return (
      `${prefix}: tag "${tagText}" in "${input}" must be 1 to 128 letters, digits, "_", "." or "-", ` +
      'and must not start with "." or "-"'
    );
  }
  if (host !== null && !DOMAIN.test(host)) {
    return `${prefix}: registry host "${host}" in "${input}" is not a valid host name, IPv4 or [IPv6] address with an optional :port`;
  }
  if (path === '') return `${prefix}: repository name is missing in "${input}"`;
  if (!PATH.test(path)) {
    return (
      `${prefix}: repository name "${path}" in "${input}" must be lowercase letters and digits, ` +
      'joined by ".", "_", "__" or dashes, in components separated by single "/"'
    );
  }
  return `${prefix}: "${input}"`;
}

/**
 * The parts of `input` when it is already a normalised tagged reference (normalizeReference(input) === input),
 * found with one regular expression; null otherwise, including for every reference that is valid but not in that
 * form (the caller then takes parseReference's path). For reading index.json, where every name is in this form.
 */
export function parseNormalizedTagged(input: string): ImageReference | null {
  const match = NORMALIZED_TAGGED.exec(input);
  if (!match) return null;
  // Indexes, not destructuring: this runs once per index.json entry, mostly before the JIT has looked at it.
  const domain = match[1]!;
  const path = match[2]!;
  // Only a first component that docker reads as a registry stays first; docker.io names need a namespace.
  if (domain === LEGACY_DEFAULT_DOMAIN || path.length > MAX_REPOSITORY_NAME_LENGTH) return null;
  if (domain !== 'localhost' && !domain.includes('.') && !domain.includes(':') && domain.toLowerCase() === domain) return null;
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) return null;
  return { domain, path, tag: match[3]!, digest: null };
}

/** Docker's TagNameOnly: a reference with neither tag nor digest gets `latest`. */
export function withDefaultTag(ref: ImageReference): ImageReference {
  return ref.tag === null && ref.digest === null ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/** The full string docker stores and shows in RepoTags: `ubuntu` -> `docker.io/library/ubuntu:latest`. */
export function normalizeReference(input: string): string {
  return referenceToString(withDefaultTag(parseReference(input)));
}

export function repositoryName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

export function referenceToString(ref: ImageReference): string {
  return withSuffixes(repositoryName(ref), ref);
}

/** Docker's FamiliarName: the default registry and the `library/` namespace are left out. */
export function familiarName(ref: ImageReference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return repositoryName(ref);
  const rest = ref.path.startsWith(OFFICIAL_REPO_PREFIX) ? ref.path.slice(OFFICIAL_REPO_PREFIX.length) : null;
  // Only a single component after library/ is an official image; deeper paths keep the prefix, as in docker.
  return rest !== null && !rest.includes('/') ? rest : ref.path;
}

/** Docker's FamiliarString: `ubuntu:latest`, `foo/bar@sha256:…`, `quay.io/a/b:1`. */
export function familiarString(ref: ImageReference): string {
  return withSuffixes(familiarName(ref), ref);
}

export function isDigestReference(ref: ImageReference): boolean {
  return ref.digest !== null;
}

function withSuffixes(name: string, ref: ImageReference): string {
  return name + (ref.tag !== null ? `:${ref.tag}` : '') + (ref.digest !== null ? `@${ref.digest}` : '');
}

/**
 * A name to tag with (`berth tag`, `berth import`'s name): normalised (`ubuntu` -> `docker.io/library/ubuntu:latest`),
 * never a digest reference. Throws INVALID_REFERENCE with docker's wording otherwise.
 */
export function tagReference(input: string): string {
  const full = normalizeReference(input);
  if (parseReference(full).digest) {
    throw invalid(`refusing to create a tag with a digest reference: ${input}`);
  }
  return full;
}
