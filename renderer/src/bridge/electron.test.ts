import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import type { ShellBridge } from './types.js';
import { adaptElectronBridge, decodeShellError } from './electron.js';

describe('Electron bridge errors', () => {
  it('turns the preload\'s "[CODE] message" back into a BerthError, whatever Electron put in front', () => {
    const plain = decodeShellError(new Error('[NOT_FOUND] No such image: nope'));
    expect(plain).toBeInstanceOf(BerthError);
    expect(plain).toMatchObject({ code: 'NOT_FOUND', message: 'No such image: nope' });
    expect(decodeShellError(new Error("Error invoking remote method 'berth:rpc': Error: [CONFLICT] tag exists")))
      .toMatchObject({ code: 'CONFLICT', message: 'tag exists' });
    expect(decodeShellError(new Error('[NOT_A_CODE] x'))).toMatchObject({ code: 'INTERNAL', message: '[NOT_A_CODE] x' });
    expect(decodeShellError('boom')).toMatchObject({ code: 'INTERNAL', message: 'boom' });
  });

  it('wraps every method of window.berth but leaves event subscriptions alone', async () => {
    const unsubscribe = () => {};
    const raw = {
      shell: 'electron',
      listImages: async () => { throw new Error('[UNAUTHORIZED] no'); },
      info: async () => ({ version: '1' }),
      onEvent: () => unsubscribe,
    } as unknown as ShellBridge;
    const bridge = adaptElectronBridge(raw);
    await expect(bridge.listImages()).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'no' });
    await expect(bridge.info()).resolves.toEqual({ version: '1' });
    expect(bridge.onEvent(() => {})).toBe(unsubscribe);
    expect(bridge.shell).toBe('electron');
  });
});
