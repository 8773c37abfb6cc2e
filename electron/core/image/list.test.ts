// docker images' order and its before/since filters compare creation instants, not creation strings.
import { describe, expect, it } from 'vitest';
import { listImages } from './list.js';
import { record } from './test-support/record.js';

// Go's RFC3339Nano trims trailing zeros: as strings, "05Z" > "05.5Z" and "05.63Z" > "05.631Z".
const records = [
  record('whole', 'a', '2024-01-01T00:00:05Z'),
  record('half', 'b', '2024-01-01T00:00:05.5Z'),
  record('short', 'c', '2024-01-01T00:00:05.63Z'),
  record('long', 'd', '2024-01-01T00:00:05.631Z'),
  record('offset', 'e', '2024-01-01T02:00:06+02:00'),
];
const names = (filters: string[] = []) => listImages(records, { filters }).map((i) => i.repository);

describe('listImages', () => {
  it('lists newest first by the instant each time names', () => {
    expect(names()).toEqual(['offset', 'long', 'short', 'half', 'whole']);
  });

  it('filters before and since by instant', () => {
    expect(names(['before=short:1'])).toEqual(['half', 'whole']);
    expect(names(['since=half:1'])).toEqual(['offset', 'long', 'short']);
    expect(names(['since=long:1'])).toEqual(['offset']);
  });
});
