// An ImageSummary for tests of what lists images (the CLI table, the app's rows and order): plausible defaults,
// the fields a test cares about given.
import type { ImageSummary } from '../api.js';

export function imageSummary(over: Partial<ImageSummary> & Pick<ImageSummary, 'id' | 'repository' | 'tag'>): ImageSummary {
  const dangling = over.repository === '<none>';
  return {
    reference: dangling ? null : `docker.io/library/${over.repository}:${over.tag}`,
    manifestDigest: `sha256:${'1'.repeat(64)}`,
    repoDigest: null,
    created: '2024-06-01T12:00:00Z',
    size: 4_261_550,
    diskSize: 0,
    sharedSize: 0,
    labels: {},
    dangling,
    ...over,
  };
}
