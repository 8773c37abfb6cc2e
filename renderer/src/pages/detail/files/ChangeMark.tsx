// dive's mark for what a layer did at a path: the letter itself (never colour alone) in the change's colour.
import type { FileChange } from '../../../../../shared/api';

export const CHANGE_WORDS: Record<FileChange, string> = { A: 'Added', M: 'Modified', D: 'Removed' };

export function ChangeMark({ change }: { change: FileChange }) {
  return (
    <span className={`change-mark change-${change}`} title={`${CHANGE_WORDS[change]} by this layer`}>
      {change}
      <span className="offscreen">{` ${CHANGE_WORDS[change].toLowerCase()}`}</span>
    </span>
  );
}
