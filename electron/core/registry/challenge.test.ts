import { describe, expect, it } from 'vitest';
import { parseChallenges, pickChallenge } from './challenge.js';

describe('parseChallenges', () => {
  it("reads Docker Hub's Bearer challenge with quoted parameters", () => {
    expect(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/ubuntu:pull' } },
    ]);
  });

  it('keeps commas and escaped quotes inside quoted values', () => {
    const [challenge] = parseChallenges('Bearer realm="https://r.example/t",scope="repository:a/b:pull,push repository:c:pull",error="insufficient_scope",x="say \\"hi\\""');
    expect(challenge!.params.scope).toBe('repository:a/b:pull,push repository:c:pull');
    expect(challenge!.params.error).toBe('insufficient_scope');
    expect(challenge!.params.x).toBe('say "hi"');
  });

  it('reads Basic, unquoted values, spaces around = and scheme case', () => {
    expect(parseChallenges('BASIC realm = berth-test')).toEqual([{ scheme: 'basic', params: { realm: 'berth-test' } }]);
  });

  it('splits several challenges in one header and across repeated headers', () => {
    const found = parseChallenges(['Basic realm="a", Bearer realm="https://t.example/token",service="s"', 'Negotiate abc==']);
    expect(found.map((c) => c.scheme)).toEqual(['basic', 'bearer', 'negotiate']);
    expect(found[1]!.params).toEqual({ realm: 'https://t.example/token', service: 's' });
    expect(pickChallenge(found)?.scheme).toBe('bearer');
    expect(pickChallenge(parseChallenges('Basic realm="x"'))?.scheme).toBe('basic');
    expect(pickChallenge(parseChallenges('Negotiate'))).toBeNull();
    expect(parseChallenges(undefined)).toEqual([]);
  });
});
