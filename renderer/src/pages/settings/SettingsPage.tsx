// Appearance, the store and what this build is.
import { useShallow } from 'zustand/react/shallow';
import { getBridge } from '../../bridge/index';
import { SizeText } from '../../components/SizeText';
import { useAppStore } from '../../state/store';
import type { ThemeChoice } from '../../state/ui-slice';
import { StoreCheck } from './StoreCheck';

const THEMES: Array<{ value: ThemeChoice; label: string }> = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsPage() {
  const { theme, setTheme, info, diskUsage } = useAppStore(
    useShallow((state) => ({ theme: state.theme, setTheme: state.setTheme, info: state.info, diskUsage: state.diskUsage })),
  );
  return (
    <div className="page">
      <header className="top-bar">
        <h1 className="page-title">Settings</h1>
      </header>
      <div className="page-body">
        <section className="content scroll settings" aria-label="Settings">
          <section className="settings-section" aria-labelledby="appearance-title">
            <h2 id="appearance-title">Appearance</h2>
            <div className="radio-group" role="radiogroup" aria-label="Theme">
              {THEMES.map((item) => (
                <label key={item.value} className="radio">
                  <input type="radio" name="theme" value={item.value} checked={theme === item.value} onChange={() => setTheme(item.value)} />
                  {item.label}
                </label>
              ))}
            </div>
          </section>
          <section className="settings-section" aria-labelledby="store-title">
            <h2 id="store-title">Store</h2>
            <dl className="fields-list">
              <dt>Location</dt>
              <dd className="mono wrap">{info?.storePath ?? '…'}</dd>
              {diskUsage && (
                <>
                  <dt>Images</dt>
                  <dd>
                    {diskUsage.uniqueImages} images, {diskUsage.images} rows (tags and dangling)
                  </dd>
                  <dt>Total size</dt>
                  <dd><SizeText bytes={diskUsage.totalSize} /> <span className="muted small">every image counted whole</span></dd>
                  <dt>Unique size</dt>
                  <dd><SizeText bytes={diskUsage.uniqueSize} /> <span className="muted small">files unpacked, shared layers counted once</span></dd>
                  <dt>Layers on disk</dt>
                  <dd><SizeText bytes={diskUsage.uniqueDiskSize} /> <span className="muted small">the same layers as stored (compressed where they came so)</span></dd>
                  <dt>Reclaimable</dt>
                  <dd><SizeText bytes={diskUsage.reclaimable} /></dd>
                  <dt>On disk</dt>
                  <dd><SizeText bytes={diskUsage.storeSize} /> <span className="muted small">everything under blobs/</span></dd>
                </>
              )}
            </dl>
            <StoreCheck />
            <p className="muted small">
              The command line uses the same store: set <code>BERTH_STORE</code> or pass <code>--store</code> to choose another.
            </p>
          </section>
          <section className="settings-section" aria-labelledby="about-title">
            <h2 id="about-title">About</h2>
            <dl className="fields-list">
              <dt>Version</dt>
              <dd>{info?.version ?? '…'}</dd>
              <dt>Platform</dt>
              <dd className="mono">{info?.platform ?? '…'}</dd>
              <dt>Shell</dt>
              <dd>{getBridge().shell === 'electron' ? 'Desktop app' : 'Browser (berth serve)'}</dd>
            </dl>
          </section>
        </section>
      </div>
    </div>
  );
}
