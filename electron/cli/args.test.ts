import { describe, expect, it } from 'vitest';
import { type FlagSpec, UsageError, flagBool, flagList, flagString, formatFlagHelp, parseArgs } from './args.js';

const specs: FlagSpec[] = [
  { name: 'all', short: 'a', type: 'bool', help: 'Show all images' },
  { name: 'quiet', short: 'q', type: 'bool', help: 'Only show image IDs' },
  { name: 'filter', short: 'f', type: 'list', valueName: 'filter', help: 'Filter output' },
  { name: 'format', type: 'string', help: 'Format output' },
  { name: 'change', short: 'c', type: 'list', help: 'Apply Dockerfile instruction' },
  { name: 'message', short: 'm', type: 'string', help: 'Set commit message' },
];

describe('parseArgs (pflag rules)', () => {
  it('combines short booleans and takes flags after positionals', () => {
    const parsed = parseArgs(['ubuntu', '-aq'], specs);
    expect(parsed.positionals).toEqual(['ubuntu']);
    expect(flagBool(parsed, 'all')).toBe(true);
    expect(flagBool(parsed, 'quiet')).toBe(true);
  });

  it('reads values attached, after =, or as the next argument', () => {
    expect(flagString(parseArgs(['--format={{.ID}}'], specs), 'format')).toBe('{{.ID}}');
    expect(flagString(parseArgs(['--format', 'table {{.ID}}'], specs), 'format')).toBe('table {{.ID}}');
    expect(flagString(parseArgs(['-mhello'], specs), 'message')).toBe('hello');
    expect(flagString(parseArgs(['-m=hello'], specs), 'message')).toBe('hello');
    expect(flagString(parseArgs(['-m', '-x'], specs), 'message')).toBe('-x');
    expect(flagList(parseArgs(['-qfdangling=true'], specs), 'filter')).toEqual(['dangling=true']);
  });

  it('repeats list flags in order', () => {
    const parsed = parseArgs(['-c', 'CMD ["sh"]', 'file.tar', '--change=ENV A=1', '-c', 'USER 1000', 'repo:tag'], specs);
    expect(flagList(parsed, 'change')).toEqual(['CMD ["sh"]', 'ENV A=1', 'USER 1000']);
    expect(parsed.positionals).toEqual(['file.tar', 'repo:tag']);
  });

  it('treats "-" as a positional and stops at "--"', () => {
    const parsed = parseArgs(['-', '--', '-a', '--format'], specs);
    expect(parsed.positionals).toEqual(['-', '-a', '--format']);
    expect(flagBool(parsed, 'all')).toBe(false);
  });

  it('parses explicit booleans like strconv.ParseBool', () => {
    expect(flagBool(parseArgs(['--all=false'], specs), 'all')).toBe(false);
    expect(flagBool(parseArgs(['--all=1'], specs), 'all')).toBe(true);
    expect(flagBool(parseArgs(['-a=f'], specs), 'all')).toBe(false);
    expect(() => parseArgs(['--all=yes'], specs)).toThrow(
      'invalid argument "yes" for "--all" flag: strconv.ParseBool: parsing "yes": invalid syntax',
    );
  });

  it('reports mistakes with pflag wording', () => {
    expect(() => parseArgs(['--foo'], specs)).toThrow(new UsageError('unknown flag: --foo'));
    expect(() => parseArgs(['--foo=1'], specs)).toThrow('unknown flag: --foo');
    expect(() => parseArgs(['-ax'], specs)).toThrow("unknown shorthand flag: 'x' in -ax");
    expect(() => parseArgs(['--format'], specs)).toThrow('flag needs an argument: --format');
    expect(() => parseArgs(['-m'], specs)).toThrow("flag needs an argument: 'm' in -m");
  });
});

describe('formatFlagHelp', () => {
  it('aligns like cobra', () => {
    const help = formatFlagHelp([
      { name: 'all', short: 'a', type: 'bool', help: 'Show all images' },
      { name: 'digests', type: 'bool', help: 'Show digests' },
      { name: 'filter', short: 'f', type: 'list', valueName: 'filter', help: 'Filter output\nsecond line' },
      { name: 'format', type: 'string', help: 'Format output' },
      { name: 'secret', type: 'bool', help: 'hidden', hidden: true },
    ]);
    expect(help).toBe(
      [
        '  -a, --all             Show all images',
        '      --digests         Show digests',
        '  -f, --filter filter   Filter output',
        '                        second line',
        '      --format string   Format output',
      ].join('\n'),
    );
  });
});
