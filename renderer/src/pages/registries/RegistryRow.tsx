// One registry with a login: who, from where, and its actions — Test connection, Log out (Berth's own logins; a
// login from docker's config is docker's to remove), Log in again after a refusal.
import type { RegistryLogin } from '../../../../shared/api';
import { Icon } from '../../components/Icon';
import { useActionsDisabled } from '../../state/store';
import { dockerLogoutCommand, registryLabel, sourceLabel } from './registry-words';
import type { TestState } from './useRegistries';

interface RegistryRowProps {
  login: RegistryLogin;
  test: TestState | undefined;
  loggingOut: boolean;
  onTest(): void;
  onLogout(): void;
  onLoginAgain(): void;
}

export function RegistryRow({ login, test, loggingOut, onTest, onLogout, onLoginAgain }: RegistryRowProps) {
  const offline = useActionsDisabled();
  const label = registryLabel(login.registry);
  const refused = test?.kind === 'done' && test.result.credentials === 'refused';
  return (
    <li className="registry" aria-label={label}>
      <div className="registry-head">
        <Icon name="key" size={16} />
        <span className="registry-name">{label}</span>
        {label !== login.registry && <span className="muted mono small">{login.registry}</span>}
        <span className={`registry-source source-${login.source}`}>{sourceLabel(login)}</span>
        <span className="top-bar-spacer" />
        <button type="button" className="button button-small" onClick={onTest} disabled={offline || test?.kind === 'testing'}>
          {test?.kind === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        {(refused || login.problem) && (
          <button type="button" className="button button-small" onClick={onLoginAgain} disabled={offline}>
            Log in again
          </button>
        )}
        {login.source === 'berth' && (
          <button type="button" className="button button-small" onClick={onLogout} disabled={offline || loggingOut}>
            {loggingOut ? 'Logging out…' : 'Log out'}
          </button>
        )}
      </div>
      <div className="registry-detail small">
        {login.username ? (
          <span>
            Logged in as <strong>{login.username}</strong>
          </span>
        ) : (
          <span className="muted">User name not known</span>
        )}
        <span className="muted">
          {' · '}
          {login.source === 'berth' ? 'saved in ' : 'from '}
          <span className="mono">{login.location}</span>
        </span>
      </div>
      {login.source !== 'berth' && (
        <div className="muted small">
          Berth uses this login but does not change docker's files: log out with <code>{dockerLogoutCommand(login.registry)}</code>, or log in here to
          use another account with Berth.
        </div>
      )}
      {login.problem && (
        <div className="check-problems small" role="alert">
          {login.problem}
        </div>
      )}
      {test && test.kind !== 'testing' && <TestResult test={test} />}
    </li>
  );
}

function TestResult({ test }: { test: Exclude<TestState, { kind: 'testing' }> }) {
  const good = test.kind === 'done' && (test.result.credentials === 'accepted' || test.result.credentials === 'not-needed');
  const message = test.kind === 'done' ? test.result.message : test.message;
  return (
    <div role="status" className={`registry-test small ${good ? 'check-ok' : 'check-problems'}`}>
      <Icon name={good ? 'check' : 'alert'} size={14} />
      <span>{message}</span>
    </div>
  );
}
