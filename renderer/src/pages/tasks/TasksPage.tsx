// Every task this session has seen: running ones first in time order, with progress and cancel.
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { useAppStore } from '../../state/store';
import { isFinished } from '../../state/tasks-slice';
import { TaskItem } from './TaskItem';

export function TasksPage() {
  const { tasks, clearFinished } = useAppStore(
    useShallow((state) => ({ tasks: state.tasks, clearFinished: state.clearFinishedTasks })),
  );
  const finished = tasks.filter(isFinished).length;
  return (
    <div className="page">
      <header className="top-bar">
        <h1 className="page-title">Tasks</h1>
        <span className="muted">
          {tasks.length - finished} running · {finished} finished
        </span>
        <div className="top-bar-spacer" />
        <button type="button" className="button" disabled={finished === 0} onClick={clearFinished}>
          Clear finished
        </button>
      </header>
      <div className="page-body">
        <section className="content scroll" aria-label="Tasks">
          {tasks.length === 0 ? (
            <div className="empty">
              <Icon name="tasks" size={36} />
              <h2>No tasks yet</h2>
              <p>Imports and other long operations show their progress here, and can be cancelled while they run.</p>
            </div>
          ) : (
            <ul className="task-list">
              {tasks.map((task) => (
                <TaskItem key={task.id} task={task} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
