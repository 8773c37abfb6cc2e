import { describe, expect, it } from 'vitest';
import { ancestorsOf, jsonLines, lineText } from './json-lines';

const INSPECT = [
  {
    Id: 'sha256:0123',
    RepoTags: ['tools/debug:dev', 'a "quoted" \\ tag'],
    RepoDigests: [],
    Created: '2026-11-30T07:00:00Z',
    Size: 12_345,
    Config: {
      Env: ['PATH=/usr/bin', 'ünïcode=✓'],
      Labels: { 'org.opencontainers.image.source': 'https://example.com/x' },
      ExposedPorts: { '8080/tcp': {} },
      Cmd: null,
      ArgsEscaped: true,
      Nested: [[1, -2.5e-7], [], [{ a: false }]],
    },
    Dropped: undefined,
  },
];

describe('jsonLines', () => {
  it('prints exactly what JSON.stringify(value, null, 4) prints, as docker inspect does', () => {
    for (const value of [INSPECT, {}, [], 'text', 42, null, { a: { b: {} } }]) {
      expect(jsonLines(value).map(lineText).join('\n')).toBe(JSON.stringify(value, null, 4));
    }
  });

  it('types each token for colour', () => {
    const lines = jsonLines({ k: 's', n: 1, b: true, z: null });
    expect(lines[1]!.tokens.map((token) => token.kind)).toEqual(['key', 'punct', 'string', 'punct']);
    expect(lines[2]!.tokens[2]).toEqual({ text: '1', kind: 'number' });
    expect(lines[3]!.tokens[2]).toEqual({ text: 'true', kind: 'boolean' });
    expect(lines[4]!.tokens[2]).toEqual({ text: 'null', kind: 'null' });
  });

  it('knows where each non-empty container closes, its path and its size; empty ones are not foldable', () => {
    const lines = jsonLines(INSPECT);
    const texts = lines.map(lineText);
    const config = texts.findIndex((text) => text.trim() === '"Config": {');
    expect(lines[config]).toMatchObject({ path: '[0].Config', container: 'object', size: 6 });
    expect(texts[lines[config]!.close!]!.trim()).toBe('}');
    const labels = texts.findIndex((text) => text.includes('"Labels"'));
    expect(lines[labels]!.path).toBe('[0].Config.Labels');
    expect(lines.find((line) => line.path === '[0].Config.ExposedPorts["8080/tcp"]')).toBeUndefined();
    expect(lines[texts.findIndex((text) => text.includes('"RepoDigests"'))]!.close).toBeUndefined();
    expect(lines[0]).toMatchObject({ path: '', container: 'array', size: 1, close: lines.length - 1 });
  });

  it('lists the containers around a line, outermost first', () => {
    const lines = jsonLines(INSPECT);
    const texts = lines.map(lineText);
    const env = texts.findIndex((text) => text.includes('"PATH=/usr/bin"'));
    expect(ancestorsOf(lines, env).map((index) => lines[index]!.path)).toEqual(['', '[0]', '[0].Config', '[0].Config.Env']);
    expect(ancestorsOf(lines, 0)).toEqual([]);
  });
});
