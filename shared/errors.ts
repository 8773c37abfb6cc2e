// Error codes that cross every shell boundary (IPC, WebSocket, CLI exit). Keep the list short and stable.
export const ERROR_CODES = [
  'NOT_FOUND',
  'AMBIGUOUS',
  'CONFLICT',
  'INVALID_ARGUMENT',
  'INVALID_REFERENCE',
  'INVALID_TEMPLATE',
  'INVALID_ARCHIVE',
  'DIGEST_MISMATCH',
  'STORE_CORRUPT',
  'UNAUTHORIZED',
  'NETWORK',
  'RATE_LIMITED',
  'NO_SPACE',
  'CANCELLED',
  'INTERNAL',
  /** A file or answer past the size its reader allows (a file read out of an image). */
  'TOO_LARGE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The shape of an error once it has crossed a boundary. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export class BerthError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BerthError';
    this.code = code;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into a payload; unknown errors keep their message but become INTERNAL. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof BerthError) return err.toPayload();
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; name?: unknown };
    if (isErrorCode(e.code) && typeof e.message === 'string') return { code: e.code, message: e.message };
    if (e.name === 'AbortError') return { code: 'CANCELLED', message: 'cancelled' };
    if (typeof e.message === 'string') return { code: 'INTERNAL', message: e.message };
  }
  return { code: 'INTERNAL', message: String(err) };
}

export function fromErrorPayload(payload: ErrorPayload): BerthError {
  return new BerthError(payload.code, payload.message);
}
