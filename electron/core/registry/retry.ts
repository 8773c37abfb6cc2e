// When and how long to wait before repeating a request. Mirrors go-containerregistry's transport.retryTransport
// (its defaultRetryStatusCodes: 408, 429, 499, 500, 502, 503, 504, 522; exponential backoff) plus Retry-After,
// which the distribution spec and Docker Hub send with 429 and 503.
import { BerthError } from '../../../shared/errors.js';

export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 499, 500, 502, 503, 504, 522]);

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first backoff; each later one doubles, with up to 25 % jitter. */
  baseDelayMs: number;
  /** No wait, Retry-After included, is ever longer than this. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 30_000 };

/**
 * Retry-After as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or
 * unreadable. A date in the past means "now".
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date) || !/[a-z]/i.test(text)) return null;
  return Math.max(0, date - now);
}

/** The wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when given, else backoff; capped. */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | null, random = Math.random): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxDelayMs);
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(Math.round(backoff * (1 + random() * 0.25)), policy.maxDelayMs);
}

/** Waits `ms`, ending early with CANCELLED when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new BerthError('CANCELLED', 'cancelled'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new BerthError('CANCELLED', 'cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
