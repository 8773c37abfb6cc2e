// Electron's `window.berth` as the page should see it: errors arrive from the preload as `[CODE] message`
// (contextBridge keeps only an Error's message), and become BerthErrors again here.
import { BerthError, isErrorCode } from '../../../shared/errors.js';
import type { ShellBridge } from './types.js';

const ENCODED = /\[([A-Z_]+)\] ([\s\S]*)$/;

export function decodeShellError(err: unknown): BerthError {
  if (err instanceof BerthError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const match = ENCODED.exec(message);
  if (match && isErrorCode(match[1])) return new BerthError(match[1], match[2]!);
  return new BerthError('INTERNAL', message);
}

export function adaptElectronBridge(raw: ShellBridge): ShellBridge {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    wrapped[key] = typeof value === 'function' && key !== 'onEvent' && key !== 'onOpenFile'
      ? async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (err) {
          throw decodeShellError(err);
        }
      }
      : value;
  }
  return wrapped as unknown as ShellBridge;
}
