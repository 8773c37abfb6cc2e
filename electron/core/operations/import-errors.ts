// An import's failure in the words of the person who chose the file. The tar reader says what it met in tar's
// terms ("the tar stream is truncated at byte 1500"); the user needs to hear which file is wrong and what that
// means for them ("trunc.tar stops too soon …"). Only the archive's own problems are reworded here.
import { notTarMessage } from '../../../shared/archive-kind.js';
import { BerthError } from '../../../shared/errors.js';
import { TarArchiveError } from '../archive/tar-header.js';

/** `err`, reworded when it is a problem of the archive itself; `name` is the file's name (null: standard input). */
export function importErrorInUserTerms(err: unknown, name: string | null): unknown {
  if (!(err instanceof TarArchiveError)) return err;
  const file = name ?? 'the input';
  switch (err.problem) {
    case 'not-tar':
      return new BerthError('INVALID_ARCHIVE', notTarMessage(file), { cause: err });
    case 'truncated':
      return new BerthError(
        'INVALID_ARCHIVE',
        `${file} stops too soon: the archive ends in the middle of an entry, so the file is probably incomplete (an interrupted download or copy) (${err.detail})`,
        { cause: err },
      );
    case 'invalid':
      return new BerthError('INVALID_ARCHIVE', `${file} is a damaged or unsupported tar archive: ${err.detail}`, { cause: err });
  }
}
