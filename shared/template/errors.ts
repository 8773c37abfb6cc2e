// Template failures are user input problems: they all carry INVALID_TEMPLATE and a Go-style message.
import { BerthError } from '../errors.js';

export function templateError(message: string): BerthError {
  return new BerthError('INVALID_TEMPLATE', message);
}

/** Go's `name:line:col` where col is the byte offset within the line, as text/template reports it. */
export function errorLocation(name: string, source: string, pos: number): string {
  const before = source.slice(0, pos);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const col = new TextEncoder().encode(before.slice(lineStart)).length;
  return `${name}:${line}:${col}`;
}
