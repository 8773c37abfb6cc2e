// WWW-Authenticate parsing (RFC 9110 §11.6.1). Mirrors distribution's registry/client/auth/challenge
// (parseValueAndParams) as go-containerregistry's transport.ping uses it: a scheme, then name=value parameters
// whose quoted values may hold commas and backslash escapes. Several challenges may share one header.

export interface Challenge {
  /** Lower case: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names lower case (`realm`, `service`, `scope`, `error`); values as sent, unquoted. */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

/** Every challenge in the header values given (a response may repeat the header). */
export function parseChallenges(values: string | readonly string[] | undefined): Challenge[] {
  if (values === undefined) return [];
  const list = typeof values === 'string' ? [values] : values;
  return list.flatMap(parseOne);
}

function parseOne(text: string): Challenge[] {
  const challenges: Challenge[] = [];
  let rest = text;
  let current: Challenge | null = null;
  const skip = (pattern: RegExp) => {
    rest = rest.replace(pattern, '');
  };
  for (;;) {
    skip(/^[\s,]+/);
    if (rest === '') break;
    const name = TOKEN.exec(rest)?.[0];
    if (!name) break; // unreadable from here on: keep what was read
    rest = rest.slice(name.length);
    skip(/^\s*/);
    if (rest.startsWith('=') && current) {
      rest = rest.slice(1);
      skip(/^\s*/);
      current.params[name.toLowerCase()] = readValue();
      continue;
    }
    // A token not followed by `=` starts a new challenge (the previous one ends here).
    current = { scheme: name.toLowerCase(), params: {} };
    challenges.push(current);
    const token68 = /^[A-Za-z0-9\-._~+/]+=*(?=\s*(,|$))/.exec(rest);
    if (token68 && !rest.startsWith(token68[0] + '=')) rest = rest.slice(token68[0].length);
  }
  return challenges;

  function readValue(): string {
    if (!rest.startsWith('"')) {
      const value = TOKEN.exec(rest)?.[0] ?? '';
      rest = rest.slice(value.length);
      return value;
    }
    let value = '';
    let i = 1;
    for (; i < rest.length; i++) {
      const c = rest[i]!;
      if (c === '\\' && i + 1 < rest.length) value += rest[++i];
      else if (c === '"') break;
      else value += c;
    }
    rest = rest.slice(i + 1);
    return value;
  }
}

/** The challenge Berth answers: Bearer when offered (a token can carry a scope), else Basic; null if neither. */
export function pickChallenge(challenges: readonly Challenge[]): Challenge | null {
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic') ?? null;
}
