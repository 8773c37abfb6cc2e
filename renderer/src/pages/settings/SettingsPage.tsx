// Appearance, the store and what this build is.
import { Fragment } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getBridge } from '../../bridge/index';
import { SizeText } from '../../components/SizeText';
import { SIZE_WORDS } from '../../components/size-words';
import { useAppStore } from '../../state/store';
import type { ThemeChoice } from '../../state/ui-slice';
import { StoreCheck } from './StoreCheck';
import { RegistrySettings } from './RegistrySettings';

const THEMES: Array<{ value: ThemeChoice; label: string }> = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Each size figure under the names and explanations the Images summary and the status line use. */
const SIZE_ROWS: Array<{ key: keyof typeof SIZE_WORDS; label: string; field: 'totalSize' | 'uniqueSize' | 'uniqueDiskSize' | 'reclaimable' | 'storeSize' }> = [
  { key: 'sumOfSizes', label: SIZE_WORDS.sumOfSizes.label, field: 'totalSize' },
  { key: 'uniqueLayers', label: SIZE_WORDS.uniqueLayers.label, field: 'uniqueSize' },
  { key: 'uniqueLayersOnDisk', label: 'Unique layers on disk', field: 'uniqueDiskSize' },
  { key: 'reclaimable', label: SIZE_WORDS.reclaimable.label, field: 'reclaimable' },
  { key: 'storeOnDisk', label: SIZE_WORDS.storeOnDisk.label, field: 'storeSize' },
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
          <section className="settings-section" aria-labelledby="registries-settings-title">
            <h2 id="registries-settings-title">Registries</h2>
            <RegistrySettings />
          </section>
          <section className="settings-section" aria-labelledby="store-title">
            <h2 id="store-title">Store</h2>
            <dl className="fields-list">
              <dt>Location</dt>
              <dd className="mono wrap">{info?.storePath ?? '…'}</dd>
              {diskUsage && (
                <>
                  <dt>Images</dt>
                  <dd title="Distinct image IDs; the Images table lists one line per tag and one per dangling image">
                    {diskUsage.uniqueImages} {diskUsage.uniqueImages === 1 ? 'image' : 'images'}, listed on {diskUsage.images}{' '}
                    {diskUsage.images === 1 ? 'line' : 'lines'} (one per tag, one per dangling image)
                  </dd>
                  {SIZE_ROWS.map((row) => (
                    <Fragment key={row.key}>
                      <dt title={SIZE_WORDS[row.key].tip}>{row.label}</dt>
                      <dd>
                        <SizeText bytes={diskUsage[row.field]} /> <span className="muted small">{SIZE_WORDS[row.key].tip}</span>
                      </dd>
                    </Fragment>
                  ))}
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
