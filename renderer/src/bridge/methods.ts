// The BerthApi methods as calls over one `send` function, built from the derived method list: a new contract
// method reaches both shells without touching either bridge. Errors come back as typed payloads and are thrown
// here as BerthErrors.
import type { BerthApi, BerthMethod, Reply } from '../../../shared/api.js';
import { fromErrorPayload } from '../../../shared/errors.js';
import { BERTH_METHODS } from '../../../shared/rpc-signatures.js';

export type Send = (method: BerthMethod, args: unknown[]) => Promise<Reply<unknown>>;

/** A reply's value, or its error thrown as a BerthError. */
export function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw fromErrorPayload(reply.error);
}

export function apiOver(send: Send): BerthApi {
  const call = async (method: BerthMethod, args: unknown[]) => {
    // JSON and IPC both turn a trailing `undefined` into null; leave it off instead.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    return unwrap(await send(method, args));
  };
  return Object.fromEntries(BERTH_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as BerthApi;
}
