// The one handler table every remote shell uses: Electron IPC and the `berth serve` WebSocket both pass each
// request through `createRpcHandler(service)`. It trusts nothing: the method must be in the contract, every
// argument must match shared/rpc-signatures.ts, file arguments are turned into sources or targets only by the
// shell that issued them, and whatever is thrown leaves as a plain {code, message}.
import type { BerthMethod, FileRef, FileTargetRef, RpcResponse } from '../../shared/api.js';
import { BerthError, toErrorPayload } from '../../shared/errors.js';
import { checkArguments, fileParameters, isBerthMethod, isPlainObject } from '../../shared/rpc-signatures.js';
import type { BerthService, CoreFileSource, CoreFileTarget } from './service-api.js';

/**
 * Turns a file reference from a page into something the service reads or writes. Each shell supplies its own:
 * the web shell knows only its uploads, Electron only the files its own dialogs and drops granted. The service
 * owns what comes back: it calls `release` once it is done with the file.
 */
export interface FileResolver {
  read(ref: FileRef): Promise<CoreFileSource>;
  write(ref: FileTargetRef): Promise<CoreFileTarget>;
}

export interface RpcHandlerOptions {
  files?: FileResolver;
  /**
   * How a checked call reaches the service; by default a direct call. A service in a worker thread answers with
   * JsonText, so a 20 MB listing crosses to the socket as text instead of being rebuilt and re-serialised here.
   */
  invoke?: (method: BerthMethod, args: unknown[]) => Promise<unknown>;
}

/** A value already serialised as JSON. JSON.stringify still gives the value (toJSON); a socket can send the text. */
export class JsonText {
  constructor(readonly text: string) {}
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** The text of an RPC response, without re-serialising a value that arrived as JsonText. */
export function responseText(response: RpcResponse): string {
  if (response.ok && response.value instanceof JsonText) return `{"id":${response.id},"ok":true,"value":${response.value.text}}`;
  return JSON.stringify(response);
}

export type RpcHandler = (request: unknown) => Promise<RpcResponse>;

const refuseFiles: FileResolver = {
  read: async () => {
    throw new BerthError('INVALID_ARGUMENT', 'this shell cannot read files');
  },
  write: async () => {
    throw new BerthError('INVALID_ARGUMENT', 'this shell cannot write files');
  },
};

export function createRpcHandler(service: BerthService, handlerOptions: RpcHandlerOptions = {}): RpcHandler {
  const files = handlerOptions.files ?? refuseFiles;

  return async (request) => {
    const id = isPlainObject(request) && Number.isSafeInteger(request.id) ? (request.id as number) : 0;
    try {
      if (!isPlainObject(request)) throw new BerthError('INVALID_ARGUMENT', 'request must be an object {id, method, args}');
      if (!Number.isSafeInteger(request.id)) throw new BerthError('INVALID_ARGUMENT', 'request.id must be an integer');
      const method = request.method;
      if (!isBerthMethod(method)) {
        throw new BerthError('INVALID_ARGUMENT', `unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
      }
      const args = checkArguments(method, request.args ?? []);
      const resolved: Array<CoreFileSource | CoreFileTarget> = [];
      try {
        for (const { index, direction } of fileParameters(method)) {
          if (args[index] === undefined) continue;
          const file = direction === 'read' ? await files.read(args[index] as FileRef) : await files.write(args[index] as FileTargetRef);
          resolved.push(file);
          args[index] = file;
        }
      } catch (err) {
        // The service never saw these, so it cannot release them.
        await Promise.allSettled(resolved.map((file) => file.release?.()));
        throw err;
      }
      const value = handlerOptions.invoke
        ? await handlerOptions.invoke(method, args)
        : await (service[method] as (...a: unknown[]) => Promise<unknown>).apply(service, args);
      return { id, ok: true, value: value ?? null };
    } catch (err) {
      return { id, ok: false, error: toErrorPayload(err) };
    }
  };
}
