// The checks an import makes of its options before it reads a byte, offered on their own so the import dialog can
// run them as the user types — before a large file is uploaded only to be refused. The same functions startImport
// calls (the reference rules, the platform parser, moby's `-c` parser): the page never needs a copy of them.
import type { ImportOptionProblem, ImportOptions } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { applyChanges } from '../image/changes.js';
import { parsePlatform } from '../oci/platform.js';
import { tagReference } from './context.js';

/** Every problem with `options`, in form order; empty when an import with them could start. */
export function checkImportOptions(options: ImportOptions): ImportOptionProblem[] {
  const problems: ImportOptionProblem[] = [];
  const reference = options.reference ? failure(() => tagReference(options.reference!)) : null;
  if (reference) problems.push({ field: 'reference', message: reference });
  const changes = options.changes ?? [];
  const change = failure(() => applyChanges({}, changes));
  if (change) {
    const index = firstFailing(changes);
    problems.push({ field: 'changes', message: change, ...(index === null ? {} : { index }) });
  }
  const platform = options.platform ? failure(() => parsePlatform(options.platform!)) : null;
  if (platform) problems.push({ field: 'platform', message: platform });
  return problems;
}

/** The message of the BerthError `check` throws, or null; anything else is a bug and propagates. */
function failure(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (err) {
    if (err instanceof BerthError) return err.message;
    throw err;
  }
}

/**
 * Which instruction to point at: the shortest failing prefix ends with it. (The changes are parsed as one
 * Dockerfile, so a message alone cannot say which line it is about; a few dozen lines parse in microseconds.)
 */
function firstFailing(changes: readonly string[]): number | null {
  for (let end = 1; end <= changes.length; end++) {
    if (failure(() => applyChanges({}, changes.slice(0, end)))) return end - 1;
  }
  return null;
}
