// Turns what undici and the socket layer throw into errors a user can act on. Mirrors the messages docker prints
// for the same failures (moby's registry package: "dial tcp: lookup X: no such host", "connection refused",
// "x509: certificate signed by unknown authority" with the insecure-registries advice), as BerthError NETWORK.
import { BerthError } from '../../../shared/errors.js';

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(VERIFY|GET)_|ERR_OSSL_|EPROTO$|HOSTNAME_MISMATCH$)/;

/** Socket, DNS and timeout failures that a new attempt may get past (refused connections included: a restart). */
const TRANSIENT_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

function codeOf(error: unknown): string {
  if (!error || typeof error !== 'object') return '';
  const e = error as { code?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET') return e.code;
  // undici wraps the socket's own error (ECONNRESET, a TLS alert) as the cause of UND_ERR_SOCKET.
  const inner = e.cause ? codeOf(e.cause) : '';
  return inner || (typeof e.code === 'string' ? e.code : '');
}

/** Nothing listens on that host and port (so no other scheme on the same port will do better). */
export function isConnectionRefused(error: unknown): boolean {
  const inner = error instanceof BerthError ? error.cause : error;
  return codeOf(inner) === 'ECONNREFUSED';
}

export function isAbortError(error: unknown): boolean {
  if (error instanceof BerthError) return error.code === 'CANCELLED';
  const e = error as { name?: unknown; code?: unknown } | null;
  return !!e && (e.name === 'AbortError' || e.code === 'ABORT_ERR' || e.code === 'UND_ERR_ABORTED');
}

/** Whether a failed attempt is worth repeating: a dropped or timed-out connection, not a bad certificate or a cancel. */
export function isTransientNetworkError(error: unknown): boolean {
  if (isAbortError(error)) return false;
  if (error instanceof BerthError) return error.code === 'NETWORK' && (error.cause === undefined || isTransientNetworkError(error.cause));
  return TRANSIENT_CODES.has(codeOf(error));
}

/** A BerthError for a request to `host` that failed below HTTP; the caller's cancel stays a cancel. */
export function networkError(error: unknown, host: string): BerthError {
  if (error instanceof BerthError) return error;
  if (isAbortError(error)) return new BerthError('CANCELLED', 'cancelled', { cause: error });
  const code = codeOf(error);
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_NODATA') {
    return new BerthError('NETWORK', `cannot reach registry ${host}: unknown host (check the name, or your DNS)`, { cause: error });
  }
  if (code === 'EAI_AGAIN') {
    return new BerthError('NETWORK', `cannot reach registry ${host}: the host name could not be resolved right now (DNS)`, { cause: error });
  }
  if (code === 'ECONNREFUSED') {
    return new BerthError('NETWORK', `cannot reach registry ${host}: connection refused (is the registry running on that port?)`, { cause: error });
  }
  if (TLS_CODES.test(code)) {
    return new BerthError(
      'NETWORK',
      `TLS handshake with registry ${host} failed (${code}); if this registry has no valid certificate, add "${host}" to insecureRegistries in settings.json`,
      { cause: error },
    );
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') {
    return new BerthError('NETWORK', `registry ${host} did not answer in time`, { cause: error });
  }
  if (TRANSIENT_CODES.has(code)) {
    return new BerthError('NETWORK', `the connection to registry ${host} was lost (${code})`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BerthError('NETWORK', `request to registry ${host} failed: ${message}`, { cause: error });
}
