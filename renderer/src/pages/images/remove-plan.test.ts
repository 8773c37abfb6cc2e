import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../../shared/api';
import { rowKey } from '../../state/rows';
import { countSentence, planRemoval } from './remove-plan';

function image(repository: string, tag: string, id: string): ImageSummary {
  const dangling = repository === '<none>';
  return {
    id, repository, tag, reference: dangling ? null : `docker.io/library/${repository}:${tag}`, manifestDigest: id,
    repoDigest: null, created: '2024-01-01T00:00:00Z', size: 1, diskSize: 1, sharedSize: 0, labels: {}, dangling,
  };
}

const a1 = image('app', '1', 'sha256:a');
const a2 = image('app', '2', 'sha256:a');
const b = image('busybox', 'latest', 'sha256:b');
const none = image('<none>', '<none>', 'sha256:c');
const all = [a1, a2, b, none];

describe('planRemoval', () => {
  it('untags one of several tags and names the ones that stay', () => {
    const plan = planRemoval(all, [rowKey(a1)]);
    expect(plan.targets).toEqual(['app:1']);
    expect(plan.forcedTargets).toEqual([]);
    expect(plan.steps).toEqual([{ id: 'sha256:a', effect: 'untag', names: ['app:1'], remaining: ['app:2'], forced: false }]);
  });

  it('removes an ID by force when every one of its several tags is selected', () => {
    const plan = planRemoval(all, [rowKey(a1), rowKey(a2), rowKey(b)]);
    expect(plan.forcedTargets).toEqual(['sha256:a']);
    expect(plan.targets).toEqual(['busybox:latest']);
    expect(plan.steps.map((s) => [s.effect, s.forced])).toEqual([['delete', true], ['delete', false]]);
  });

  it('removes a dangling image by ID', () => {
    const plan = planRemoval(all, [rowKey(none)]);
    expect(plan.targets).toEqual(['sha256:c']);
    expect(plan.steps[0]!.effect).toBe('delete');
  });
});

describe('countSentence', () => {
  it('says the counts in words, leaving out what is zero', () => {
    expect(countSentence(['deleted', 3, 'image', 'images'], ['untagged', 1, 'tag', 'tags'])).toBe('Deleted 3 images and untagged 1 tag');
    expect(countSentence(['will delete', 0, 'image', 'images'], ['will untag', 2, 'tag', 'tags'])).toBe('Will untag 2 tags');
    expect(countSentence(['deleted', 1200, 'image', 'images'])).toBe('Deleted 1,200 images');
    expect(countSentence(['deleted', 0, 'image', 'images'])).toBe('Nothing to remove');
  });
});
