// Why a credentials file is not JSON, without quoting it. V8's JSON.parse messages quote the text around the
// fault (`Unexpected token 'h', ..."password":hunter2-se"... is not valid JSON`): in auth.json or docker's config
// that text is a password or an `auth` value, and the message reaches the app, the CLI's stderr and logs.

/** The fault's position when V8 gives one, never the text around it. */
export function jsonProblem(error: unknown): string {
  const position = /\bposition (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  return position === undefined ? 'a syntax error' : `a syntax error at position ${position}`;
}
