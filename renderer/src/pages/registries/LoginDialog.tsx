// Log in to a registry: the login is checked by the registry before Berth saves it (`berth login`), and a refusal
// or an unreachable registry is shown here, the dialog staying open for another try.
import { useEffect, useRef, useState } from 'react';
import type { LoginResult } from '../../../../shared/api';
import { getBridge } from '../../bridge/index';
import { ConfirmButtons, Dialog } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';

interface LoginDialogProps {
  /** Filled in when logging in again to a registry already listed. */
  server?: string;
  username?: string;
  onClose(): void;
  onDone(result: LoginResult): void;
}

export function LoginDialog({ server: initialServer = '', username: initialUser = '', onClose, onDone }: LoginDialogProps) {
  const [server, setServer] = useState(initialServer);
  const [username, setUsername] = useState(initialUser);
  const [password, setPassword] = useState('');
  const { busy, error, run } = useDialogAction();
  const ready = username.trim() !== '' && password !== '';
  // The first empty field gets focus. After the frame: <dialog>.showModal() (the parent's effect, run after this
  // component's) would otherwise move it to the first field.
  const serverRef = useRef<HTMLInputElement>(null);
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const first = initialServer === '' ? serverRef : initialUser === '' ? userRef : passwordRef;
    const frame = requestAnimationFrame(() => first.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [initialServer, initialUser]);

  async function submit() {
    if (!ready) return;
    await run(async () => {
      const result = await getBridge().login(server.trim(), username.trim(), password);
      onDone(result);
    });
  }

  return (
    <Dialog
      title="Log in to a registry"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      actions={<ConfirmButtons onCancel={onClose} busy={busy} label="Log in" busyLabel="Checking…" tone="primary" disabled={!ready} />}
    >
      <div className="fields">
        <label className="field">
          <span className="field-label">Registry</span>
          <input
            type="text"
            className="mono"
            value={server}
            placeholder="docker.io"
            onChange={(event) => setServer(event.target.value)}
            ref={serverRef}
            spellCheck={false}
            autoCapitalize="off"
            aria-describedby="login-server-note"
          />
          <span id="login-server-note" className="muted small">
            Empty for Docker Hub; otherwise host[:port], such as registry.example.com or 127.0.0.1:5000.
          </span>
        </label>
        <label className="field">
          <span className="field-label">User name</span>
          <input
            type="text"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            ref={userRef}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="username"
          />
        </label>
        <label className="field">
          <span className="field-label">Password or access token</span>
          <input
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            ref={passwordRef}
            autoComplete="current-password"
            aria-invalid={error !== null}
          />
        </label>
      </div>
      <p className="muted small">
        The registry checks the login before Berth saves it, in a file only you can read, which the command line shares (
        <code>berth login</code>).
      </p>
    </Dialog>
  );
}
