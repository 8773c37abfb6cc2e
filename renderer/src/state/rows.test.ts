import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../shared/api';
import { filterImages, nextSelection, rowKey, sortImages } from './rows';

function image(repository: string, tag: string, id: string, size: number, created: string): ImageSummary {
  const dangling = repository === '<none>';
  return {
    id: `sha256:${id.padEnd(64, '0')}`, repository, tag, reference: dangling ? null : `docker.io/library/${repository}:${tag}`,
    manifestDigest: 'sha256:' + '1'.repeat(64), repoDigest: null, created, size, diskSize: size, sharedSize: 0, labels: {}, dangling,
  };
}

const images = [
  image('ubuntu', '22.04', 'aa', 30, '2024-01-03T00:00:00Z'),
  image('alpine', '3.19', 'bb', 10, '2024-01-01T00:00:00Z'),
  image('alpine', '3.9', 'bb', 10, '2024-01-01T00:00:00Z'),
  image('<none>', '<none>', 'cc', 20, '2024-01-02T00:00:00Z'),
];

describe('filterImages', () => {
  it('matches name:tag, ID prefixes and hides dangling on request', () => {
    expect(filterImages(images, 'ALPINE:3.1', true).map(rowKey)).toEqual(['docker.io/library/alpine:3.19']);
    expect(filterImages(images, 'cc', true).map((i) => i.repository)).toEqual(['<none>']);
    expect(filterImages(images, 'sha256:aa', true).map((i) => i.repository)).toEqual(['ubuntu']);
    expect(filterImages(images, '', false)).toHaveLength(3);
  });
});

describe('sortImages', () => {
  it('sorts tags numerically and breaks ties by name', () => {
    expect(sortImages(images, { column: 'tag', direction: 'asc' }).map((i) => i.tag)).toEqual(['3.9', '3.19', '22.04', '<none>']);
    expect(sortImages(images, { column: 'size', direction: 'desc' }).map((i) => i.tag)).toEqual(['22.04', '<none>', '3.9', '3.19']);
    expect(sortImages(images, { column: 'created', direction: 'asc' })[0]!.repository).toBe('alpine');
  });
});

describe('nextSelection', () => {
  const keys = ['a', 'b', 'c', 'd', 'e'];
  it('selects one, toggles with ctrl, extends a range from the anchor with shift', () => {
    let state = nextSelection([], null, 'b', 'single', keys);
    expect(state).toEqual({ selection: ['b'], anchor: 'b' });
    state = nextSelection(state.selection, state.anchor, 'd', 'range', keys);
    expect(state.selection).toEqual(['b', 'c', 'd']);
    state = nextSelection(state.selection, state.anchor, 'a', 'range', keys);
    expect(state.selection).toEqual(['a', 'b']);
    state = nextSelection(state.selection, state.anchor, 'e', 'toggle', keys);
    expect(state).toEqual({ selection: ['a', 'b', 'e'], anchor: 'e' });
    state = nextSelection(state.selection, state.anchor, 'a', 'toggle', keys);
    expect(state.selection).toEqual(['b', 'e']);
  });
});
