// The narrow navigation column. Pages that do not exist yet are not listed.
import { useShallow } from 'zustand/react/shallow';
import { Icon, type IconName } from '../components/Icon';
import { useAppStore } from '../state/store';
import type { Page } from '../state/ui-slice';

const ITEMS: Array<{ page: Page; label: string; icon: IconName }> = [
  { page: 'images', label: 'Images', icon: 'images' },
  { page: 'hub', label: 'Hub', icon: 'hub' },
  { page: 'tasks', label: 'Tasks', icon: 'tasks' },
  { page: 'registries', label: 'Registries', icon: 'key' },
  { page: 'engine', label: 'Engine', icon: 'engine' },
  { page: 'settings', label: 'Settings', icon: 'settings' },
];

export function Sidebar() {
  const { page, setPage, running } = useAppStore(
    useShallow((state) => ({
      page: state.page,
      setPage: state.setPage,
      running: state.tasks.filter((task) => task.state === 'running' || task.state === 'queued').length,
    })),
  );
  return (
    <nav className="sidebar" aria-label="Pages">
      <div className="brand" aria-hidden="true">
        <Icon name="box" size={22} />
      </div>
      {ITEMS.map((item) => (
        <button
          key={item.page}
          type="button"
          className="nav-item"
          // Compare is opened from Images and goes back there: Images stays the current place.
          aria-current={page === item.page || (page === 'compare' && item.page === 'images') ? 'page' : undefined}
          aria-label={item.page === 'tasks' && running > 0 ? `Tasks, ${running} running` : item.label}
          onClick={() => setPage(item.page)}
        >
          <Icon name={item.icon} size={18} />
          <span className="nav-label">{item.label}</span>
          {item.page === 'tasks' && running > 0 && (
            <span className="badge" aria-hidden="true">
              {running}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
