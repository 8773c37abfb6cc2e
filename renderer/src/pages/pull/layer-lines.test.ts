import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../../../shared/api';
import { pullLayerChildId } from '../../../../shared/pull-layers';
import { pushLayerChildId } from '../../../../shared/push-layers';
import { layerLines } from './layer-lines';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
type Child = TaskInfo['children'][number];
const child = (id: string, state: Child['state'], current: number, total: number | null): Child => ({ id, title: id, state, progress: { current, total } });

describe('layerLines', () => {
  it('reads docker’s words off the children: Already exists, Waiting, Downloading n%, Verifying Checksum, Download complete', () => {
    const lines = layerLines({
      children: [
        child(pullLayerChildId(A, true), 'done', 0, null),
        child(pullLayerChildId(B, false), 'queued', 0, 100),
        child(pullLayerChildId(B, false), 'running', 0, 100),
        child(pullLayerChildId(B, false), 'running', 42, 100),
        child(pullLayerChildId(B, false), 'running', 100, 100),
        child(pullLayerChildId(B, false), 'done', 100, 100),
        child('config', 'running', 1, 2),
      ],
    });
    expect(lines.map((line) => [line.shortId, line.status, line.percent])).toEqual([
      ['aaaaaaaaaaaa', 'Already exists', null],
      ['bbbbbbbbbbbb', 'Waiting', 0],
      ['bbbbbbbbbbbb', 'Downloading 0%', 0],
      ['bbbbbbbbbbbb', 'Downloading 42%', 42],
      ['bbbbbbbbbbbb', 'Verifying Checksum', 100],
      ['bbbbbbbbbbbb', 'Download complete', 100],
    ]);
  });

  it('says how a layer of a failed or cancelled pull ended', () => {
    const lines = layerLines({ children: [child(pullLayerChildId(A, false), 'failed', 5, 10), child(pullLayerChildId(B, false), 'cancelled', 5, 10)] });
    expect(lines.map((line) => line.status)).toEqual(['Failed', 'Cancelled']);
  });

  it('reads a push layer\'s docker state off its title, with a bar only while bytes go out', () => {
    const push = (title: string, state: Child['state'], current: number, total: number | null): Child => ({ id: pushLayerChildId(A), title, state, progress: { current, total } });
    const lines = layerLines({
      children: [
        push('Preparing', 'running', 0, null),
        push('Waiting', 'running', 0, null),
        push('Pushing', 'running', 30, 120),
        push('Pushed', 'done', 120, 120),
        push('Layer already exists', 'done', 0, null),
        push('Mounted from team/base', 'done', 0, null),
        push('Pushing', 'cancelled', 30, 120),
      ],
    });
    expect(lines.map((line) => [line.status, line.percent, line.existed])).toEqual([
      ['Preparing', 0, false],
      ['Waiting', 0, false],
      ['Pushing 25%', 25, false],
      ['Pushed', 100, false],
      ['Layer already exists', null, true],
      ['Mounted from team/base', null, true],
      ['Cancelled', 25, false],
    ]);
  });
});
