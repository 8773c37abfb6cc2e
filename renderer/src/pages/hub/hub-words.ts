// What the Hub page says and computes from Docker Hub's data: counts as Docker Hub shows them (1B+, 523M+), platform
// labels, the references a Pull uses and the Images page lists, tag order and filter, and which state an error means.
import type { ErrorPayload, HubTag, HubTagImage, ImageSummary } from '../../../../shared/api';
import { parseReference, referenceToString, withDefaultTag } from '../../../../shared/ref/reference';

/** Docker Hub's rounding: whole thousands, millions, billions with a `+` (the exact figure is in the title). */
export function compactCount(n: number): string {
  if (n >= 1e9) return `${Math.floor(n / 1e9)}B+`;
  if (n >= 1e6) return `${Math.floor(n / 1e6)}M+`;
  if (n >= 1e4) return `${Math.floor(n / 1e3)}K+`;
  return n.toLocaleString('en-US');
}

/** `amd64`, `arm64/v8` for Linux (nearly every image); `windows/amd64` otherwise. */
export function platformLabel(image: Pick<HubTagImage, 'os' | 'architecture' | 'variant'>): string {
  const arch = image.variant ? `${image.architecture}/${image.variant}` : image.architecture;
  return image.os === 'linux' ? arch : `${image.os}/${arch}`;
}

/** The name to pull, as a person writes it: `nginx:1.27`, `bitnami/nginx:1.27.3`. */
export function pullName(repository: string, tag: string): string {
  return `${repository}:${tag}`;
}

/** The full reference a pull tags and the Images page keys by: `docker.io/library/nginx:1.27`. */
export function fullReference(name: string): string | null {
  try {
    return referenceToString(withDefaultTag(parseReference(name)));
  } catch {
    return null;
  }
}

/** Full references of the tagged images in the store. */
export function localReferences(images: readonly ImageSummary[]): Set<string> {
  const out = new Set<string>();
  for (const image of images) {
    if (image.dangling || image.tag === '<none>') continue;
    const ref = fullReference(`${image.repository}:${image.tag}`);
    if (ref) out.add(ref);
  }
  return out;
}

/** Newest push first; tags without a time last, by name. */
export function newestFirst(tags: readonly HubTag[]): HubTag[] {
  const time = (t: HubTag) => (t.lastUpdated ? Date.parse(t.lastUpdated) : -Infinity);
  return tags.toSorted((a, b) => time(b) - time(a) || a.name.localeCompare(b.name));
}

/** Tags whose name holds the text, or one of whose platforms does (`arm64` finds the tags built for it). */
export function filterTags(tags: readonly HubTag[], text: string): HubTag[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...tags];
  return tags.filter((t) => t.name.toLowerCase().includes(needle) || t.images.some((i) => `${i.os}/${platformLabel(i)}`.includes(needle)));
}

/** The size a pull of this tag downloads here: the linux/amd64 image's when there is one, else the Hub's full size. */
export function tagSize(tag: HubTag): number {
  return tag.images.find((i) => i.os === 'linux' && i.architecture === 'amd64')?.size ?? tag.fullSize;
}

export interface HubFilterState {
  official: boolean;
  automated: boolean;
  minStars: number;
}

/** The page's filter controls as docker's `--filter`s (the core applies them as dockerd does). */
export function searchFilters(state: HubFilterState): string[] {
  const filters: string[] = [];
  if (state.official) filters.push('is-official=true');
  if (state.automated) filters.push('is-automated=true');
  if (state.minStars > 0) filters.push(`stars=${state.minStars}`);
  return filters;
}

export type HubProblem = { kind: 'offline' | 'rate-limited' | 'error'; title: string; message: string };

/** Which friendly state an error is: a person can wait out a rate limit, reconnect when offline. */
export function hubProblem(error: ErrorPayload): HubProblem {
  if (error.code === 'RATE_LIMITED') return { kind: 'rate-limited', title: 'Docker Hub is limiting requests', message: error.message };
  if (error.code === 'NETWORK') return { kind: 'offline', title: 'Docker Hub cannot be reached', message: error.message };
  return { kind: 'error', title: 'The search failed', message: error.message };
}
