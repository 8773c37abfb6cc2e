// Expected values were measured with dockerd 20.10 on this machine (`docker import -c … && docker inspect`),
// except where a comment says newer engines differ.
import { describe, expect, it } from 'vitest';
import { applyChanges } from './changes.js';
import { parseGoDuration, parseWords, processWord } from './changes-lex.js';

const apply = (...changes: string[]) => applyChanges({}, changes);

describe('applyChanges: what docker import writes', () => {
  const table: Array<[string[], Record<string, unknown>]> = [
    [['CMD echo hi && ls'], { Cmd: ['/bin/sh', '-c', 'echo hi && ls'] }],
    [['CMD ["a","b"]'], { Cmd: ['a', 'b'] }],
    [['CMD [ "a" , "b" ]'], { Cmd: ['a', 'b'] }],
    [['CMD ["a", b]'], { Cmd: ['/bin/sh', '-c', '["a", b]'] }],
    [['CMD ["a"] junk'], { Cmd: ['a'] }],
    [['CMD'], { Cmd: ['/bin/sh', '-c'] }],
    [['CMD []'], { Cmd: [] }],
    [['cmd  echo   a  '], { Cmd: ['/bin/sh', '-c', 'echo   a'] }],
    [['CMD ["a\\u0041\\n"]'], { Cmd: ['aA\n'] }],
    [['CMD echo a \\\n b'], { Cmd: ['/bin/sh', '-c', 'echo a  b'] }],
    [['# comment\nCMD x'], { Cmd: ['/bin/sh', '-c', 'x'] }],
    [['ENTRYPOINT /bin/x', 'CMD ["y"]'], { Entrypoint: ['/bin/sh', '-c', '/bin/x'], Cmd: ['y'] }],
    [['CMD ["y"]', 'ENTRYPOINT /bin/x'], { Cmd: ['y'], Entrypoint: ['/bin/sh', '-c', '/bin/x'] }],
    [['ENTRYPOINT ["x"]', 'CMD y'], { Entrypoint: ['x'], Cmd: ['/bin/sh', '-c', 'y'] }],
    [['ENTRYPOINT'], { Entrypoint: null, Cmd: null }],
    [['ENTRYPOINT []'], { Entrypoint: null, Cmd: null }],
    [['ENV A=1 B="two words" C=x\\ y'], { Env: ['A=1', 'B=two words', 'C=x y'] }],
    [['ENV A 1 2  3'], { Env: ['A=1 2  3'] }],
    [['ENV A=1', 'ENV B=$A-${A}-${Z:-def}'], { Env: ['A=1', 'B=1-1-def'] }],
    [['ENV A=1', 'ENV A=2 B=$A'], { Env: ['A=2', 'B=1'] }],
    [['ENV A="a\\"b" B=\'s q\' C=a\\\\b'], { Env: ['A=a"b', 'B=s q', 'C=a\\b'] }],
    [['EXPOSE 80 80/tcp 53/udp 8000-8002'], { ExposedPorts: { '80/tcp': {}, '53/udp': {}, '8000/tcp': {}, '8001/tcp': {}, '8002/tcp': {} } }],
    [['EXPOSE 80/sctp 80/TCP 0'], { ExposedPorts: { '80/sctp': {}, '80/tcp': {}, '0/tcp': {} } }],
    [['EXPOSE 1.2.3.4:80:81'], { ExposedPorts: { '81/tcp': {} } }],
    [['LABEL a=b "c d"="e f"'], { Labels: { a: 'b', 'c d': 'e f' } }],
    [['LABEL a='], { Labels: { a: '' } }],
    [['WORKDIR a'], { WorkingDir: '/a' }],
    [['WORKDIR /x', 'WORKDIR y', 'WORKDIR ../z'], { WorkingDir: '/x/z' }],
    [['WORKDIR "/a b"'], { WorkingDir: '/a b' }],
    [['VOLUME ["/a","/b"]', 'VOLUME /c /d'], { Volumes: { '/a': {}, '/b': {}, '/c': {}, '/d': {} } }],
    [['VOLUME /a\\ b'], { Volumes: { '/a': {}, b: {} } }],
    [['USER 1000:1000'], { User: '1000:1000' }],
    [['USER a b'], { User: 'a b' }],
    [['STOPSIGNAL SIGKILL'], { StopSignal: 'SIGKILL' }], // newer engines; 20.10 refuses STOPSIGNAL in changes
    [['STOPSIGNAL 9'], { StopSignal: '9' }],
    [['ONBUILD RUN echo hi'], { OnBuild: ['RUN echo hi'] }],
    [['ONBUILD   run   echo  hi  '], { OnBuild: ['run   echo  hi  '] }],
    [['ONBUILD BOGUS x'], { OnBuild: ['BOGUS x'] }],
    [['HEALTHCHECK NONE'], { Healthcheck: { Test: ['NONE'] } }],
    [['HEALTHCHECK none'], { Healthcheck: { Test: ['NONE'] } }],
    [
      ['HEALTHCHECK --interval=30s --timeout=5s --start-period=1m --retries=3 CMD curl -f http://x/ || exit 1'],
      { Healthcheck: { Test: ['CMD-SHELL', 'curl -f http://x/ || exit 1'], Interval: 30e9, Timeout: 5e9, StartPeriod: 60e9, Retries: 3 } },
    ],
    [['HEALTHCHECK --interval=1h2m3.5s CMD x'], { Healthcheck: { Test: ['CMD-SHELL', 'x'], Interval: 3723500000000 } }],
    [['HEALTHCHECK CMD ["a"]', 'HEALTHCHECK --retries=2 CMD b'], { Healthcheck: { Test: ['CMD-SHELL', 'b'], Retries: 2 } }],
    [['HEALTHCHECK cmd ["a","b"]'], { Healthcheck: { Test: ['CMD', 'a', 'b'] } }],
    [['HEALTHCHECK --start-interval=2s CMD ["true"]'], { Healthcheck: { Test: ['CMD', 'true'], StartInterval: 2e9 } }], // newer engines
    [
      ['ENV A=/x', 'WORKDIR $A/y', 'USER ${A}', 'LABEL l=$A', 'VOLUME $A', 'EXPOSE ${P:-81}', 'CMD echo $A'],
      { Env: ['A=/x'], WorkingDir: '/x/y', User: '/x', Labels: { l: '/x' }, Volumes: { '/x': {} }, ExposedPorts: { '81/tcp': {} }, Cmd: ['/bin/sh', '-c', 'echo $A'] },
    ],
  ];

  it.each(table)('%j', (changes, expected) => {
    expect(apply(...changes)).toEqual(expected);
  });

  const errors: Array<[string[], string]> = [
    [['RUN x'], 'run is not a valid change command'],
    [['FROM x'], 'from is not a valid change command'],
    [['MAINTAINER me'], 'maintainer is not a valid change command'],
    [['CMD --x y'], 'Unknown flag: x'],
    [['CMD [1]'], 'when using JSON array syntax, arrays must be comprised of strings only'],
    [['ONBUILD FROM x'], "FROM isn't allowed as an ONBUILD trigger"],
    [['ONBUILD MAINTAINER x'], "MAINTAINER isn't allowed as an ONBUILD trigger"],
    [['ONBUILD ONBUILD x'], "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"],
    [['ONBUILD'], 'ONBUILD requires at least one argument'],
    [['HEALTHCHECK CMD-SHELL x'], 'Unknown type "CMD-SHELL" in HEALTHCHECK (try CMD)'],
    [['HEALTHCHECK --interval=0.5ms CMD x'], 'Interval "interval" cannot be less than 1ms'],
    [['HEALTHCHECK --bogus=1 CMD x'], 'Unknown flag: bogus'],
    [['HEALTHCHECK --interval CMD x'], 'Missing a value on flag: interval'],
    [['HEALTHCHECK --interval=5 CMD x'], 'time: missing unit in duration "5"'],
    [['HEALTHCHECK --retries=-1 CMD x'], '--retries must be at least 1 (not -1)'],
    [['HEALTHCHECK --retries=x CMD x'], 'strconv.ParseInt: parsing "x": invalid syntax'],
    [['HEALTHCHECK CMD'], 'Missing command after HEALTHCHECK CMD'],
    [['HEALTHCHECK'], 'HEALTHCHECK requires at least one argument'],
    [['HEALTHCHECK NONE x'], 'HEALTHCHECK NONE takes no arguments'],
    [['ENV'], 'ENV requires at least one argument'],
    [['ENV A'], 'ENV must have two arguments'],
    [['ENV A=1 B'], 'Syntax error - can\'t find = in "B". Must be of the form: name=value'],
    [['ENV =x'], 'ENV names can not be blank'],
    [['LABEL =x'], 'LABEL names can not be blank'],
    [['ENV A="x'], 'failed to process "\\"x": unexpected end of statement while looking for matching double-quote'],
    [['LABEL a'], 'LABEL must have two arguments'],
    [['LABEL'], 'LABEL requires at least one argument'],
    [['EXPOSE abc'], 'Invalid containerPort: abc'],
    [['EXPOSE 70000'], 'Invalid containerPort: 70000'],
    [['EXPOSE 8000-7999'], 'Invalid containerPort: 8000-7999'],
    [['EXPOSE 80/foo'], 'Invalid proto: foo'],
    [['EXPOSE'], 'EXPOSE requires at least one argument'],
    [['USER'], 'USER requires exactly one argument'],
    [['WORKDIR'], 'WORKDIR requires exactly one argument'],
    [['VOLUME'], 'VOLUME requires at least one argument'],
    [['VOLUME []'], 'VOLUME requires at least one argument'],
    [['VOLUME [""]'], 'VOLUME specified can not be an empty string'],
    [['STOPSIGNAL SIGBOGUS'], 'Invalid signal: SIGBOGUS'],
    [[''], 'file with no instructions'],
  ];

  it.each(errors)('%j fails with %j', (changes, message) => {
    expect(() => apply(...changes)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message }));
  });

  it('leaves the base config alone and returns a copy', () => {
    const base = { Env: ['PATH=/bin'], Cmd: ['sh'] };
    const out = applyChanges(base, ['ENV PATH=/usr/bin:$PATH', 'ENTRYPOINT ["x"]']);
    expect(out).toEqual({ Env: ['PATH=/usr/bin:/bin'], Cmd: null, Entrypoint: ['x'] });
    expect(base).toEqual({ Env: ['PATH=/bin'], Cmd: ['sh'] });
    expect(applyChanges(base, [])).toEqual(base);
  });

  it('honours the escape directive', () => {
    expect(apply('# escape=`\nCMD echo a `\n b')).toEqual({ Cmd: ['/bin/sh', '-c', 'echo a  b'] });
  });
});

