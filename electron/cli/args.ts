// Command-line parsing with the rules of docker's parser (spf13/pflag, interspersed): flags may follow
// positionals, short booleans combine (`-aq`), values attach (`-fVALUE`, `-f=VALUE`, `--format=VALUE`) or follow,
// list flags repeat (`-c A -c B`), `--` ends the flags and a lone `-` is a positional (stdin).

export type FlagType = 'bool' | 'string' | 'list';

export interface FlagSpec {
  /** Long name, without dashes. */
  name: string;
  /** One-letter short name. */
  short?: string;
  type: FlagType;
  /** Shown in help after the long name (`--format string`); defaults to the type's name. */
  valueName?: string;
  help: string;
  /** Hidden flags are accepted but not listed in help. */
  hidden?: boolean;
}

export interface ParsedArgs {
  flags: Map<string, boolean | string | string[]>;
  positionals: string[];
}

/** A command-line mistake: docker prints it with the usage line and exits 125. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const flags = new Map<string, boolean | string | string[]>();
  const positionals: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));

  const set = (spec: FlagSpec, value: string | true, shown: string): void => {
    if (spec.type === 'bool') {
      flags.set(spec.name, parseBool(value, shown));
    } else if (spec.type === 'list') {
      const list = (flags.get(spec.name) as string[] | undefined) ?? [];
      list.push(value as string);
      flags.set(spec.name, list);
    } else {
      flags.set(spec.name, value as string);
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) {
        set(spec, arg.slice(eq + 1), `--${name}`);
      } else if (spec.type === 'bool') {
        set(spec, true, `--${name}`);
      } else {
        if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${name}`);
        set(spec, argv[++i]!, `--${name}`);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const spec = byShort.get(letter);
        if (!spec) throw new UsageError(`unknown shorthand flag: '${letter}' in ${arg}`);
        const rest = arg.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1), `-${letter}`);
            break;
          }
          set(spec, true, `-${letter}`);
          continue;
        }
        if (rest.length > 0) {
          set(spec, rest.startsWith('=') ? rest.slice(1) : rest, `-${letter}`);
        } else {
          if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: '${letter}' in -${letter}`);
          set(spec, argv[++i]!, `-${letter}`);
        }
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { flags, positionals };
}

/** Go's strconv.ParseBool, with pflag's error wording. */
function parseBool(value: string | true, shown: string): boolean {
  if (value === true) return true;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new UsageError(`invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
}

export function flagBool(parsed: ParsedArgs, name: string): boolean {
  return parsed.flags.get(name) === true;
}

export function flagString(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function flagList(parsed: ParsedArgs, name: string): string[] {
  const value = parsed.flags.get(name);
  return Array.isArray(value) ? value : [];
}

/** pflag's option list: `  -a, --all      help`, columns aligned three spaces after the longest. */
export function formatFlagHelp(specs: readonly FlagSpec[]): string {
  const rows = specs
    .filter((s) => !s.hidden)
    .map((s) => {
      let left = s.short ? `  -${s.short}, --${s.name}` : `      --${s.name}`;
      if (s.type !== 'bool') left += ' ' + (s.valueName ?? s.type);
      return { left, help: s.help };
    });
  const width = Math.max(0, ...rows.map((r) => r.left.length));
  return rows
    .map((r) => {
      const [first, ...more] = r.help.split('\n');
      const indent = ' '.repeat(width + 3);
      return [r.left.padEnd(width + 3) + first, ...more.map((line) => indent + line)].join('\n');
    })
    .join('\n');
}
