import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import { DEFAULT_RETRY, RETRY_STATUSES, parseRetryAfter, retryDelay, sleep } from './retry.js';

describe('retry policy', () => {
  it('retries the statuses go-containerregistry retries, and no others', () => {
    expect([...RETRY_STATUSES].sort()).toEqual([408, 429, 499, 500, 502, 503, 504, 522]);
    expect(RETRY_STATUSES.has(404)).toBe(false);
    expect(RETRY_STATUSES.has(401)).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Mon, 30 Nov 2026 08:00:00 GMT');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 30 Nov 2026 08:00:12 GMT', now)).toBe(12_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('backs off exponentially with bounded jitter, and caps every wait', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(policy, 1, null, () => 0)).toBe(100);
    expect(retryDelay(policy, 2, null, () => 0)).toBe(200);
    expect(retryDelay(policy, 3, null, () => 0.999)).toBeLessThanOrEqual(500);
    expect(retryDelay(policy, 3, null, () => 0.999)).toBeGreaterThan(400);
    expect(retryDelay(policy, 9, null, () => 0)).toBe(1000);
    expect(retryDelay(policy, 1, 300, () => 0)).toBe(300);
    expect(retryDelay(policy, 1, 3_600_000, () => 0)).toBe(1000);
  });

  it('sleeps until the signal aborts, then says cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = sleep(10_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(sleep(1, controller.signal)).rejects.toBeInstanceOf(BerthError);
    await expect(sleep(5)).resolves.toBeUndefined();
  });
});
