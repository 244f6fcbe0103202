import { useEffect, useState } from 'preact/hooks';
import { adminToken, logout, sessionWorkspace } from './api';
import { Link, navigate, usePath } from './router';
import { Login } from './screens/Login';
import { Sidebar } from './screens/Sidebar';
import { DatabaseView } from './screens/Database';
import { PageView } from './screens/Page';
import { Requests } from './screens/Requests';
import { Controls } from './screens/Controls';
import { Webhooks } from './screens/Webhooks';

type Theme = 'light' | 'dark';

function useTheme(): [Theme, () => void] {
  const initial = (localStorage.getItem('localnotion.theme') as Theme | null) ??
    (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const [theme, setTheme] = useState<Theme>(initial);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('localnotion.theme', theme);
  }, [theme]);
  return [theme, () => setTheme(theme === 'dark' ? 'light' : 'dark')];
}

export function App() {
  const [loggedIn, setLoggedIn] = useState(!!adminToken());
  const [theme, toggleTheme] = useTheme();
  const [treeVersion, setTreeVersion] = useState(0);
  const path = usePath();
  if (!loggedIn) return <Login onDone={() => setLoggedIn(true)} />;
  // The workspace the session acts on (api.ts): named in the header and the welcome.
  const workspace = sessionWorkspace();

  let main;
  let m;
  if ((m = path.match(/^\/databases\/([^/]+)/))) main = <DatabaseView id={m[1]} />;
  else if ((m = path.match(/^\/pages\/([^/]+)/))) main = <PageView id={m[1]} />;
  else if (path.startsWith('/requests')) main = <Requests />;
  else if (path.startsWith('/webhooks')) main = <Webhooks />;
  else if (path.startsWith('/controls')) main = <Controls onChanged={() => setTreeVersion((v) => v + 1)} />;
  else
    main = (
      <section aria-labelledby="welcome">
        <h1 id="welcome">{workspace ? `Workspace ${workspace.name}` : 'Workspace'}</h1>
        <p>Choose a page or a database on the left, follow the <Link to="/requests">requests</Link> live, or use the{' '}
          <Link to="/controls">controls</Link>.</p>
      </section>
    );
  const tab = (to: string, label: string) => (
    <Link to={to} class={path.startsWith(to) ? 'tab active' : 'tab'}>{label}</Link>
  );
  return (
    <div class="shell">
      <header class="top">
        <Link to="/" class="brand">localnotion</Link>
        {workspace && (
          <span class="workspace-name" title={`workspace ${workspace.id}`}>
            {workspace.name}
          </span>
        )}
        <nav aria-label="Screens">
          {tab('/workspace', 'Workspace')}
          {tab('/requests', 'Requests')}
          {tab('/controls', 'Controls')}
          {tab('/webhooks', 'Webhooks')}
        </nav>
        <span class="grow" />
        <button type="button" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
        <button
          type="button"
          onClick={async () => {
            await logout();
            setLoggedIn(false);
            navigate('/');
          }}
        >
          Log out
        </button>
      </header>
      <div class="body">
        <Sidebar version={treeVersion} current={path} />
        <main id="main">{main}</main>
      </div>
    </div>
  );
}
