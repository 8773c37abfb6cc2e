import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../shared/api';
import { findImage, parseFilterBox } from './filter-box';
import { applyFilter } from './rows';

function image(
  reference: string | null,
  id: string,
  created: string,
  labels: Record<string, string> = {},
): ImageSummary {
  const familiar = reference?.replace(/^docker\.io\/(library\/)?/, '') ?? null;
  const colon = familiar ? familiar.lastIndexOf(':') : -1;
  return {
    id: `sha256:${id.padEnd(64, '0')}`,
    repository: familiar ? familiar.slice(0, colon) : '<none>',
    tag: familiar ? familiar.slice(colon + 1) : '<none>',
    reference,
    manifestDigest: 'sha256:' + '1'.repeat(64),
    repoDigest: null,
    created,
    size: 1,
    diskSize: 1,
    sharedSize: 0,
    labels,
    dangling: reference === null,
  };
}

// Oldest first, as list-filters.test.ts seeds the store: alpha (three tags, x=1 y=2), beta (x=2), delta, a
// dangling image (x=1), eps; plus a name with a path and a registry.
const images = [
  image('docker.io/library/alpha:1', 'a1', '2024-01-01T00:00:01Z', { x: '1', y: '2' }),
  image('docker.io/library/alpha:2', 'a1', '2024-01-01T00:00:01Z', { x: '1', y: '2' }),
  image('docker.io/library/gamma:latest', 'a1', '2024-01-01T00:00:01Z', { x: '1', y: '2' }),
  image('docker.io/library/beta:1', 'b2', '2024-01-01T00:00:02Z', { x: '2' }),
  image('docker.io/library/delta:1', 'd3', '2024-01-01T00:00:03Z'),
  image(null, 'c4', '2024-01-01T00:00:04Z', { x: '1' }),
  image('docker.io/library/eps:1', 'e5', '2024-01-01T00:00:05.000000001Z'),
  image('example.com/team/app:1.0', 'f6', '2024-01-01T00:00:05.000000002Z'),
];

const names = (filter: string, showDangling = true) => {
  const result = applyFilter(images, filter, showDangling);
  if (result.error !== null) throw new Error(result.error);
  return result.images.map((i) => (i.dangling ? `<none>@${i.id.slice(7, 9)}` : `${i.repository}:${i.tag}`));
};
const errorOf = (filter: string) => applyFilter(images, filter, true);

