// The import task this dialog started: the newest import task the page had not seen before it submitted.
import type { TaskInfo } from '../../../../shared/api';
import { useAppStore } from '../../state/store';

export function useImportTask(knownTaskIds: Set<string> | null): TaskInfo | null {
  return useAppStore((state) => {
    if (!knownTaskIds) return null;
    return state.tasks.find((task) => task.kind === 'import' && !knownTaskIds.has(task.id)) ?? null;
  });
}
