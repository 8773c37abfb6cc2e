import { describe, expect, it } from 'vitest';
import type { ImageConfig } from '../oci/config.js';
import { buildCommitConfig } from './commit-config.js';
import { toGoJson } from './import-config.js';

const BASE: ImageConfig = {
  architecture: 'arm64', os: 'linux', variant: 'v8', comment: 'Imported from -', docker_version: '20.10', container: 'abc',
  container_config: { Cmd: ['/bin/sh'] },
  config: { Env: ['PATH=/bin'], Cmd: ['/bin/sh'], WorkingDir: '/base' },
  created: '2020-01-01T00:00:00Z',
  history: [{ created: '2020-01-01T00:00:00Z', comment: 'Imported from -' }],
  rootfs: { type: 'layers', diff_ids: ['sha256:' + '1'.repeat(64)] },
};

describe('buildCommitConfig', () => {
  it("applies the changes to the base's run config and appends docker commit's history entry and diff_ids", () => {
    const config = buildCommitConfig(BASE, {
      changes: ['ENV A=1', 'CMD ["run"]'], author: 'Jane', message: 'msg', createdBy: 'berth commit --add folder:/x',
      addedDiffIds: ['sha256:' + '2'.repeat(64)], created: '2024-01-01T00:00:00Z',
    });
    expect(config).toMatchObject({
      architecture: 'arm64', variant: 'v8', author: 'Jane', created: '2024-01-01T00:00:00Z',
      config: { Env: ['PATH=/bin', 'A=1'], Cmd: ['run'], WorkingDir: '/base' },
      rootfs: { diff_ids: ['sha256:' + '1'.repeat(64), 'sha256:' + '2'.repeat(64)] },
    });
    expect(config.history).toEqual([
      BASE.history![0],
      { created: '2024-01-01T00:00:00Z', author: 'Jane', created_by: 'berth commit --add folder:/x', comment: 'msg' },
    ]);
    // dockerd keeps the message in the history only; the base's build details are not this image's.
    for (const key of ['comment', 'container', 'container_config', 'docker_version']) expect(config).not.toHaveProperty(key);
    expect(toGoJson(config)).toContain('"history":[{"created":"2020-01-01T00:00:00Z","comment":"Imported from -"},{"created":"2024-01-01T00:00:00Z","author":"Jane","created_by":');
  });

  it('records a commit that adds no files as an empty layer, and leaves the base untouched', () => {
    const before = structuredClone(BASE);
    const config = buildCommitConfig(BASE, { createdBy: 'berth commit', addedDiffIds: [], created: '2024-01-01T00:00:00Z' });
    expect(config.history?.at(-1)).toEqual({ created: '2024-01-01T00:00:00Z', created_by: 'berth commit', empty_layer: true });
    expect(config.rootfs.diff_ids).toEqual(BASE.rootfs.diff_ids);
    expect(BASE).toEqual(before);
  });
});
