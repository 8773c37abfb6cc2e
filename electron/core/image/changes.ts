// `docker import -c` / `docker commit -c`: Dockerfile instructions applied to an image's run config.
//
// Follows moby's BuildFromConfig: the changes are joined with newlines and parsed as a Dockerfile (comments, line
// continuations, `# escape=`), only the commit commands are allowed, then each is dispatched as the builder does
// (ENV/LABEL/EXPOSE/USER/VOLUME/WORKDIR/STOPSIGNAL words expanded against the Env set so far). Checked against
// dockerd 20.10 on this machine: error wording (`run is not a valid change command`: docker reports the lowercased
// instruction), ENTRYPOINT keeping a CMD set earlier in the same changes, `CMD` alone giving ["/bin/sh","-c"],
// `ENTRYPOINT []` clearing the entrypoint, durations in nanoseconds. Newer engines add STOPSIGNAL to the allowed
// commands and HEALTHCHECK --start-interval; Berth accepts both, and a zero duration (meaning "default").
import { CHANGE_COMMANDS } from '../../../shared/change-commands.js';
import { BerthError } from '../../../shared/errors.js';
import { ChangeSyntaxError, extractFlags, parseGoDuration, parseJsonArray, parseWords, processWord } from './changes-lex.js';
import type { RunConfig } from '../oci/config.js';

const COMMIT_COMMANDS = new Set(CHANGE_COMMANDS);
const DEFAULT_SHELL = ['/bin/sh', '-c'];
const MIN_HEALTH_INTERVAL_NS = 1_000_000;

interface Instruction {
  command: string;
  /** The whole (continuation-joined) line as written. */
  original: string;
  flags: string[];
  rest: string;
}

/** Returns a new run config with `changes` applied to `base`; throws BerthError('INVALID_ARGUMENT', moby's message). */
export function applyChanges(base: RunConfig, changes: readonly string[]): RunConfig {
  if (changes.length === 0) return structuredClone(base);
  try {
    const { instructions, escape } = parseDockerfile(changes.join('\n'));
    for (const instruction of instructions) {
      if (!COMMIT_COMMANDS.has(instruction.command)) throw new ChangeSyntaxError(`${instruction.command} is not a valid change command`);
    }
    const state = new Dispatcher(structuredClone(base), escape);
    for (const instruction of instructions) state.dispatch(instruction);
    return state.finish();
  } catch (err) {
    if (err instanceof ChangeSyntaxError) throw new BerthError('INVALID_ARGUMENT', err.message);
    throw err;
  }
}

function parseDockerfile(text: string): { instructions: Instruction[]; escape: string } {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  let escape = '\\';
  let directivesAllowed = true;
  const instructions: Instruction[] = [];
  const isComment = (line: string) => line.trimStart().startsWith('#');
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i++] as string;
    const line = raw.trimStart();
    if (directivesAllowed) {
      const directive = /^#\s*escape\s*=\s*(\S+)\s*$/i.exec(line);
      if (directive) {
        if (directive[1] !== '\\' && directive[1] !== '`') throw new ChangeSyntaxError(`invalid escape token '${directive[1]}' does not match ` + '` or \\');
        escape = directive[1] as string;
        continue;
      }
    }
    if (line === '' || isComment(line)) {
      if (line === '' || !/^#\s*\w+\s*=/.test(line)) directivesAllowed = false;
      continue;
    }
    directivesAllowed = false;
    const continuation = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
    let joined = line;
    let open = continuation.test(joined);
    if (open) joined = joined.replace(continuation, '');
    while (open && i < lines.length) {
      const next = lines[i++] as string;
      if (isComment(next) || next.trim() === '') continue;
      open = continuation.test(next);
      joined += open ? next.replace(continuation, '') : next;
    }
    instructions.push(toInstruction(joined));
  }
  if (instructions.length === 0) throw new ChangeSyntaxError('file with no instructions');
  return { instructions, escape };
}