describe('the filter box', () => {
  it('filters nothing when empty or blank', () => {
    expect(parseFilterBox('   ', images).predicate).toBeNull();
    expect(names('')).toHaveLength(images.length);
  });

  it('narrows by every plain word (name, tag, reference or ID prefix)', () => {
    expect(names('alpha')).toEqual(['alpha:1', 'alpha:2']);
    expect(names('alpha :2')).toEqual(['alpha:2']);
    expect(names('ALPHA   sha256:a1')).toEqual(['alpha:1', 'alpha:2']);
    expect(names('alpha beta')).toEqual([]);
    expect(names('team')).toEqual(['example.com/team/app:1.0']);
  });

  it('dangling=true|false decides alone, over the Show dangling toggle', () => {
    expect(names('dangling=true')).toEqual(['<none>@c4']);
    expect(names('dangling=true', false)).toEqual(['<none>@c4']);
    expect(names('dangling=false')).not.toContain('<none>@c4');
    expect(names('dangling=false')).toHaveLength(images.length - 1);
    expect(names('dangling=true dangling=false')).toEqual(['<none>@c4']); // as dockerd: true wins
    expect(names('label=x=1', false)).toEqual(['alpha:1', 'alpha:2', 'gamma:latest']); // the toggle still hides
  });

  it('label= with and without a value; several are AND-ed', () => {
    expect(names('label=x')).toEqual(['alpha:1', 'alpha:2', 'gamma:latest', 'beta:1', '<none>@c4']);
    expect(names('label=x=2')).toEqual(['beta:1']);
    expect(names('label=x=1 label=y')).toEqual(['alpha:1', 'alpha:2', 'gamma:latest']);
    expect(names('label=x=2 label=y')).toEqual([]);
    expect(names('label=')).toEqual([]);
  });

  it("reference= is Go's path.Match on name:tag and on name; several are OR-ed; kinds are AND-ed", () => {
    expect(names('reference=alpha')).toEqual(['alpha:1', 'alpha:2']);
    expect(names('reference=al*:2')).toEqual(['alpha:2']);
    expect(names('reference=*')).toEqual(['alpha:1', 'alpha:2', 'gamma:latest', 'beta:1', 'delta:1', 'eps:1']);
    expect(names('reference=*/*/*')).toEqual(['example.com/team/app:1.0']);
    expect(names('reference=alpha reference=beta')).toEqual(['alpha:1', 'alpha:2', 'beta:1']);
    expect(names('reference=?eta:[0-9]')).toEqual(['beta:1']);
    expect(names('reference=alpha label=x=2')).toEqual([]);
    expect(names('reference=*a* label=x=1 :1')).toEqual(['alpha:1']);
  });

  it('before=/since= compare creation instants (nanoseconds too) of the image a name or ID names', () => {
    expect(names('before=beta:1')).toEqual(['alpha:1', 'alpha:2', 'gamma:latest']);
    expect(names('since=delta:1')).toEqual(['<none>@c4', 'eps:1', 'example.com/team/app:1.0']);
    expect(names('since=gamma')).toEqual(['beta:1', 'delta:1', '<none>@c4', 'eps:1', 'example.com/team/app:1.0']);
    expect(names('since=eps:1')).toEqual(['example.com/team/app:1.0']);
    expect(names('since=b2 before=sha256:c4')).toEqual(['delta:1']);
    expect(names('before=docker.io/library/beta:1')).toEqual(['alpha:1', 'alpha:2', 'gamma:latest']);
    expect(names('before=example.com/team/app:1.0 since=delta:1')).toEqual(['<none>@c4', 'eps:1']);
  });

  it('explains an unknown filter, a bad pattern, a bad value and an image it cannot find, and lists nothing', () => {
    expect(errorOf('color=red')).toEqual({ images: [], error: 'Unknown filter “color”. Filters: dangling=, label=, reference=, before=, since=.' });
    expect(errorOf('=red').error).toMatch(/no filter name/);
    expect(errorOf('reference=[a').error).toBe('syntax error in pattern "[a": malformed character class');
    expect(errorOf('reference=a\\').error).toMatch(/syntax error in pattern/);
    expect(errorOf('dangling=maybe').error).toBe("invalid filter 'dangling=maybe': use true or false");
    expect(errorOf('before=nope:1').error).toBe('No such image: nope:1');
    expect(errorOf('since=').error).toBe('image name or ID must not be empty');
    expect(errorOf('DANGLING=true').error).toBeNull(); // kinds are case-insensitive, as in the CLI
  });
});

describe('findImage', () => {
  const twins = [image('docker.io/library/x:1', 'ab1', '2024-01-01T00:00:00Z'), image('docker.io/library/y:1', 'ab2', '2024-01-01T00:00:00Z')];
  it('finds by familiar name (latest by default), full reference, then ID prefix', () => {
    expect(findImage(images, 'gamma').tag).toBe('latest');
    expect(findImage(images, 'docker.io/library/alpha:2').tag).toBe('2');
    expect(findImage(images, 'c4').dangling).toBe(true);
    expect(() => findImage(twins, 'ab')).toThrow(/ambiguous/);
    expect(findImage(twins, 'ab2').repository).toBe('y');
  });
  it("normalises names with docker's grammar, and finds name@digest by manifest digest", () => {
    expect(findImage(images, 'library/alpha:2').tag).toBe('2');
    expect(findImage(images, 'docker.io/gamma').repository).toBe('gamma');
    expect(findImage(images, 'example.com/team/app:1.0').repository).toBe('example.com/team/app');
    expect(findImage(images, `alpha@sha256:${'1'.repeat(64)}`).repository).toBe('alpha');
    expect(() => findImage(images, `beta@sha256:${'2'.repeat(64)}`)).toThrow(/No such image/);
    expect(() => findImage(images, 'Bad Name')).toThrow(/invalid reference format/);
    expect(() => findImage(images, 'example.com/team/app')).toThrow('No such image: example.com/team/app');
  });
});
