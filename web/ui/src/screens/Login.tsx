import { useState } from 'preact/hooks';
import { login } from '../api';

// The admin token is the one the server printed ("localnotion admin token: …") or the
// --admin-token it was given; it is kept in sessionStorage only.
export function Login(props: { onDone: () => void }) {
  const [token, setToken] = useState('');
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
            await login(token.trim());
            props.onDone();
          } catch (err: any) {
            setError(err.status === 401 ? 'That is not the admin token of this server.' : String(err.message ?? err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="login-title">localnotion</h1>
        <p>Log in with the admin token the server printed at start (<code>localnotion admin token: …</code>).</p>
        <label for="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autocomplete="off"
          required
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" disabled={busy}>Log in</button>
      </form>
    </main>
  );
}
