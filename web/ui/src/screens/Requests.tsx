import { useEffect, useMemo, useState } from 'preact/hooks';
import { admin, followRequests } from '../api';

const KEEP = 1000;

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function errorMessage(entry: any): string | null {
  if (entry.status < 400) return null;
  try {
    const body = JSON.parse(entry.response_body);
    return body?.message ? `${body.code}: ${body.message}` : null;
  } catch {
    return null;
  }
}

// The request log live (GET /_localnotion/requests/stream, server-sent events). The log
// holds no headers and so no token; each entry shows its bodies as the server logged them.
export function Requests() {
  const [entries, setEntries] = useState<any[]>([]);
  const [status, setStatus] = useState<'connecting' | 'live' | 'error'>('connecting');
  const [error, setError] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [code, setCode] = useState('');
  const [integration, setIntegration] = useState('');
  useEffect(() => {
    let batch: any[] = [];
    let timer: number | null = null;
    const flush = () => {
      timer = null;
      const add = batch;
      batch = [];
      setEntries((es) => [...add.reverse(), ...es].slice(0, KEEP));
    };
    const stop = followRequests(
      (event, data) => {
        setStatus('live');
        if (event === 'cleared') {
          batch = [];
          setEntries([]);
        } else if (event === 'request') {
          batch.push(data);
          if (timer === null) timer = window.setTimeout(flush, 50);
        }
      },
      (e: any) => {
        setStatus('error');
        setError(String(e?.message ?? e));
      },
    );
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, []);
  const shown = useMemo(
    () =>
      entries.filter(
        (e) =>
          (!path || e.path.includes(path)) &&
          (!code || String(e.status).startsWith(code)) &&
          (!integration || (e.integration?.name ?? '').toLowerCase().includes(integration.toLowerCase())),
      ),
    [entries, path, code, integration],
  );
  const current = entries.find((e) => e.request_id === selected);
  return (
    <section class="requests" aria-labelledby="req-title">
      <h1 id="req-title">
        Requests <span class={`badge ${status}`} role="status">{status === 'live' ? '● live' : status}</span>
      </h1>
      {error && <p role="alert" class="error">{error}</p>}
      <form class="toolbar" aria-label="Filter requests" onSubmit={(e) => e.preventDefault()}>
        <label>Path <input value={path} onInput={(e) => setPath((e.target as HTMLInputElement).value)} placeholder="/v1/pages" /></label>
        <label>Status <input value={code} size={4} onInput={(e) => setCode((e.target as HTMLInputElement).value)} placeholder="4" /></label>
        <label>Integration <input value={integration} onInput={(e) => setIntegration((e.target as HTMLInputElement).value)} /></label>
        <span class="grow" />
        <button type="button" onClick={() => admin('DELETE', 'requests')}>Clear log</button>
      </form>
      <div class={current ? 'split with-detail' : 'split'}>
        <div class="log-wrap">
        <table class="log" aria-label="Request log">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Status</th>
              <th scope="col">Integration</th>
              <th scope="col">ms</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr
                key={e.request_id}
                data-request-id={e.request_id}
                class={`${e.status >= 400 ? 'failed' : ''} ${selected === e.request_id ? 'selected' : ''}`}
                onClick={() => setSelected(e.request_id)}
              >
                <td>{e.time.slice(11, 23)}</td>
                <td>{e.method}</td>
                <td class="path">
                  <button type="button" class="link" title={e.path} onClick={() => setSelected(e.request_id)}>{e.path}</button>
                </td>
                <td class="status">{e.status}</td>
                <td>{e.integration?.name ?? ''}</td>
                <td class="num">{e.latency_ms.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        {current && (
          <aside class="detail" aria-label="Request detail">
            <h2>
              {current.method} {current.path} → {current.status}
            </h2>
            {errorMessage(current) && <p class="error-message" role="note">{errorMessage(current)}</p>}
            <dl>
              <dt>Request id</dt>
              <dd>{current.request_id}</dd>
              <dt>Time</dt>
              <dd>{current.time}</dd>
              <dt>Integration</dt>
              <dd>{current.integration ? `${current.integration.name} (${current.integration.id})` : '—'}</dd>
              <dt>Notion-Version</dt>
              <dd>{current.notion_version ?? '—'}</dd>
              <dt>Latency</dt>
              <dd>{current.latency_ms.toFixed(2)} ms</dd>
            </dl>
            <h3>Request headers</h3>
            <Headers fields={current.request_headers} />
            <h3>Response headers</h3>
            <Headers fields={current.response_headers} />
            <h3>Request body</h3>
            <pre>{current.request_body ? pretty(current.request_body) : '(none)'}</pre>
            <h3>Response body</h3>
            <pre>{pretty(current.response_body)}</pre>
          </aside>
        )}
      </div>
    </section>
  );
}

// Header fields as the log shows them (the server never logs Authorization,
// Proxy-Authorization or Cookie); entries logged before headers were kept have none.
function Headers(props: { fields?: Record<string, string> }) {
  const names = Object.keys(props.fields ?? {});
  if (names.length === 0) return <p>(none)</p>;
  return (
    <dl class="headers">
      {names.map((name) => [<dt key={`${name}-name`}>{name}</dt>, <dd key={`${name}-value`}>{props.fields![name]}</dd>])}
    </dl>
  );
}
