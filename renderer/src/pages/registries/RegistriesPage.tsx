// The registries Berth has a login for — its own (`berth login`) and those docker's config gives — with Log in,
// Log out and Test connection. Secrets never reach this page: only user names and where each login lives.
import { useState } from 'react';
import type { LoginResult } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { Icon } from '../../components/Icon';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { LoginDialog } from './LoginDialog';
import { RegistryRow } from './RegistryRow';
import { dockerLogoutCommand, registryLabel } from './registry-words';
import { useRegistries } from './useRegistries';

type LoginTarget = { server?: string; username?: string } | null;

export function RegistriesPage() {
  const pushToast = useAppStore((state) => state.pushToast);
  const offline = useActionsDisabled();
  const { logins, error, tests, reload, test, forgetTest } = useRegistries();
  const [loginTarget, setLoginTarget] = useState<LoginTarget>(null);
  const [loggingOut, setLoggingOut] = useState<string | null>(null);

  async function loggedIn(result: LoginResult) {
    setLoginTarget(null);
    forgetTest(result.registry);
    pushToast({ tone: 'success', message: `Logged in to ${registryLabel(result.registry)} as ${result.username}` });
    await reload();
  }

  async function logout(registry: string) {
    setLoggingOut(registry);
    try {
      const result = await getBridge().logout(registry);
      forgetTest(registry);
      const label = registryLabel(registry);
      if (result.remaining) {
        pushToast({
          tone: 'info',
          message: `Logged out of ${label} in Berth`,
          detail: `Docker's config still logs in${result.remaining.username ? ` as ${result.remaining.username}` : ''}; Berth uses it until you run ${dockerLogoutCommand(registry)}.`,
        });
      } else {
        pushToast({ tone: 'success', message: result.removed ? `Logged out of ${label}` : `Not logged in to ${label}` });
      }
    } catch (err) {
      pushToast({ tone: 'error', message: `Could not log out of ${registryLabel(registry)}`, detail: toErrorPayload(err).message });
    } finally {
      setLoggingOut(null);
      await reload();
    }
  }

  return (
    <div className="page">
      <header className="top-bar">
        <h1 className="page-title">Registries</h1>
        {logins && logins.length > 0 && (
          <span className="muted">
            {logins.length} {logins.length === 1 ? 'login' : 'logins'}
          </span>
        )}
        <div className="top-bar-spacer" />
        <button type="button" className="button button-primary" onClick={() => setLoginTarget({})} disabled={offline}>
          Log in…
        </button>
      </header>
      <div className="page-body">
        <section className="content scroll registries" aria-label="Registries">
          {error && (
            <div className="form-error" role="alert">
              {error}
            </div>
          )}
          {logins && logins.length === 0 && !error && (
            <div className="empty">
              <Icon name="key" size={36} />
              <h2>No registry logins</h2>
              <p>Log in to pull private images. Logins made with <code>docker login</code> show here too, and Berth uses them.</p>
              <button type="button" className="button button-primary" onClick={() => setLoginTarget({})} disabled={offline}>
                Log in…
              </button>
            </div>
          )}
          {logins && logins.length > 0 && (
            <>
              <p className="muted small registries-intro">
                Pulls use these logins: Berth's own first, then docker's (<code>~/.docker/config.json</code> and its credential helpers). The command
                line shares them: <code>berth login</code>, <code>berth logout</code>.
              </p>
              <ul className="registry-list">
                {logins.map((login) => (
                  <RegistryRow
                    key={login.registry}
                    login={login}
                    test={tests[login.registry]}
                    loggingOut={loggingOut === login.registry}
                    onTest={() => void test(login.registry)}
                    onLogout={() => void logout(login.registry)}
                    onLoginAgain={() => setLoginTarget({ server: login.registry === 'docker.io' ? '' : login.registry, username: login.username ?? '' })}
                  />
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      {loginTarget && <LoginDialog {...loginTarget} onClose={() => setLoginTarget(null)} onDone={(result) => void loggedIn(result)} />}
    </div>
  );
}
