import { lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings } from './settings.js';
import { updateSettingsFile } from './settings-write.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-settings-write-'));
  file = path.join(dir, 'cfg', 'settings.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('updateSettingsFile', () => {
  it('creates the file (and its folder) with only the keys given, and a read gives them back', async () => {
    const written = await updateSettingsFile(file, { registryMirrors: ['https://mirror.example/', 'http://10.0.0.5:5000'], parallelDownloads: 6 });
    expect(written).toEqual({ ...DEFAULT_SETTINGS, registryMirrors: ['https://mirror.example', 'http://10.0.0.5:5000'], parallelDownloads: 6 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ registryMirrors: ['https://mirror.example', 'http://10.0.0.5:5000'], parallelDownloads: 6 });
    expect(await readSettings(file)).toEqual(written);
  });

  it('keeps unknown keys, the order of the others and the file mode; leaves no temporary file', async () => {
    await updateSettingsFile(file, { platform: 'linux/arm64' });
    await writeFile(file, JSON.stringify({ futureKey: { a: 1 }, platform: 'linux/arm64', maxLayerBytes: 5 }));
    await chmod(file, 0o600);
    await updateSettingsFile(file, { insecureRegistries: ['registry.lan:5000', '10.1.0.0/16'], platform: '' });
    const text = await readFile(file, 'utf8');
    expect(Object.keys(JSON.parse(text))).toEqual(['futureKey', 'platform', 'maxLayerBytes', 'insecureRegistries']);
    expect(JSON.parse(text)).toMatchObject({ futureKey: { a: 1 }, platform: '', maxLayerBytes: 5 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['settings.json']);
  });

  it('refuses a wrong value naming the key, and writes nothing', async () => {
    await updateSettingsFile(file, { parallelDownloads: 4 });
    const before = await readFile(file, 'utf8');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ parallelDownloads: 17 }, /"parallelDownloads" must be a whole number from 1 to 16/],
      [{ parallelDownloads: 2.5 }, /"parallelDownloads"/],
      [{ registryMirrors: ['mirror.example'] }, /"registryMirrors" must be a list of URLs: "mirror.example" has no scheme/],
      [{ registryMirrors: ['ftp://m.example'] }, /"registryMirrors".*uses ftp/],
      [{ registryMirrors: ['https://u:p@m.example'] }, /"registryMirrors".*user name or password/],
      [{ insecureRegistries: ['http://r.example'] }, /"insecureRegistries".*should not contain a scheme/],
      [{ insecureRegistries: ['r.example:99999'] }, /"insecureRegistries".*invalid port/],
      [{ insecureRegistries: ['10.0.0.0/40'] }, /"insecureRegistries".*neither host\[:port\] nor a CIDR/],
      [{ platform: 'linux' + '/amd64/v1/x' }, /"platform" must be os\/arch/],
      [{ colour: 'blue' }, /unknown setting "colour"/],
    ];
    for (const [patch, message] of cases) {
      await expect(updateSettingsFile(file, patch), JSON.stringify(patch)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
    }
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('does not overwrite a file that is not valid JSON, nor replace or write through a symlink', async () => {
    await updateSettingsFile(file, {});
    await writeFile(file, '{"platform": "linux/amd64",');
    await expect(updateSettingsFile(file, { parallelDownloads: 2 })).rejects.toMatchObject({ message: expect.stringMatching(/not valid JSON.*fix it by hand/) });
    expect(await readFile(file, 'utf8')).toBe('{"platform": "linux/amd64",');

    const real = path.join(dir, 'elsewhere.json');
    await writeFile(real, '{}');
    const link = path.join(dir, 'linked.json');
    await symlink(real, link);
    await expect(updateSettingsFile(link, { parallelDownloads: 2 })).rejects.toMatchObject({ message: expect.stringMatching(/is a symbolic link/) });
    expect(await readFile(real, 'utf8')).toBe('{}');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('serialises concurrent saves: each lands, none is lost', async () => {
    await Promise.all([
      updateSettingsFile(file, { parallelDownloads: 5 }),
      updateSettingsFile(file, { platform: 'linux/arm64/v8' }),
      updateSettingsFile(file, { registryMirrors: ['https://a.example'] }),
    ]);
    expect(await readSettings(file)).toMatchObject({ parallelDownloads: 5, platform: 'linux/arm64/v8', registryMirrors: ['https://a.example'] });
  });
});
