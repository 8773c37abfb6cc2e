import { describe, expect, it } from 'vitest';
import { DirFileSource } from '../dir-file-source.js';
import type { FileSource } from '../file-source.js';
import { osRelease, parseEnvFile, readOsRelease } from './os-release.js';

function files(entries: Record<string, string>): FileSource {
  return {
    readFile: async (p: string) => (p in entries ? Buffer.from(entries[p]!) : null),
    list: async () => null,
  };
}

describe('os-release', () => {
  it('reads quoting, escapes and comments as systemd does', () => {
    const fields = parseEnvFile(
      [
        '# a comment',
        '   ',
        'NAME="Fedora \\"Linux\\""',
        "ID='fedora'",
        'VERSION_ID=40',
        '  ; also a comment',
        'PRETTY_NAME="Fedora Linux 40 (Container Image)"   ',
        'UNQUOTED=a\\ b   ',
        'DOLLAR="cost \\$5 and \\`tick\\` and \\\\ and \\n kept"',
        'SINGLE=\'no \\escape\'',
        'JOINED="a"\'b\'c',
        'MULTI="line one',
        'line two"',
        'CONTINUED=one\\',
        'two',
        'not an assignment',
        'BAD-KEY=x',
        'CRLF=yes\r',
        'LAST=wins',
        'LAST=wins again',
      ].join('\n'),
    );
    expect(Object.fromEntries(fields)).toEqual({
      NAME: 'Fedora "Linux"',
      ID: 'fedora',
      VERSION_ID: '40',
      PRETTY_NAME: 'Fedora Linux 40 (Container Image)',
      UNQUOTED: 'a b',
      DOLLAR: 'cost $5 and `tick` and \\ and \\n kept',
      SINGLE: 'no \\escape',
      JOINED: 'abc',
      MULTI: 'line one\nline two',
      CONTINUED: 'onetwo',
      CRLF: 'yes',
      LAST: 'wins again',
    });
  });

  it('fills in the defaults os-release(5) gives missing fields', () => {
    expect(osRelease(new Map())).toEqual({ id: 'linux', versionId: null, prettyName: 'Linux', name: 'Linux' });
    expect(osRelease(new Map([['NAME', 'Arch Linux'], ['VERSION', 'rolling']]))).toMatchObject({ prettyName: 'Arch Linux rolling' });
  });

  it('prefers /etc/os-release and falls back to /usr/lib/os-release', async () => {
    const both = files({ '/etc/os-release': 'ID=etc\n', '/usr/lib/os-release': 'ID=usr\n' });
    expect((await readOsRelease(both))?.id).toBe('etc');
    expect((await readOsRelease(files({ '/usr/lib/os-release': 'ID=usr\n' })))?.id).toBe('usr');
    expect(await readOsRelease(files({}))).toBeNull();
  });

  it('reads this machine’s own os-release (a link to ../usr/lib/os-release on Debian)', async () => {
    const ours = await readOsRelease(new DirFileSource('/'));
    const expected = parseEnvFile((await import('node:fs')).readFileSync('/etc/os-release', 'utf8'));
    expect(ours).toMatchObject({ id: expected.get('ID'), prettyName: expected.get('PRETTY_NAME') });
  });
});