function toInstruction(line: string): Instruction {
  const trimmed = line.trim();
  const split = /\s+/.exec(trimmed);
  const command = (split ? trimmed.slice(0, split.index) : trimmed).toLowerCase();
  const args = split ? trimmed.slice(split.index + split[0].length) : '';
  const { flags, rest } = extractFlags(args);
  return { command, original: line, flags, rest };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Flag values by name; anything not in `known` is moby's "Unknown flag". */
function parseFlags(flags: string[], known: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const flag of flags) {
    const body = flag.slice(2);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (!known.includes(name)) throw new ChangeSyntaxError(`Unknown flag: ${name}`);
    if (eq < 0) throw new ChangeSyntaxError(`Missing a value on flag: ${name}`);
    if (values.has(name)) throw new ChangeSyntaxError(`Duplicate flag specified: ${name}`);
    values.set(name, body.slice(eq + 1));
  }
  return values;
}

class Dispatcher {
  private cmdSet = false;
  /** EXPOSE ranges are collected here and expanded once at the end, so `EXPOSE 1-65535` many times over costs one pass. */
  private readonly ports = new PortSet();
  private labelsCopied = false;

  constructor(
    readonly config: RunConfig,
    private readonly escape: string,
  ) {}

  finish(): RunConfig {
    if (!this.ports.empty) this.config.ExposedPorts = this.ports.addTo({ ...(this.config.ExposedPorts ?? {}) });
    return this.config;
  }

  private expand(word: string): string {
    return processWord(word, this.config.Env ?? [], this.escape);
  }

