// The local Docker Engine (or podman's Docker-compatible socket) beside Berth: its containers, to commit into a new
// image in Berth, and its images, to copy into Berth. When no engine answers, one plain line says so and nothing
// else on this page asks for one.
import { shortId } from '../../../../shared/format';
import { AgeText } from '../../components/AgeText';
import { SizeText } from '../../components/SizeText';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { copyToBerth } from './engine-actions';
import { useEngine } from './useEngine';

export function EnginePage() {
  const { info, containers, images, error, loading, reload } = useEngine();
  const openDialog = useAppStore((state) => state.openDialog);
  const offline = useActionsDisabled();
  const reachable = info?.reachable === true ? info : null;
  return (
    <div className="page">
      <header className="top-bar">
        <h1 className="page-title">Engine</h1>
        {reachable && (
          <span className="muted">
            {reachable.kind === 'podman' ? 'Podman' : 'Docker Engine'} {reachable.version} · <span className="mono">{reachable.host}</span>
          </span>
        )}
        <div className="top-bar-spacer" />
        <button type="button" className="button" onClick={() => void reload()} disabled={loading}>
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>
      <div className="page-body">
        <section className="content scroll engine" aria-label="Engine">
          {error && (
            <div className="form-error" role="alert">
              {error}
            </div>
          )}
          {info && !info.reachable && (
            <p className="engine-unreachable" role="status">
              {info.message}
            </p>
          )}
          {reachable && (
            <>
              <h2 className="engine-heading">
                Containers <span className="muted num">{containers.length}</span>
              </h2>
              {containers.length === 0 ? (
                <p className="muted">No containers.</p>
              ) : (
                <table className="engine-table" aria-label="Engine containers">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>Image</th>
                      <th>Command</th>
                      <th>Status</th>
                      <th aria-label="Actions" />
                    </tr>
                  </thead>
                  <tbody>
                    {containers.map((container) => (
                      <tr key={container.id} aria-label={container.name}>
                        <td className="engine-name">{container.name}</td>
                        <td className="mono">{container.image}</td>
                        <td className="mono engine-command" title={container.command}>{container.command}</td>
                        <td>
                          <span className={`engine-state state-${container.state}`}>{container.status}</span>
                        </td>
                        <td className="engine-actions">
                          <button
                            type="button"
                            className="button button-small"
                            disabled={offline}
                            onClick={() => openDialog({ kind: 'commit', source: { kind: 'container', id: container.id, name: container.name } })}
                          >
                            Commit…
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <h2 className="engine-heading">
                Images <span className="muted num">{images.length}</span>
              </h2>
              {images.length === 0 ? (
                <p className="muted">No images.</p>
              ) : (
                <table className="engine-table" aria-label="Engine images">
                  <thead>
                    <tr>
                      <th>Tags</th>
                      <th>Image ID</th>
                      <th>Created</th>
                      <th className="num">Size</th>
                      <th aria-label="Actions" />
                    </tr>
                  </thead>
                  <tbody>
                    {images.map((image) => {
                      const label = image.tags[0] ?? shortId(image.id);
                      return (
                        <tr key={image.id} aria-label={label}>
                          <td className="mono engine-name">{image.tags.length > 0 ? image.tags.join(', ') : <span className="muted">&lt;none&gt;</span>}</td>
                          <td className="mono">{shortId(image.id)}</td>
                          <td>{image.created ? <AgeText iso={image.created} /> : <span className="muted">—</span>}</td>
                          <td className="num">
                            <SizeText bytes={image.size} />
                          </td>
                          <td className="engine-actions">
                            <button
                              type="button"
                              className="button button-small"
                              disabled={offline}
                              aria-label={`Copy ${label} to Berth`}
                              onClick={() => void copyToBerth(image.tags[0] ?? image.id, label)}
                            >
                              Copy to Berth
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
