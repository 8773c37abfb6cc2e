import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import {
  familiarName,
  familiarString,
  isDigestReference,
  normalizeReference,
  parseNormalizedTagged,
  parseReference,
  referenceToString,
  repositoryName,
  withDefaultTag,
  type ImageReference,
} from './reference.js';

const H64 = 'f'.repeat(64);
const SHA = `sha256:${H64}`;
const HEX_ID = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';

// input, then [domain, path, tag, digest], the normalised string and the familiar string.
type Valid = [string, [string, string, string | null, string | null], string, string];
const valid: Valid[] = [
  ['ubuntu', ['docker.io', 'library/ubuntu', null, null], 'docker.io/library/ubuntu:latest', 'ubuntu'],
  ['ubuntu:14.04', ['docker.io', 'library/ubuntu', '14.04', null], 'docker.io/library/ubuntu:14.04', 'ubuntu:14.04'],
  ['library/ubuntu', ['docker.io', 'library/ubuntu', null, null], 'docker.io/library/ubuntu:latest', 'ubuntu'],
  ['docker.io/ubuntu', ['docker.io', 'library/ubuntu', null, null], 'docker.io/library/ubuntu:latest', 'ubuntu'],
  ['index.docker.io/ubuntu', ['docker.io', 'library/ubuntu', null, null], 'docker.io/library/ubuntu:latest', 'ubuntu'],
  ['index.docker.io/foo/bar:1', ['docker.io', 'foo/bar', '1', null], 'docker.io/foo/bar:1', 'foo/bar:1'],
  ['docker.io/library/ubuntu:latest', ['docker.io', 'library/ubuntu', 'latest', null], 'docker.io/library/ubuntu:latest', 'ubuntu:latest'],
  ['foo/bar', ['docker.io', 'foo/bar', null, null], 'docker.io/foo/bar:latest', 'foo/bar'],
  // library/ with a deeper path is not an official image: the prefix stays (docker's familiarizeName).
  ['library/foo/bar', ['docker.io', 'library/foo/bar', null, null], 'docker.io/library/foo/bar:latest', 'library/foo/bar'],
  ['localhost/foo', ['localhost', 'foo', null, null], 'localhost/foo:latest', 'localhost/foo'],
  ['localhost:5000/foo/bar:tag', ['localhost:5000', 'foo/bar', 'tag', null], 'localhost:5000/foo/bar:tag', 'localhost:5000/foo/bar:tag'],
  // Without a slash there is no domain: these are Docker Hub names, `:5000` a tag.
  ['localhost', ['docker.io', 'library/localhost', null, null], 'docker.io/library/localhost:latest', 'localhost'],
  ['localhost:5000', ['docker.io', 'library/localhost', '5000', null], 'docker.io/library/localhost:5000', 'localhost:5000'],
  ['example.com', ['docker.io', 'library/example.com', null, null], 'docker.io/library/example.com:latest', 'example.com'],
  ['test.com:5000', ['docker.io', 'library/test.com', '5000', null], 'docker.io/library/test.com:5000', 'test.com:5000'],
  ['foo_bar:8080', ['docker.io', 'library/foo_bar', '8080', null], 'docker.io/library/foo_bar:8080', 'foo_bar:8080'],
  ['example.com/foo', ['example.com', 'foo', null, null], 'example.com/foo:latest', 'example.com/foo'],
  ['example.com:5000/foo', ['example.com:5000', 'foo', null, null], 'example.com:5000/foo:latest', 'example.com:5000/foo'],
  ['test:5000/repo', ['test:5000', 'repo', null, null], 'test:5000/repo:latest', 'test:5000/repo'],
  ['192.168.1.1/repo', ['192.168.1.1', 'repo', null, null], '192.168.1.1/repo:latest', '192.168.1.1/repo'],
  ['192.168.1.1:5000/repo:5050', ['192.168.1.1:5000', 'repo', '5050', null], '192.168.1.1:5000/repo:5050', '192.168.1.1:5000/repo:5050'],
  ['[::1]:5000/foo', ['[::1]:5000', 'foo', null, null], '[::1]:5000/foo:latest', '[::1]:5000/foo'],
  ['[2001:db8::1]/repo', ['[2001:db8::1]', 'repo', null, null], '[2001:db8::1]/repo:latest', '[2001:db8::1]/repo'],
  ['[2001:db8:1:2:3:4:5:6]/repo:tag', ['[2001:db8:1:2:3:4:5:6]', 'repo', 'tag', null], '[2001:db8:1:2:3:4:5:6]/repo:tag', '[2001:db8:1:2:3:4:5:6]/repo:tag'],
  [`[2001:db8::1]:5000/repo:tag@${SHA}`, ['[2001:db8::1]:5000', 'repo', 'tag', SHA], `[2001:db8::1]:5000/repo:tag@${SHA}`, `[2001:db8::1]:5000/repo:tag@${SHA}`],
  // An uppercase first component is taken as a registry, and a registry may have uppercase.
  ['LOCALDOMAIN/fooo', ['LOCALDOMAIN', 'fooo', null, null], 'LOCALDOMAIN/fooo:latest', 'LOCALDOMAIN/fooo'],
  ['Foo/bar:v1', ['Foo', 'bar', 'v1', null], 'Foo/bar:v1', 'Foo/bar:v1'],
  ['Example.COM/foo', ['Example.COM', 'foo', null, null], 'Example.COM/foo:latest', 'Example.COM/foo'],
  ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', ['sub-dom1.foo.com', 'bar/baz/quux', 'some-long-tag', null], 'sub-dom1.foo.com/bar/baz/quux:some-long-tag', 'sub-dom1.foo.com/bar/baz/quux:some-long-tag'],
  ['b.gcr.io/test.example.com/my-app:test.example.com', ['b.gcr.io', 'test.example.com/my-app', 'test.example.com', null], 'b.gcr.io/test.example.com/my-app:test.example.com', 'b.gcr.io/test.example.com/my-app:test.example.com'],
  ['xn--n3h.com/myimage:xn--n3h.com', ['xn--n3h.com', 'myimage', 'xn--n3h.com', null], 'xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com/myimage:xn--n3h.com'],
  ['a-b--c.com/x', ['a-b--c.com', 'x', null, null], 'a-b--c.com/x:latest', 'a-b--c.com/x'],
  // Separators: one `.`, one or two `_`, any run of `-`.
  ['foo/a.b_c__d-e---f', ['docker.io', 'foo/a.b_c__d-e---f', null, null], 'docker.io/foo/a.b_c__d-e---f:latest', 'foo/a.b_c__d-e---f'],
  ['dock__er/docker', ['docker.io', 'dock__er/docker', null, null], 'docker.io/dock__er/docker:latest', 'dock__er/docker'],
  ['docker---rules/docker', ['docker.io', 'docker---rules/docker', null, null], 'docker.io/docker---rules/docker:latest', 'docker---rules/docker'],
  ['d/docker', ['docker.io', 'd/docker', null, null], 'docker.io/d/docker:latest', 'd/docker'],
  ['jess/t', ['docker.io', 'jess/t', null, null], 'docker.io/jess/t:latest', 'jess/t'],
  ['a/b/c/d', ['docker.io', 'a/b/c/d', null, null], 'docker.io/a/b/c/d:latest', 'a/b/c/d'],
  // 64 characters that are not all hex are a fine name; 64 hex after a domain too.
  ['thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', ['docker.io', 'library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', null, null], 'docker.io/library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev:latest', 'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev'],
  [`docker.io/${HEX_ID}`, ['docker.io', `library/${HEX_ID}`, null, null], `docker.io/library/${HEX_ID}:latest`, HEX_ID],
  // Tags: uppercase allowed, leading `_` allowed, 128 characters at most.
  ['lowercase:Uppercase', ['docker.io', 'library/lowercase', 'Uppercase', null], 'docker.io/library/lowercase:Uppercase', 'lowercase:Uppercase'],
  ['foo:_x.y-Z', ['docker.io', 'library/foo', '_x.y-Z', null], 'docker.io/library/foo:_x.y-Z', 'foo:_x.y-Z'],
  [`foo:${'t'.repeat(128)}`, ['docker.io', 'library/foo', 't'.repeat(128), null], `docker.io/library/foo:${'t'.repeat(128)}`, `foo:${'t'.repeat(128)}`],
  // A digest alone gets no default tag; tag and digest together keep both.
  [`ubuntu@${SHA}`, ['docker.io', 'library/ubuntu', null, SHA], `docker.io/library/ubuntu@${SHA}`, `ubuntu@${SHA}`],
  [`ubuntu:22.04@${SHA}`, ['docker.io', 'library/ubuntu', '22.04', SHA], `docker.io/library/ubuntu:22.04@${SHA}`, `ubuntu:22.04@${SHA}`],
  [`test:5000/repo@${SHA}`, ['test:5000', 'repo', null, SHA], `test:5000/repo@${SHA}`, `test:5000/repo@${SHA}`],
  [`foo@sha512:${'a'.repeat(128)}`, ['docker.io', 'library/foo', null, `sha512:${'a'.repeat(128)}`], `docker.io/library/foo@sha512:${'a'.repeat(128)}`, `foo@sha512:${'a'.repeat(128)}`],
  // The 255 limit is on the path, domain excluded.
  [`example.com/${'a'.repeat(255)}:tag`, ['example.com', 'a'.repeat(255), 'tag', null], `example.com/${'a'.repeat(255)}:tag`, `example.com/${'a'.repeat(255)}:tag`],
  [`${'a/'.repeat(127)}a:tag`, ['docker.io', `${'a/'.repeat(127)}a`, 'tag', null], `docker.io/${'a/'.repeat(127)}a:tag`, `${'a/'.repeat(127)}a:tag`],
  ['a'.repeat(247), ['docker.io', `library/${'a'.repeat(247)}`, null, null], `docker.io/library/${'a'.repeat(247)}:latest`, 'a'.repeat(247)],
];

