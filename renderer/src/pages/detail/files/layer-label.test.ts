import { describe, expect, it } from 'vitest';
import { layerChangesText, layerLabel, shortCommand } from './layer-label';

const layer = { index: 2, diffId: 'sha256:ab', createdBy: '/bin/sh -c apk add --no-cache curl', size: 4_100_000, added: 12, modified: 3, deleted: 1 };

describe('layer labels', () => {
  it('names a layer by number, step, size and its A/M/D counts', () => {
    expect(layerLabel(layer)).toBe('#3  RUN apk add --no-cache curl (4.1MB, +12 ~3 −1)');
  });

  it('drops the #(nop) wrapper, folds whitespace and cuts long steps', () => {
    expect(shortCommand('/bin/sh -c #(nop) ADD file:0a1b in / ')).toBe('ADD file:0a1b in /');
    expect(shortCommand('COPY  a\n b')).toBe('COPY a b');
    expect(shortCommand(`RUN ${'x'.repeat(100)}`)).toHaveLength(60);
    expect(layerLabel({ ...layer, createdBy: '' })).toContain('(no command recorded)');
  });

  it('says a layer view shows only that layer’s changes', () => {
    expect(layerChangesText(layer)).toBe('Only the changes of layer #3: 12 added, 3 modified, 1 removed · 4.1MB');
  });
});
