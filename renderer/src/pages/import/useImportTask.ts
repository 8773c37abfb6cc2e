// The import task this dialog started: the one whose handle importRootfs returned, never another caller's.
import type { TaskInfo } from '../../../../shared/api';
import { useAppStore } from '../../state/store';

export function useImportTask(taskId: string | null): TaskInfo | null {
  return useAppStore((state) => (taskId === null ? null : (state.tasks.find((task) => task.id === taskId) ?? null)));
}
