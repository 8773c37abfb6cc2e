import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from './transport.js';
import { parseErrorDocument, rateLimitSummary, responseError } from './response-error.js';

function answer(status: number, body = '', headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: Readable.from([Buffer.from(body)]) as unknown as HttpResponse['body'], url: 'https://r.example/v2/' };
}

describe('registry error answers', () => {
  it('reads the distribution error document, and nothing else', () => {
    expect(parseErrorDocument('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{}}]}')).toEqual([{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }]);
    expect(parseErrorDocument('<html>502</html>')).toEqual([]);
    expect(parseErrorDocument('{"errors":"no"}')).toEqual([]);
  });

  it("summarises Docker Hub's rate-limit headers", () => {
    expect(rateLimitSummary({ headers: { 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600' } })).toBe('limit 100 per 6 hours, 76 remaining');
    expect(rateLimitSummary({ headers: { 'ratelimit-remaining': '0' } })).toBe('0 remaining');
    expect(rateLimitSummary({ headers: {} })).toBeNull();
  });

  it('says to log in on 401, with the server named except for Docker Hub', async () => {
    const hub = await responseError(answer(401, '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}'), { registry: 'docker.io', repository: 'library/x', what: 'manifest', reference: 'latest' });
    expect(hub.code).toBe('UNAUTHORIZED');
    expect(hub.message).toBe('pull access denied for docker.io/library/x: the repository does not exist or may require `berth login`');
    const tags = await responseError(answer(401), { registry: 'docker.io', repository: 'library/x', what: 'tags' });
    expect(tags.message).toBe('unauthorized: authentication required for docker.io/library/x; log in with `berth login`');
    const refused = await responseError(answer(401), { registry: 'r.example', repository: 'a', what: 'manifest', credentials: true });
    expect(refused.message).toBe('unauthorized: the registry refused the credentials for r.example/a; log in with `berth login r.example`');
    const other = await responseError(answer(403), { registry: 'quay.io', repository: 'a/b', what: 'blob', credentials: true });
    expect(other.message).toBe('denied: access to quay.io/a/b is forbidden; log in with an account that may use it: `berth login quay.io`');
  });

  it('names the missing repository, manifest or blob', async () => {
    const repo = await responseError(answer(404, '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}'), { registry: 'quay.io', repository: 'a/b', what: 'manifest', reference: 'v1' });
    expect(repo.code).toBe('NOT_FOUND');
    expect(repo.message).toContain('repository quay.io/a/b not found');
    const byDigest = await responseError(answer(404), { registry: 'quay.io', repository: 'a/b', what: 'manifest', reference: `sha256:${'1'.repeat(64)}` });
    expect(byDigest.message).toBe(`manifest for quay.io/a/b@sha256:${'1'.repeat(64)} not found: manifest unknown`);
  });

  it('reports other statuses as NETWORK with what the registry said', async () => {
    const error = await responseError(answer(500, '{"errors":[{"code":"UNKNOWN","message":"disk full"}]}'), { registry: 'r.example', repository: 'a', what: 'tags' });
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe('registry r.example answered 500 for the tags of a: unknown: disk full');
  });
});