  dispatch(instruction: Instruction): void {
    const { command, rest } = instruction;
    const upper = command.toUpperCase();
    if (command !== 'healthcheck') parseFlags(instruction.flags, []);
    switch (command) {
      case 'cmd': {
        const json = parseJsonArray(rest);
        this.config.Cmd = json ?? [...this.shell(), ...(rest === '' ? [] : [rest])];
        this.cmdSet = true;
        return;
      }
      case 'entrypoint': {
        const json = parseJsonArray(rest);
        if (json ? json.length === 0 : rest === '') this.config.Entrypoint = null;
        else this.config.Entrypoint = json ?? [...this.shell(), rest];
        if (!this.cmdSet) this.config.Cmd = null;
        return;
      }
      case 'env':
      case 'label': {
        const pairs = nameValues(rest, upper, this.escape).map(([k, v]) => [this.expand(k), this.expand(v)] as const);
        if (command === 'env') for (const [k, v] of pairs) this.setEnv(k, v);
        else {
          // Copied once, then added to in place: thousands of LABEL lines stay linear.
          if (!this.labelsCopied) this.config.Labels = { ...(this.config.Labels ?? {}) };
          this.labelsCopied = true;
          for (const [k, v] of pairs) this.config.Labels![k] = v;
        }
        return;
      }
      case 'expose': {
        const words = rest.split(/\s+/).filter(Boolean);
        if (words.length === 0) throw new ChangeSyntaxError('EXPOSE requires at least one argument');
        for (const word of words) this.ports.add(exposedPorts(this.expand(word)));
        return;
      }
      case 'healthcheck':
        this.config.Healthcheck = healthcheck(instruction);
        return;
      case 'onbuild': {
        const expression = instruction.original.replace(/^\s*ONBUILD\s*/i, '');
        const trigger = (expression.trim().split(/\s+/)[0] ?? '').toUpperCase();
        if (trigger === '') throw new ChangeSyntaxError('ONBUILD requires at least one argument');
        if (trigger === 'ONBUILD') throw new ChangeSyntaxError('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
        if (trigger === 'FROM' || trigger === 'MAINTAINER') throw new ChangeSyntaxError(`${trigger} isn't allowed as an ONBUILD trigger`);
        this.config.OnBuild = [...(this.config.OnBuild ?? []), expression];
        return;
      }
      case 'stopsignal': {
        if (rest === '') throw new ChangeSyntaxError('STOPSIGNAL requires exactly one argument');
        const signal = this.expand(rest);
        checkSignal(signal);
        this.config.StopSignal = signal;
        return;
      }
      case 'user':
        if (rest === '') throw new ChangeSyntaxError('USER requires exactly one argument');
        this.config.User = this.expand(rest);
        return;
      case 'volume': {
        const list = parseJsonArray(rest) ?? rest.split(/\s+/).filter(Boolean);
        if (list.length === 0) throw new ChangeSyntaxError('VOLUME requires at least one argument');
        const volumes = { ...(this.config.Volumes ?? {}) };
        for (const item of list) {
          const volume = this.expand(item).trim();
          if (volume === '') throw new ChangeSyntaxError('VOLUME specified can not be an empty string');
          volumes[volume] = {};
        }
        this.config.Volumes = volumes;
        return;
      }
      case 'workdir': {
        if (rest === '') throw new ChangeSyntaxError('WORKDIR requires exactly one argument');
        this.config.WorkingDir = joinWorkdir(this.config.WorkingDir ?? '', this.expand(rest));
        return;
      }
    }
  }

  private shell(): string[] {
    const shell = this.config.Shell;
    return Array.isArray(shell) && shell.length > 0 ? (shell as string[]) : DEFAULT_SHELL;
  }

  private setEnv(key: string, value: string): void {
    const env = [...(this.config.Env ?? [])];
    const at = env.findIndex((entry) => entry.split('=', 1)[0] === key);
    if (at >= 0) env[at] = `${key}=${value}`;
    else env.push(`${key}=${value}`);
    this.config.Env = env;
  }
}

/** ENV/LABEL arguments: `k=v k2="v 2"` or the legacy `KEY value with spaces` (buildkit's parseNameVal). */
function nameValues(rest: string, instruction: string, escape: string): Array<[string, string]> {
  const words = parseWords(rest, escape);
  if (words.length === 0) throw new ChangeSyntaxError(`${instruction} requires at least one argument`);
  const first = words[0] as string;
  if (!first.includes('=')) {
    const parts = rest.split(/\s+/);
    const key = parts[0] ?? '';
    const value = rest.slice(key.length).replace(/^\s+/, '');
    if (parts.length < 2 || value === '') throw new ChangeSyntaxError(`${instruction} must have two arguments`);
    return [[key, value]];
  }
  return words.map((word) => {
    const eq = word.indexOf('=');
    if (eq < 0) throw new ChangeSyntaxError(`Syntax error - can't find = in ${JSON.stringify(word)}. Must be of the form: name=value`);
    if (eq === 0) throw new ChangeSyntaxError(`${instruction} names can not be blank`);
    return [word.slice(0, eq), word.slice(eq + 1)];
  });
}

/**
 * docker has no limit, but each port is a key in the image config: every port of one protocol is already a
 * 1.3 MB config that takes a noticeable fraction of a second to build. More is refused, so a request cannot hold
 * the process (and `berth serve`) for seconds.
 */
const MAX_EXPOSED_PORTS = 65_536;

interface PortRange {
  proto: string;
  start: number;
  end: number;
}

/**
 * port/proto pairs, kept as ranges and merged once: the cost follows the number of EXPOSE words (bounded by the
 * request's size), and the expansion the number of distinct ports (at most 65,536 per protocol).
 */
class PortSet {
  private readonly ranges: PortRange[] = [];

  get empty(): boolean {
    return this.ranges.length === 0;
  }

  add(range: PortRange): void {
    this.ranges.push(range);
  }

