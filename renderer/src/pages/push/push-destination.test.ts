import { describe, expect, it } from 'vitest';
import { pushDestination, suggestedName } from './push-destination';

describe('pushDestination', () => {
  it('a bare name goes to Docker Hub\'s library/ namespace; a registry name to that registry', () => {
    expect(pushDestination('test:latest')).toEqual({ repository: 'docker.io/library/test', registry: 'docker.io', officialNamespace: true });
    expect(pushDestination('user/test')).toEqual({ repository: 'docker.io/user/test', registry: 'docker.io', officialNamespace: false });
    expect(pushDestination('127.0.0.1:5000/user/test:1')).toEqual({ repository: '127.0.0.1:5000/user/test', registry: '127.0.0.1:5000', officialNamespace: false });
    expect(pushDestination('Not Valid')).toBeNull();
  });

  it('suggests the image\'s own name and tag under a registry/namespace', () => {
    expect(suggestedName('test:1', '127.0.0.1:5000/team/')).toBe('127.0.0.1:5000/team/test:1');
    expect(suggestedName('library/test', 'user')).toBe('user/test:latest');
  });
});
