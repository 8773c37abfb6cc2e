// searchHub and hubTags against the loopback Hub (testing/hub-server.ts): docker's request, dockerd's filters and
// their errors, hostile answers checked, paging, and the errors a person can act on (offline, rate limited).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings.js';
import { startHubServer, RATE_LIMITED, type HubServer } from '../testing/hub-server.js';
import { hubFixtures } from '../testing/hub-fixtures.js';
import { searchHub, searchTerm } from './search.js';
import { hubTags, hubRepository } from './tags.js';
import { parseSearchFilters } from './search-filters.js';

let hub: HubServer;
const ctx = (over: Partial<Settings> = {}) => ({ settings: async () => ({ ...DEFAULT_SETTINGS, hubUrl: hub.url, indexUrl: hub.url, ...over }) });

beforeAll(async () => {
  hub = await startHubServer(hubFixtures());
});
afterAll(async () => {
  await hub.stop();
});

describe('searchHub', () => {
  it("sends docker's request: /v1/search?q=TERM&n=LIMIT, library/ stripped", async () => {
    hub.requests.length = 0;
    const page = await searchHub(ctx(), 'library/nginx', { limit: 3 });
    expect(hub.requests.map((r) => r.url)).toEqual(['/v1/search?q=nginx&n=3']);
    expect(page.query).toBe('nginx');
    expect(page.results.map((r) => r.name)).toEqual(['nginx', 'nginx/nginx-ingress', 'bitnami/nginx']);
    expect(page.results[0]).toEqual({ name: 'nginx', description: 'Official build of Nginx.', starCount: 20_812, pullCount: 1_000_000_000, isOfficial: true, isAutomated: false });
    expect(page.numResults).toBe(8);
    expect(page.numPages).toBe(3);
  });

  it('asks for later pages with page=N', async () => {
    hub.requests.length = 0;
    const page = await searchHub(ctx(), 'nginx', { limit: 3, page: 3 });
    expect(hub.requests.map((r) => r.url)).toEqual(['/v1/search?q=nginx&n=3&page=3']);
    expect(page.page).toBe(3);
    expect(page.results).toHaveLength(2);
  });

  it('applies the filters as dockerd does: after fetching, within the limit', async () => {
    const official = await searchHub(ctx(), 'nginx', { filters: ['is-official=true'] });
    expect(official.results.map((r) => r.name)).toEqual(['nginx']);
    const community = await searchHub(ctx(), 'nginx', { filters: ['is-official=false', 'stars=150'] });
    expect(community.results.map((r) => r.name)).toEqual(['bitnami/nginx', 'nginxinc/nginx-unprivileged', 'nginxproxy/nginx-proxy']);
    // The largest stars value wins; automated keeps only automated builds.
    const automated = await searchHub(ctx(), 'nginx', { filters: ['stars=1', 'stars=100', 'is-automated=true'] });
    expect(automated.results.map((r) => r.name)).toEqual(['nginxinc/nginx-unprivileged', 'nginxproxy/nginx-proxy']);
    // Fewer than the limit may come back: the index is asked for 3, one of them is official.
    expect((await searchHub(ctx(), 'nginx', { limit: 3, filters: ['is-official=false'] })).results).toHaveLength(2);
  });

  it("refuses bad filters and limits in docker's words, before any request", async () => {
    hub.requests.length = 0;
    await expect(searchHub(ctx(), 'nginx', { filters: ['is-offical=true'] })).rejects.toThrow("Invalid filter 'is-offical'");
    await expect(searchHub(ctx(), 'nginx', { filters: ['stars=abc'] })).rejects.toThrow("Invalid filter 'stars=abc'");
    await expect(searchHub(ctx(), 'nginx', { filters: ['is-official=yes'] })).rejects.toThrow("Invalid filter 'is-official=[yes]'");
    await expect(searchHub(ctx(), 'nginx', { filters: ['is-automated=true', 'is-automated=false'] })).rejects.toThrow("Invalid filter 'is-automated=[true false]'");
    await expect(searchHub(ctx(), 'nginx', { filters: ['stars'] })).rejects.toThrow('bad format of filter (expected name=value)');
    await expect(searchHub(ctx(), 'nginx', { limit: 0 })).rejects.toThrow('Limit 0 is outside the range of [1, 100]');
    await expect(searchHub(ctx(), 'nginx', { limit: 101 })).rejects.toThrow('Limit 101 is outside the range of [1, 100]');
    expect(hub.requests).toEqual([]);
    expect(parseSearchFilters(['STARS = 7 '])).toEqual({ stars: 7 });
  });

  it('keeps terms on Docker Hub: a scheme or another index is refused, docker.io/ dropped', () => {
    expect(searchTerm('docker.io/library/nginx')).toBe('nginx');
    expect(searchTerm('bitnami/nginx')).toBe('bitnami/nginx');
    expect(() => searchTerm('https://hub/nginx')).toThrow('should not have a scheme');
    expect(() => searchTerm('quay.io/nginx')).toThrow('"quay.io" names another registry');
  });

  it('takes the answer as hostile: wrong types, bad names and oversized text never get through', async () => {
    hub.fail({ status: 200, body: {
      num_results: 'many', results: [
        { name: 'ok/one', description: 7, star_count: -5, pull_count: 1.5, is_official: 'true', is_automated: 1 },
        { name: 'evil\nname', description: 'x' }, { name: 'UPPER/case' }, { name: 42 }, null, 'text',
        { name: 'ok/two', description: 'd'.repeat(100_000), star_count: 2 ** 60 },
      ],
    } });
    const page = await searchHub(ctx(), 'ok');
    expect(page.results).toEqual([
      { name: 'ok/one', description: '', starCount: 0, pullCount: 0, isOfficial: false, isAutomated: false },
      { name: 'ok/two', description: 'd'.repeat(1024), starCount: 0, pullCount: 0, isOfficial: false, isAutomated: false },
    ]);
    hub.fail({ status: 200, body: '<html>maintenance</html>' });
    await expect(searchHub(ctx(), 'ok')).rejects.toThrow('not valid JSON');
    hub.fail({ status: 200, body: { results: 'none' } });
    await expect(searchHub(ctx(), 'ok')).rejects.toThrow("not Docker Hub's");
  });

  it("reports Docker Hub's rate limit with its figures and when to try again", async () => {
    hub.fail(RATE_LIMITED);
    const error = await searchHub(ctx(), 'nginx').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED' });
    expect((error as Error).message).toBe(`toomanyrequests: ${new URL(hub.url).host} is limiting requests (limit 180 per hour, 0 remaining); try again in 60 minutes`);
  });

  it('says offline when nothing answers, and names a refused connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const error = await searchHub(ctx({ indexUrl: `http://127.0.0.1:${port}` }), 'nginx').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect((error as Error).message).toMatch(/^cannot reach 127\.0\.0\.1:\d+: connection refused .* are you offline\?$/);
    hub.fail({ status: 500, body: { message: 'upstream exploded' } }, { times: 2 });
    await expect(searchHub(ctx(), 'nginx')).rejects.toThrow(/unexpected status code 500 from .*: upstream exploded/);
  });

  it('cancels with the caller', async () => {
    hub.delay(2000, 'slow');
    const abort = new AbortController();
    const pending = searchHub(ctx(), 'slow', {}, abort.signal);
    setTimeout(() => abort.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    hub.delay(0, 'slow');
  });
});

