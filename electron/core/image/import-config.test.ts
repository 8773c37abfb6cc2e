import { describe, expect, it } from 'vitest';
import { buildImportConfig, formatGoTime, goTimeNow, toGoJson } from './import-config.js';

describe('buildImportConfig', () => {
  it('writes docker import fields, with "Imported from -" when no message is given', () => {
    const config = buildImportConfig({ diffId: 'sha256:abc', created: '2026-01-02T03:04:05.5Z', platform: { os: 'linux', architecture: 'arm', variant: 'v7' } });
    expect(config).toMatchObject({
      architecture: 'arm',
      variant: 'v7',
      os: 'linux',
      comment: 'Imported from -',
      created: '2026-01-02T03:04:05.5Z',
      history: [{ created: '2026-01-02T03:04:05.5Z', comment: 'Imported from -' }],
      rootfs: { type: 'layers', diff_ids: ['sha256:abc'] },
    });
    expect(config).not.toHaveProperty('container_config');
    expect(Object.keys(config.config ?? {})).toEqual([
      'Hostname', 'Domainname', 'User', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'Tty', 'OpenStdin', 'StdinOnce',
      'Env', 'Cmd', 'Image', 'Volumes', 'WorkingDir', 'Entrypoint', 'OnBuild', 'Labels',
    ]);
    const json = toGoJson(config);
    expect(Object.keys(JSON.parse(json))).toEqual(['architecture', 'comment', 'config', 'created', 'history', 'os', 'rootfs', 'variant']);
  });

  it('escapes like Go and sorts map keys', () => {
    const json = toGoJson(buildImportConfig({ diffId: 'sha256:abc', created: 'now', message: '<&>', changes: ['LABEL z=1 a=2'] }));
    expect(json).toContain('"comment":"\\u003c\\u0026\\u003e"');
    expect(json).toContain('"Labels":{"a":"2","z":"1"}');
  });
});

describe('Go time strings', () => {
  it('prints RFC 3339 with trailing zeros of the nanoseconds trimmed', () => {
    expect(formatGoTime(1_767_323_045_632_667_720n)).toBe('2026-01-02T03:04:05.63266772Z');
    expect(formatGoTime(1_767_323_045_000_000_000n)).toBe('2026-01-02T03:04:05Z');
    expect(goTimeNow()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
  });
});