// input, then a fragment the message must contain.
const invalid: [string, string][] = [
  ['', 'invalid reference format: the reference is empty'],
  [':justtag', 'repository name is missing in ":justtag"'],
  [`@${SHA}`, 'repository name is missing'],
  ['docker.io/', 'repository name is missing'],
  ['Ubuntu', 'invalid reference format: repository name (library/Ubuntu) must be lowercase'],
  ['Uppercase:tag', 'repository name (library/Uppercase) must be lowercase'],
  ['docker/Docker', 'repository name (docker/Docker) must be lowercase'],
  ['docker.io/docker/Docker', 'repository name (docker/Docker) must be lowercase'],
  ['test:5000/Uppercase/lowercase:tag', 'repository name (Uppercase/lowercase) must be lowercase'],
  [HEX_ID, `invalid repository name (${HEX_ID}), cannot specify 64-byte hexadecimal strings`],
  ['a'.repeat(256), 'repository name must not be more than 255 characters (got 264'],
  ['a'.repeat(248), 'repository name must not be more than 255 characters (got 256'],
  [`domain/${'a'.repeat(256)}:tag`, 'repository name must not be more than 255 characters'],
  [`example.com/${'a'.repeat(256)}`, 'repository name must not be more than 255 characters'],
  ['-docker', 'repository name "-docker"'],
  ['-docker/docker', 'repository name "-docker/docker"'],
  ['docker-/docker', 'repository name "docker-/docker"'],
  ['foo/bar-', 'repository name "foo/bar-"'],
  ['foo/-bar', 'repository name "foo/-bar"'],
  ['_foo/bar', 'repository name "_foo/bar"'],
  ['____/____', 'repository name "____/____"'],
  ['docker_/docker_', 'repository name'],
  ['dock___er/docker', 'repository name "dock___er/docker"'],
  // A `.` makes the first component a registry, so these fail as hosts.
  ['dock..er/docker', 'registry host "dock..er"'],
  ['dock_.er/docker', 'registry host "dock_.er"'],
  ['dock-.er/docker', 'registry host "dock-.er"'],
  ['foo/dock..er', 'repository name "foo/dock..er"'],
  ['foo/dock_.er', 'repository name "foo/dock_.er"'],
  ['docker///docker', 'repository name "docker///docker"'],
  ['a//a/a', 'repository name'],
  ['a/a/a/a/', 'repository name "a/a/a/a/"'],
  ['foo/', 'repository name "foo/"'],
  ['foo.com/', 'repository name is missing'],
  ['example.com/__underscore/myimage', 'repository name "__underscore/myimage"'],
  ['example.com/.dots/myimage', 'repository name ".dots/myimage"'],
  ['example.com/nodouble..dots/myimage', 'repository name "nodouble..dots/myimage"'],
  ['aa/asdf$$^/aa', 'repository name "aa/asdf$$^/aa"'],
  ['ubuntu latest', 'repository name'],
  // Hosts.
  ['-docker.io/docker/docker', 'registry host "-docker.io"'],
  ['ab-.com/x', 'registry host "ab-.com"'],
  ['ab.-com/x', 'registry host "ab.-com"'],
  ['docker./docker', 'registry host "docker."'],
  ['test.com:http/bar', 'registry host "test.com:http"'],
  ['foo_bar.com:8080/app', 'registry host "foo_bar.com:8080"'],
  ['https://github.com/docker/docker', 'registry host "https:"'],
  // Without a slash there is no registry, so docker reads the last `:` as a tag separator.
  ['[2001:db8::1]', 'tag "1]"'],
  ['[2001:db8::1]:5000', 'repository name "[2001:db8::1]"'],
  ['[fe80::1%eth0]:5000/repo', 'registry host "[fe80::1%eth0]:5000"'],
  ['[2001:db8:3:4::192.0.2.33]:5000/debian', 'registry host "[2001:db8:3:4::192.0.2.33]:5000"'],
  ['[fd00:1:2::3]75050/foo', 'registry host "[fd00:1:2::3]75050"'],
  ['fc00::1:5000/debian', 'registry host "fc00::1:5000"'],
  // Tags.
  ['ubuntu:', 'tag "" in "ubuntu:"'],
  ['ubuntu:bad^tag', 'tag "bad^tag"'],
  ['ubuntu:-tag', 'tag "-tag"'],
  ['ubuntu:.tag', 'tag ".tag"'],
  [`foo:${'t'.repeat(129)}`, `tag "${'t'.repeat(129)}"`],
  // Digests.
  ['ubuntu@', 'digest "" in "ubuntu@"'],
  ['ubuntu@sha256:abc', 'digest "sha256:abc"'],
  [`ubuntu@sha256${H64}`, `digest "sha256${H64}"`],
  [`ubuntu:tag@`, 'digest ""'],
  [`ubuntu@sha256:${'f'.repeat(34)}`, 'invalid checksum digest length in "ubuntu@sha256:'],
  [`ubuntu@sha256:${'f'.repeat(65)}`, 'sha256 needs 64 hex digits, got 65'],
  [`ubuntu@sha256:${'F'.repeat(64)}`, 'invalid checksum digest format'],
  [`ubuntu@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm "md5"'],
  [`ubuntu:1@SHA256:${H64}`, 'invalid checksum digest format'],
  // docker's lowercase check looks at everything before the first `:`, digest included.
  [`ubuntu@SHA256:${H64}`, 'repository name (library/ubuntu@SHA256) must be lowercase'],
];

// Where Berth knowingly parts from docker: it accepts these, as names with no registry at all.
const stricterThanDocker = new Set(['foo_bar.com/x']);
invalid.push(['foo_bar.com/x', 'registry host "foo_bar.com"']);

function asTuple(ref: ImageReference): [string, string, string | null, string | null] {
  return [ref.domain, ref.path, ref.tag, ref.digest];
}

describe('parseReference', () => {
  it.each(valid)('parses %s', (input, parts, normalized, familiar) => {
    const ref = parseReference(input);
    expect(asTuple(ref)).toEqual(parts);
    expect(normalizeReference(input)).toBe(normalized);
    expect(familiarString(ref)).toBe(familiar);
    expect(isDigestReference(ref)).toBe(parts[3] !== null);
  });

  it.each(valid)('round-trips %s through its normalised and familiar forms', (input) => {
    const ref = parseReference(input);
    expect(parseReference(referenceToString(ref))).toEqual(ref);
    // docker.io/<64 hex> familiarises to bare hex, which docker (and Berth) refuse to parse back.
    if (!familiarString(ref).startsWith(HEX_ID)) expect(parseReference(familiarString(ref))).toEqual(ref);
    expect(parseReference(normalizeReference(input))).toEqual(withDefaultTag(ref));
  });

  it.each(invalid)('refuses %s', (input, fragment) => {
    let thrown: unknown;
    try {
      parseReference(input);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(BerthError);
    expect((thrown as BerthError).code).toBe('INVALID_REFERENCE');
    expect((thrown as BerthError).message).toContain(fragment);
  });

  it('names the input in every message', () => {
    for (const [input] of invalid) {
      if (input === '') continue;
      const message = (() => {
        try {
          parseReference(input);
          return '';
        } catch (err) {
          return (err as Error).message;
        }
      })();
      // The lowercase message names the repository as docker does; the rest quote the whole input.
      const named = message.includes(input) || message.endsWith('must be lowercase');
      expect(named, message).toBe(true);
    }
  });

  it('stays fast on hostile input', () => {
    const start = performance.now();
    for (const s of ['a'.repeat(20000) + '!', 'a-'.repeat(10000) + '!', 'a.b'.repeat(7000) + '/a!', '[' + ':'.repeat(20000)]) {
      expect(() => parseReference(s)).toThrow(BerthError);
    }
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('parseNormalizedTagged', () => {
  const normalizedOrNull = (input: string): string | null => {
    try {
      return normalizeReference(input);
    } catch {
      return null;
    }
  };
  const corpus = [
    ...valid.map(([input]) => input),
    ...valid.map(([, , normalized]) => normalized),
    ...invalid.map(([input]) => input),
    'docker.io/ubuntu:1', 'index.docker.io/library/ubuntu:1', 'Example.com/x:1', 'EXAMPLE/x:1', 'library/x:1', 'localhost/x:1',
    'localhost:5000/x:1', '[::1]:5000/x/y:1', 'a.b/c', 'a.b/c:1@' + SHA, 'a.b/C:1', 'a.b/c:' + 'x'.repeat(128), 'a.b/c:' + 'x'.repeat(129),
    'a.b/' + 'p'.repeat(256) + ':1', '-a.b/c:1', 'a..b/c:1', 'a.b/c:-1', 'a.b//c:1', 'a.b/c/:1',
  ];

  it.each(corpus)('agrees with normalizeReference on %s', (input) => {
    const fast = parseNormalizedTagged(input);
    if (fast) {
      expect(normalizedOrNull(input)).toBe(input);
      expect(fast).toEqual(withDefaultTag(parseReference(input)));
    } else {
      // Only strings that are not already normalised and tagged are left to the full parser.
      const normalized = normalizedOrNull(input);
      expect(normalized === input && !parseReference(input).digest).toBe(false);
    }
  });
});

describe('naming helpers', () => {
  it('gives docker familiar and repository names', () => {
    const rows: [string, string, string][] = [
      ['docker.io/library/ubuntu', 'ubuntu', 'docker.io/library/ubuntu'],
      ['docker.io/foo/bar:1', 'foo/bar', 'docker.io/foo/bar'],
      ['quay.io/library/ubuntu', 'quay.io/library/ubuntu', 'quay.io/library/ubuntu'],
      ['localhost:5000/a/b@' + SHA, 'localhost:5000/a/b', 'localhost:5000/a/b'],
    ];
    for (const [input, familiar, repository] of rows) {
      const ref = parseReference(input);
      expect(familiarName(ref)).toBe(familiar);
      expect(repositoryName(ref)).toBe(repository);
    }
  });

  it('adds latest only when there is neither tag nor digest', () => {
    expect(withDefaultTag(parseReference('a')).tag).toBe('latest');
    expect(withDefaultTag(parseReference('a:1')).tag).toBe('1');
    expect(withDefaultTag(parseReference(`a@${SHA}`)).tag).toBeNull();
  });
});

// The docker CLI parses a reference before it dials the daemon, so pointing it at a socket that
// does not exist tells us whether docker itself accepts a reference, and with which error.
const dockerCli = spawnSync('docker', ['--version'], { encoding: 'utf8' }).status === 0;

function dockerVerdict(input: string, config: string): { accepted: boolean; error: string } {
  const run = spawnSync('docker', ['-H', 'unix:///nonexistent/berth-test.sock', 'pull', '--', input], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: config, DOCKER_CONFIG: config },
    timeout: 10_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  const error = output
    .split('\n')
    .filter((line) => line && !line.startsWith('Using default tag'))
    .join('\n')
    .replace(/^Error: /, '');
  return { accepted: output.includes('Cannot connect to the Docker daemon'), error };
}

describe.skipIf(!dockerCli)('agreement with the docker CLI', () => {
  const config = mkdtempSync(join(tmpdir(), 'berth-ref-docker-'));

  it.each(valid.map(([input]) => input))('docker accepts %s too', (input) => {
    expect(dockerVerdict(input, config)).toEqual({ accepted: true, error: expect.any(String) });
  });

  it.each(invalid.map(([input]) => input))('docker refuses %s too, with the words Berth uses', (input) => {
    const verdict = dockerVerdict(input, config);
    if (stricterThanDocker.has(input)) {
      expect(verdict.accepted).toBe(true);
      return;
    }
    expect(verdict.accepted).toBe(false);
    expect(() => parseReference(input)).toThrow(verdict.error);
  });
});
