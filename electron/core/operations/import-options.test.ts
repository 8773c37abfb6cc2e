// The import dialog's checks before an upload: the same answers importRootfs would give, with the failing line named.
import { describe, expect, it } from 'vitest';
import { checkImportOptions } from './import-options.js';

describe('checkImportOptions', () => {
  it('finds nothing wrong with good options, or none at all', () => {
    expect(checkImportOptions({})).toEqual([]);
    expect(checkImportOptions({ reference: 'notes:1', changes: ['ENV A=1', 'CMD ["/bin/sh"]'], message: 'm', platform: 'linux/arm64' })).toEqual([]);
  });

  it("names the instruction moby's parser refuses, by its index, with moby's message", () => {
    expect(checkImportOptions({ changes: ['ENV A=1', 'RUN make', 'CMD x'] })).toEqual([
      { field: 'changes', message: 'run is not a valid change command', index: 1 },
    ]);
    expect(checkImportOptions({ changes: ['HEALTHCHECK --interval=nope CMD true'] })).toEqual([
      { field: 'changes', message: 'time: invalid duration "nope"', index: 0 },
    ]);
  });

  it('points at the line that starts a continued instruction', () => {
    const [problem] = checkImportOptions({ changes: ['ENV A=1', 'FROM \\', 'alpine'] });
    expect(problem).toMatchObject({ field: 'changes', message: 'from is not a valid change command', index: 1 });
  });

  it('reports a bad name and a bad platform too, in form order', () => {
    const problems = checkImportOptions({ reference: 'UPPER:1', changes: ['RUN x'], platform: 'linux/amd64/v9/extra' });
    expect(problems.map((p) => p.field)).toEqual(['reference', 'changes', 'platform']);
    expect(problems[0]!.message).toMatch(/UPPER/);
    expect(problems[2]!.message).toMatch(/platform/);
  });
});
