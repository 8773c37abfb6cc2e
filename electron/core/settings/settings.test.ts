import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, settingsPath } from './settings.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('settings.json', () => {
  it('lives where the brief says, or at $BERTH_CONFIG', () => {
    expect(settingsPath({ BERTH_CONFIG: '/x/s.json' }, 'linux', '/home/u')).toBe('/x/s.json');
    expect(settingsPath({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/berth/settings.json');
    expect(settingsPath({}, 'linux', '/home/u')).toBe('/home/u/.config/berth/settings.json');
    expect(settingsPath({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Berth/settings.json');
  });

  it('is all defaults when absent, keeps known keys, ignores unknown ones', async () => {
    expect(await readSettings(path.join(dir, 'none.json'))).toEqual(DEFAULT_SETTINGS);
    const file = path.join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ maxLayerBytes: 1000, parallelDownloads: 5, futureKey: true }));
    expect(await readSettings(file)).toEqual({ ...DEFAULT_SETTINGS, maxLayerBytes: 1000, parallelDownloads: 5 });
  });

  it('names the key that has the wrong type, and says when the file is not JSON', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ maxLayerBytes: '1GB' }));
    await expect(readSettings(file)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/"maxLayerBytes" must be a positive byte count or null/) });
    await writeFile(file, '{nope');
    await expect(readSettings(file)).rejects.toMatchObject({ message: expect.stringMatching(/not valid JSON/) });
  });
});
