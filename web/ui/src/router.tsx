// The UI's screens are paths under /_localnotion/ui/ (the server answers index.html for
// each, src/http/ui.cc); moving between them uses the History API.
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/_localnotion/ui';

export function currentPath(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return p === '' ? '/' : p;
}

export function navigate(path: string) {
  history.pushState(null, '', BASE + path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const on = () => setPath(currentPath());
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return path;
}

export function Link(props: { to: string; children: any; class?: string; title?: string }) {
  return (
    <a
      href={BASE + props.to}
      class={props.class}
      title={props.title}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(props.to);
      }}
    >
      {props.children}
    </a>
  );
}
