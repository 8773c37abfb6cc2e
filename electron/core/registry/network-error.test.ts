import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import { isTransientNetworkError, networkError } from './network-error.js';

const withCode = (code: string, cause?: unknown) => Object.assign(new Error(`failed: ${code}`), { code, cause });

describe('network errors', () => {
  it('says which host is unknown, refusing, or failing TLS (with the insecureRegistries hint)', () => {
    expect(networkError(withCode('ENOTFOUND'), 'nope.example').message).toBe('cannot reach registry nope.example: unknown host (check the name, or your DNS)');
    expect(networkError(withCode('ECONNREFUSED'), 'r.example:5000').message).toContain('connection refused');
    const tls = networkError(withCode('UND_ERR_SOCKET', withCode('DEPTH_ZERO_SELF_SIGNED_CERT')), 'r.example:5000');
    expect(tls.code).toBe('NETWORK');
    expect(tls.message).toContain('add "r.example:5000" to insecureRegistries');
    expect(networkError(withCode('UND_ERR_HEADERS_TIMEOUT'), 'r.example').message).toBe('registry r.example did not answer in time');
  });

  it('keeps a cancel a cancel and a BerthError as it is', () => {
    expect(networkError(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'r').code).toBe('CANCELLED');
    const own = new BerthError('DIGEST_MISMATCH', 'x');
    expect(networkError(own, 'r')).toBe(own);
  });

  it('retries dropped and timed-out connections, not certificates, cancels or unknown hosts', () => {
    expect(isTransientNetworkError(withCode('ECONNRESET'))).toBe(true);
    expect(isTransientNetworkError(withCode('UND_ERR_SOCKET', withCode('ECONNRESET')))).toBe(true);
    expect(isTransientNetworkError(withCode('UND_ERR_BODY_TIMEOUT'))).toBe(true);
    expect(isTransientNetworkError(networkError(withCode('ECONNRESET'), 'r'))).toBe(true);
    expect(isTransientNetworkError(withCode('CERT_HAS_EXPIRED'))).toBe(false);
    expect(isTransientNetworkError(withCode('ENOTFOUND'))).toBe(false);
    expect(isTransientNetworkError(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe(false);
  });
});
