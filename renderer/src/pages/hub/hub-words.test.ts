import { describe, expect, it } from 'vitest';
import type { HubTag } from '../../../../shared/api';
import { compactCount, filterTags, fullReference, hubProblem, newestFirst, platformLabel, searchFilters, tagSize } from './hub-words';

const tag = (name: string, lastUpdated: string | null, platforms: Array<[string, string, string, number]> = []): HubTag => ({
  name, digest: '', fullSize: 99, lastUpdated, images: platforms.map(([os, architecture, variant, size]) => ({ os, architecture, variant, size, digest: '', lastPushed: null })),
});

describe('hub words', () => {
  it("rounds counts as Docker Hub shows them", () => {
    expect([compactCount(1_000_000_000), compactCount(523_000_000), compactCount(12_345), compactCount(9_999), compactCount(0)]).toEqual(['1B+', '523M+', '12K+', '9,999', '0']);
  });
  it('labels platforms and references', () => {
    expect(platformLabel({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('arm64/v8');
    expect(platformLabel({ os: 'windows', architecture: 'amd64', variant: '' })).toBe('windows/amd64');
    expect(fullReference('nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    expect(fullReference('Bad Name')).toBeNull();
  });
  it('orders tags newest first and filters by name or platform', () => {
    const tags = [tag('old', '2024-01-01T00:00:00Z'), tag('none', null), tag('new', '2026-01-01T00:00:00Z', [['linux', 'arm64', 'v8', 5]])];
    expect(newestFirst(tags).map((t) => t.name)).toEqual(['new', 'old', 'none']);
    expect(filterTags(tags, 'arm64').map((t) => t.name)).toEqual(['new']);
    expect(filterTags(tags, ' OL ').map((t) => t.name)).toEqual(['old']);
    expect(tagSize(tags[2]!)).toBe(99);
    expect(tagSize(tag('x', null, [['linux', 'arm64', '', 5], ['linux', 'amd64', '', 7]]))).toBe(7);
  });
  it("turns the page's filters into docker's and errors into states", () => {
    expect(searchFilters({ official: true, automated: false, minStars: 100 })).toEqual(['is-official=true', 'stars=100']);
    expect(hubProblem({ code: 'RATE_LIMITED', message: 'm' }).kind).toBe('rate-limited');
    expect(hubProblem({ code: 'NETWORK', message: 'm' }).kind).toBe('offline');
    expect(hubProblem({ code: 'INVALID_ARGUMENT', message: 'm' }).kind).toBe('error');
  });
});
