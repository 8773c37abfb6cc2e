import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../../shared/api';
import { saveNameProblem, suggestedSaveName } from './save-name';

const row = (repository: string, tag: string, dangling = false) => ({ repository, tag, dangling, id: `sha256:${'ab12'.repeat(16)}` }) as ImageSummary;

describe('suggestedSaveName', () => {
  it('names one image <repo>_<tag>.tar, safe for a file system, and several images.tar', () => {
    expect(suggestedSaveName([row('alpine', '3.19')])).toBe('alpine_3.19.tar');
    expect(suggestedSaveName([row('127.0.0.1:5000/team/app', 'v1')])).toBe('127.0.0.1_5000_team_app_v1.tar');
    expect(suggestedSaveName([row('<none>', '<none>', true)])).toBe('ab12ab12ab12.tar');
    expect(suggestedSaveName([row('a', '1'), row('b', '2')])).toBe('images.tar');
  });

  it('asks for a plain file name', () => {
    expect(saveNameProblem('x.tar')).toBeNull();
    expect(saveNameProblem('  ')).toMatch(/Enter/);
    expect(saveNameProblem('../x.tar')).toMatch(/not a path/);
  });
});
