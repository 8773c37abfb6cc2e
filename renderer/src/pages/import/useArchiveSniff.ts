// Before any upload: the chosen file's first 512 bytes say whether it can be imported at all (shared/archive-kind),
// so a text file is refused in the dialog at once, with the words the core would use after uploading it.
import { useEffect, useState } from 'react';
import { importableKind, notTarMessage, TAR_BLOCK } from '../../../../shared/archive-kind';

/** Why `file` cannot be imported, or null (also while it is being read, and for a file only the shell can read). */
export function useArchiveSniff(file: File | null): string | null {
  const [problem, setProblem] = useState<{ file: File; text: string | null } | null>(null);
  useEffect(() => {
    if (!file) return;
    let current = true;
    file
      .slice(0, TAR_BLOCK)
      .arrayBuffer()
      .then(
        (buffer) => {
          const kind = importableKind(new Uint8Array(buffer), file.size);
          if (current) setProblem({ file, text: kind === 'not-tar' ? notTarMessage(file.name) : null });
        },
        () => undefined, // unreadable here: the upload will say what is wrong
      );
    return () => {
      current = false;
    };
  }, [file]);
  return problem && problem.file === file ? problem.text : null;
}