  /** Adds every port/proto pair to `ports` (at most MAX_EXPOSED_PORTS of them) and returns it. */
  addTo(ports: Record<string, object>): Record<string, object> {
    const merged: PortRange[] = [];
    const sorted = [...this.ranges].sort((a, b) => (a.proto < b.proto ? -1 : a.proto > b.proto ? 1 : a.start - b.start));
    for (const range of sorted) {
      const last = merged.at(-1);
      if (last && last.proto === range.proto && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
      else merged.push({ ...range });
    }
    const count = merged.reduce((sum, r) => sum + r.end - r.start + 1, 0);
    if (count > MAX_EXPOSED_PORTS) {
      throw new ChangeSyntaxError(`EXPOSE: ${count} ports is more than Berth accepts (${MAX_EXPOSED_PORTS}); docker would write them all into the image config`);
    }
    for (const { proto, start, end } of merged) for (let p = start; p <= end; p++) ports[`${p}/${proto}`] = {};
    return ports;
  }
}

/** EXPOSE specs as nat.ParsePortSpecs reads them: `[ip:[hostPort]:]port[-end][/proto]`; keys `port/proto`. */
function exposedPorts(spec: string): PortRange {
  const parts = spec.split(':');
  const container = parts[parts.length - 1] ?? '';
  const slash = container.split('/');
  const port = slash[0] ?? '';
  const proto = (slash.length > 1 && slash[1] !== '' ? (slash[1] as string) : 'tcp').toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(proto)) throw new ChangeSyntaxError(`Invalid proto: ${proto}`);
  const range = /^(\d+)(?:-(\d+))?$/.exec(port);
  const start = range ? Number(range[1]) : NaN;
  const end = range?.[2] !== undefined ? Number(range[2]) : start;
  if (!range || start > 65535 || end > 65535 || end < start) throw new ChangeSyntaxError(`Invalid containerPort: ${port}`);
  return { proto, start, end };
}

function healthcheck(instruction: Instruction): NonNullable<RunConfig['Healthcheck']> {
  const rest = instruction.rest;
  const sep = /\s/.exec(rest);
  const type = (sep ? rest.slice(0, sep.index) : rest).toUpperCase();
  const args = sep ? rest.slice(sep.index).trimStart() : '';
  if (type === '') throw new ChangeSyntaxError('HEALTHCHECK requires at least one argument');
  if (type === 'NONE') {
    if (args !== '') throw new ChangeSyntaxError('HEALTHCHECK NONE takes no arguments');
    return { Test: ['NONE'] };
  }
  const flags = parseFlags(instruction.flags, ['interval', 'timeout', 'start-period', 'start-interval', 'retries']);
  if (type !== 'CMD') throw new ChangeSyntaxError(`Unknown type ${JSON.stringify(type)} in HEALTHCHECK (try CMD)`);
  const json = parseJsonArray(args);
  const command = json ?? (args === '' ? [] : [args]);
  if (command.length === 0) throw new ChangeSyntaxError('Missing command after HEALTHCHECK CMD');
  const health: NonNullable<RunConfig['Healthcheck']> = { Test: [json ? 'CMD' : 'CMD-SHELL', ...command] };
  const durations: Array<[string, 'Interval' | 'Timeout' | 'StartPeriod' | 'StartInterval']> = [
    ['interval', 'Interval'],
    ['timeout', 'Timeout'],
    ['start-period', 'StartPeriod'],
    ['start-interval', 'StartInterval'],
  ];
  for (const [flag, field] of durations) {
    const text = flags.get(flag);
    if (text === undefined || text === '') continue;
    const ns = parseGoDuration(text);
    if (ns === 0) continue;
    if (ns < MIN_HEALTH_INTERVAL_NS) throw new ChangeSyntaxError(`Interval ${JSON.stringify(flag)} cannot be less than 1ms`);
    health[field] = ns;
  }
  const retries = flags.get('retries');
  if (retries !== undefined && retries !== '') {
    if (!/^[+-]?\d+$/.test(retries)) throw new ChangeSyntaxError(`strconv.ParseInt: parsing ${JSON.stringify(retries)}: invalid syntax`);
    const n = Number(retries);
    if (n < 1) throw new ChangeSyntaxError(`--retries must be at least 1 (not ${n})`);
    health.Retries = n;
  }
  return health;
}

/** Go's filepath.Join("/", current, requested) + Clean for a relative WORKDIR; Clean for an absolute one. */
function joinWorkdir(current: string, requested: string): string {
  const path = requested.startsWith('/') ? requested : `/${current}/${requested}`;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR',
  'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM', 'WINCH',
  'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${14 - i}`),
]);

/** moby's signal.ParseSignal: a non-zero number, or a known name with or without SIG. */
function checkSignal(signal: string): void {
  if (/^[+-]?\d+$/.test(signal)) {
    if (Number(signal) === 0) throw new ChangeSyntaxError(`Invalid signal: ${signal}`);
    return;
  }
  const name = signal.toUpperCase().replace(/^SIG/, '');
  if (!SIGNALS.has(name)) throw new ChangeSyntaxError(`Invalid signal: ${signal}`);
}