describe('lexing helpers', () => {
  it('splits words keeping quotes, like buildkit parseWords', () => {
    expect(parseWords('a="b c" d=\'e f\' g=h\\ i')).toEqual(['a="b c"', "d='e f'", 'g=h\\ i']);
  });
  it('processes words like the shell lexer', () => {
    const env = ['A=1', 'EMPTY='];
    expect(processWord('"$A"\'$A\'\\$A${A:+set}${EMPTY:-unset}${NOPE}$', env)).toBe('1$A$Aset' + 'unset' + '$');
    expect(() => processWord('${A', env)).toThrow();
  });
  it('parses Go durations to nanoseconds', () => {
    expect(parseGoDuration('1.5s')).toBe(1_500_000_000);
    expect(parseGoDuration('2h45m')).toBe(9_900_000_000_000);
    expect(parseGoDuration('300ms')).toBe(300_000_000);
    expect(parseGoDuration('1µs')).toBe(1000);
    expect(parseGoDuration('0')).toBe(0);
    expect(() => parseGoDuration('5')).toThrow('missing unit');
    expect(() => parseGoDuration('5q')).toThrow('unknown unit "q"');
  });
});

describe('changes that could be made to freeze the process', () => {
  it('expands EXPOSE ranges once, however many times they repeat, and keeps LABEL lines linear', () => {
    const changes = [
      ...Array.from({ length: 10_000 }, () => 'EXPOSE 0-32767 32768-65535/udp 1-1000'),
      ...Array.from({ length: 10_000 }, (_, i) => `LABEL k${i}=v${i}`),
    ];
    const started = process.hrtime.bigint();
    const config = applyChanges({}, changes);
    expect(Object.keys(config.ExposedPorts!)).toHaveLength(65536);
    expect(config.ExposedPorts!['65535/udp']).toEqual({});
    expect(config.ExposedPorts!['32767/tcp']).toEqual({});
    expect(() => applyChanges({}, ['EXPOSE 0-65535 0/udp'])).toThrow(/EXPOSE: 65537 ports is more than Berth accepts \(65536\)/);
    expect(Object.keys(config.Labels!)).toHaveLength(10_000);
    // Seconds of headroom on a loaded 2-core machine; the quadratic versions took minutes.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
  });
});