describe('hubTags', () => {
  it('reads a page of tags with platforms, sizes, digests and times, official images under library/', async () => {
    hub.requests.length = 0;
    const page = await hubTags(ctx(), 'nginx', { pageSize: 4 });
    expect(hub.requests.map((r) => r.url)).toEqual(['/v2/namespaces/library/repositories/nginx/tags?page_size=4&page=1']);
    expect(page).toMatchObject({ repository: 'library/nginx', count: 6, page: 1, pageSize: 4, hasNext: true });
    expect(page.tags.map((t) => t.name)).toEqual(['latest', '1.27', '1.27-alpine', '1.26']);
    const latest = page.tags[0]!;
    expect(latest.images.map((i) => [i.os, i.architecture, i.variant].filter(Boolean).join('/'))).toEqual(['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7', 'linux/386', 'linux/ppc64le', 'linux/s390x']);
    expect(latest.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(latest.fullSize).toBe(67_000_000 + 5 * 1_310_720);
    expect(latest.lastUpdated).toBe('2026-11-28T08:00:00.000Z');
    const second = await hubTags(ctx(), 'docker.io/library/nginx:whatever', { page: 2, pageSize: 4 });
    expect(second.tags.map((t) => t.name)).toEqual(['stable-perl', '1.25-alpine-slim']);
    expect(second.hasNext).toBe(false);
  });

  it('names what is wrong: no such repository, another registry, a bad page size', async () => {
    await expect(hubTags(ctx(), 'nobody/nothing')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('tags of nobody/nothing: not found') });
    expect(() => hubRepository('127.0.0.1:5000/x')).toThrow('127.0.0.1:5000 is not Docker Hub');
    await expect(hubTags(ctx(), 'nginx', { pageSize: 101 })).rejects.toThrow('page size 101 is outside the range of [1, 100]');
  });

  it('drops tags and platforms a hostile Hub could send', async () => {
    hub.fail({ status: 200, body: { count: 3, next: null, results: [
      { name: 'good', digest: 'sha256:zz', full_size: 'big', last_updated: 'yesterday', images: [
        { architecture: 'amd64', os: 'linux', variant: '\u001b[2J', digest: 'sha256:' + 'a'.repeat(64), size: 10 },
        { architecture: 'unknown', os: 'unknown', size: 5 },
      ] },
      { name: 'bad\ntag' }, { name: '.hidden' },
    ] } });
    const page = await hubTags(ctx(), 'nginx');
    expect(page.tags).toEqual([{ name: 'good', digest: '', fullSize: 0, lastUpdated: null, images: [{ architecture: 'amd64', os: 'linux', variant: '', digest: 'sha256:' + 'a'.repeat(64), size: 10, lastPushed: null }] }]);
  });
});
