import { describe, expect, it } from 'vitest';
import { fromRegistry, tagLines } from './registry-tags';

describe('registry tags', () => {
  it('are offered for an image pulled under its own repository only', () => {
    expect(fromRegistry('ubuntu', [`ubuntu@sha256:${'a'.repeat(64)}`])).toBe(true);
    expect(fromRegistry('127.0.0.1:5000/x', [`127.0.0.1:5000/x@sha256:${'a'.repeat(64)}`])).toBe(true);
    expect(fromRegistry('myapp', [`ubuntu@sha256:${'a'.repeat(64)}`])).toBe(false);
    expect(fromRegistry('ubuntu', [])).toBe(false);
  });

  it('read latest first, then the newest-looking version first', () => {
    expect(tagLines('r', ['1.9', 'alpine', '1.10', 'latest', '2', '1.10-rc1'], new Set(), '').map((l) => l.tag)).toEqual(['latest', 'alpine', '2', '1.10-rc1', '1.10', '1.9']);
  });

  it('filter by substring in any case, and mark what the store has', () => {
    const lines = tagLines('r/x', ['1.0', '1.1', 'latest', 'RC-1'], new Set(['1.1']), ' rc');
    expect(lines).toEqual([{ tag: 'RC-1', reference: 'r/x:RC-1', local: false }]);
    expect(tagLines('r/x', ['1.0', '1.1'], new Set(['1.1']), '').map((l) => [l.tag, l.local])).toEqual([['1.1', true], ['1.0', false]]);
  });
});
