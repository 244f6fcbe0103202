import { useState } from 'preact/hooks';
import { login } from '../api';

// The admin token is the one the server printed ("localnotion admin token: …") or the
// --admin-token it was given, or the admin_token of a workspace (POST
// /_localnotion/workspaces, `localnotion workspace create`), which logs in to its own
// workspace. With the server's token a workspace ID (typed, or `?workspace=ID` in the
// address) picks a workspace other than the default one. Both are kept in sessionStorage
// only.
export function Login(props: { onDone: () => void }) {
  const [token, setToken] = useState('');
  const [workspace, setWorkspace] = useState(() => new URLSearchParams(location.search).get('workspace') ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <main class="login">
      <form
        aria-labelledby="login-title"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          try {
            await login(token.trim(), workspace.trim());
            props.onDone();
          } catch (err: any) {
            setError(String(err.message ?? err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="login-title">localnotion</h1>
        <p>
          Log in with the admin token the server printed at start (<code>localnotion admin token: …</code>), or
          with a workspace's <code>admin_token</code>.
        </p>
        <label for="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autocomplete="off"
          required
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
        <label for="workspace-id">Workspace ID (optional)</label>
        <input
          id="workspace-id"
          autocomplete="off"
          spellcheck={false}
          aria-describedby="workspace-help"
          value={workspace}
          onInput={(e) => setWorkspace((e.target as HTMLInputElement).value)}
        />
        <p id="workspace-help" class="help">Empty for the default workspace, or the admin token's own.</p>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" disabled={busy}>Log in</button>
      </form>
    </main>
  );
}
