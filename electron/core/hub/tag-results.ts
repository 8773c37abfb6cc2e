// A Docker Hub tags page, taken as hostile input: tags outside docker's tag grammar dropped (no pull could name
// them, and a newline in one could pose as another row), digests only in their own grammar, platform words only
// from their alphabet, numbers bounded, times only when they parse. The shape is the Hub's v2 tags answer
// (count, next, previous, results[name, digest, full_size, last_updated, images[architecture, os, variant, digest,
// size, status, last_pushed]]).
import type { HubTag, HubTagImage } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { isTag } from '../ref/reference.js';

const MAX_TAGS = 100;
const MAX_IMAGES = 64;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const PLATFORM_WORD = /^[A-Za-z0-9._-]{1,32}$/;

function count(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

function word(value: unknown): string {
  return typeof value === 'string' && PLATFORM_WORD.test(value) ? value : '';
}

function digest(value: unknown): string {
  return typeof value === 'string' && DIGEST.test(value) ? value : '';
}

function time(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 40 || Number.isNaN(Date.parse(value))) return null;
  return value;
}

function tagImage(value: unknown): HubTagImage | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const image = value as Record<string, unknown>;
  const architecture = word(image.architecture);
  const os = word(image.os);
  // The Hub lists attestation manifests as architecture/os "unknown": not something a person can run or pull.
  if (!architecture || !os || architecture === 'unknown' || os === 'unknown') return null;
  return { architecture, os, variant: word(image.variant), digest: digest(image.digest), size: count(image.size), lastPushed: time(image.last_pushed) };
}

export function hubTag(value: unknown): HubTag | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  if (typeof entry.name !== 'string' || !isTag(entry.name)) return null;
  const images = Array.isArray(entry.images) ? entry.images.slice(0, MAX_IMAGES).flatMap((i) => tagImage(i) ?? []) : [];
  return {
    name: entry.name,
    digest: digest(entry.digest),
    fullSize: count(entry.full_size),
    lastUpdated: time(entry.last_updated),
    images,
  };
}

export interface TagsAnswer {
  count: number;
  hasNext: boolean;
  tags: HubTag[];
}

export function tagsAnswer(body: unknown): TagsAnswer {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !Array.isArray((body as { results?: unknown }).results)) {
    throw new BerthError('NETWORK', "the tags answer is not Docker Hub's: it has no list of results");
  }
  const doc = body as Record<string, unknown>;
  const tags = (doc.results as unknown[]).slice(0, MAX_TAGS).flatMap((t) => hubTag(t) ?? []);
  return { count: Math.max(count(doc.count), tags.length), hasNext: typeof doc.next === 'string' && doc.next !== '', tags };
}
