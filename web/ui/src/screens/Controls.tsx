import { useEffect, useState } from 'preact/hooks';
import { admin, isServerToken, serverAdmin } from '../api';
import { RateLimit } from './RateLimit';

// The test knobs of the admin API: faults, the rate limit (RateLimit.tsx), reset, seed,
// export, the clock, integrations and their shares.
export function Controls(props: { onChanged: () => void }) {
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const run = async (what: () => Promise<string>) => {
    setError('');
    setMessage('');
    try {
      setMessage(await what());
    } catch (e: any) {
      setError(e.message ?? String(e));
    }
  };
  return (
    <section class="controls" aria-labelledby="controls-title">
      <h1 id="controls-title">Controls</h1>
      <p role="status" class="message">{message}</p>
      {error && <p role="alert" class="error">{error}</p>}
      <Faults run={run} />
      <RateLimit run={run} />
      <Workspace run={run} onChanged={props.onChanged} />
      <Clock run={run} />
      <Integrations run={run} />
    </section>
  );
}

export type Run = (what: () => Promise<string>) => Promise<void>;

function Faults(props: { run: Run }) {
  const [faults, setFaults] = useState<any[]>([]);
  const [method, setMethod] = useState('*');
  const [path, setPath] = useState('/v1/*');
  const [status, setStatus] = useState('429');
  const [count, setCount] = useState('1');
  const [retryAfter, setRetryAfter] = useState('1');
  const [latency, setLatency] = useState('0');
  const load = () => admin('GET', 'faults').then((l) => setFaults(l.results));
  useEffect(() => {
    load();
  }, []);
  return (
    <section aria-labelledby="faults-title" class="card">
      <h2 id="faults-title">Faults</h2>
      <form
        class="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          props.run(async () => {
            const body: any = { method, path };
            if (status) body.status = Number(status);
            if (count) body.count = Number(count);
            if (retryAfter && status === '429') body.retry_after = Number(retryAfter);
            if (Number(latency) > 0) body.latency_ms = Number(latency);
            await admin('POST', 'faults', body);
            await load();
            return 'Fault added.';
          });
        }}
      >
        <label>Method <input value={method} size={6} onInput={(e) => setMethod((e.target as HTMLInputElement).value)} /></label>
        <label>Path <input value={path} onInput={(e) => setPath((e.target as HTMLInputElement).value)} /></label>
        <label>Status <input value={status} size={4} onInput={(e) => setStatus((e.target as HTMLInputElement).value)} /></label>
        <label>Count <input value={count} size={3} onInput={(e) => setCount((e.target as HTMLInputElement).value)} /></label>
        <label>Retry-After (s) <input value={retryAfter} size={3} onInput={(e) => setRetryAfter((e.target as HTMLInputElement).value)} /></label>
        <label>Latency (ms) <input value={latency} size={5} onInput={(e) => setLatency((e.target as HTMLInputElement).value)} /></label>
        <button type="submit">Add fault</button>
      </form>
      <table aria-label="Active faults">
        <thead>
          <tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Status</th><th scope="col">Left</th><th scope="col">Latency</th><th scope="col"><span class="sr-only">Delete</span></th></tr>
        </thead>
        <tbody>
          {faults.length === 0 && (
            <tr><td colSpan={6} class="muted">No faults.</td></tr>
          )}
          {faults.map((f) => (
            <tr key={f.id}>
              <td>{f.method || '*'}</td>
              <td>{f.path}</td>
              <td>{f.status ?? ''} {f.code ?? ''}</td>
              <td>{f.count ?? '∞'}</td>
              <td>{f.latency_ms ?? 0} ms</td>
              <td>
                <button
                  type="button"
                  aria-label={`Delete the fault on ${f.method || '*'} ${f.path}`}
                  onClick={() =>
                    props.run(async () => {
                      await admin('DELETE', `faults/${f.id}`);
                      await load();
                      return 'Fault deleted.';
                    })
                  }
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={load}>Refresh</button>{' '}
      <button
        type="button"
        onClick={() =>
          props.run(async () => {
            await admin('DELETE', 'faults');
            await load();
            return 'Faults cleared.';
          })
        }
      >
        Delete all faults
      </button>
    </section>
  );
}

function Workspace(props: { run: Run; onChanged: () => void }) {
  const [keep, setKeep] = useState(true);
  return (
    <section aria-labelledby="ws-title" class="card">
      <h2 id="ws-title">Workspace</h2>
      <div class="row-form">
        <label><input type="checkbox" checked={keep} onChange={(e) => setKeep((e.target as HTMLInputElement).checked)} /> keep integrations</label>
        <button
          type="button"
          onClick={() =>
            confirm('Empty the whole workspace?') &&
            props.run(async () => {
              await admin('POST', 'reset', { keep_integrations: keep });
              props.onChanged();
              return 'The workspace was reset.';
            })
          }
        >
          Reset workspace
        </button>
      </div>
      <div class="row-form">
        <label>
          Seed from a fixture file{' '}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (!file) return;
              props.run(async () => {
                const answer = await admin('POST', 'seed', await file.text());
                props.onChanged();
                return `Seeded: ${Object.entries(answer.counts).map(([k, n]) => `${n} ${k}`).join(', ')}.`;
              });
            }}
          />
        </label>
      </div>
      <div class="row-form">
        <button
          type="button"
          onClick={() =>
            props.run(async () => {
              const fixture = await admin('GET', 'export');
              const blob = new Blob([JSON.stringify(fixture, null, 2)], { type: 'application/json' });
              const a = document.createElement('a');
              a.href = URL.createObjectURL(blob);
              a.download = 'localnotion-export.json';
              a.click();
              URL.revokeObjectURL(a.href);
              return 'Exported to localnotion-export.json.';
            })
          }
        >
          Export to a file
        </button>
      </div>
    </section>
  );
}

function Clock(props: { run: Run }) {
  const [clock, setClock] = useState<any>(null);
  const [advance, setAdvance] = useState('60000');
  const load = () => admin('GET', 'clock').then(setClock);
  useEffect(() => {
    load();
  }, []);
  return (
    <section aria-labelledby="clock-title" class="card">
      <h2 id="clock-title">Clock</h2>
      <p>
        Now: <time>{clock?.now}</time> {clock && (clock.deterministic ? '(deterministic)' : '(system clock)')}
      </p>
      {clock?.deterministic && !isServerToken() && (
        <p class="note">The clock is the server's, one for all its workspaces: only the server's admin token moves it.</p>
      )}
      {clock?.deterministic && isServerToken() && (
        <form
          class="row-form"
          onSubmit={(e) => {
            e.preventDefault();
            props.run(async () => {
              setClock(await serverAdmin('POST', 'clock', { advance_ms: Number(advance) }));
              return 'Clock advanced.';
            });
          }}
        >
          <label>Advance (ms) <input value={advance} onInput={(e) => setAdvance((e.target as HTMLInputElement).value)} /></label>
          <button type="submit">Advance</button>
        </form>
      )}
    </section>
  );
}

function Integrations(props: { run: Run }) {
  const [list, setList] = useState<any[]>([]);
  const load = () => admin('GET', 'integrations').then((l) => setList(l.results ?? l));
  useEffect(() => {
    load();
  }, []);
  return (
    <section aria-labelledby="int-title" class="card">
      <h2 id="int-title">Integrations</h2>
      <table aria-label="Integrations">
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Capabilities</th><th scope="col">Shares</th><th scope="col" /></tr>
        </thead>
        <tbody>
          {list.map((i) => (
            <IntegrationRow key={i.id} integration={i} run={props.run} reload={load} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function IntegrationRow(props: { integration: any; run: Run; reload: () => Promise<void> }) {
  const i = props.integration;
  const [caps, setCaps] = useState<string>(i.capabilities ?? '');
  const [share, setShare] = useState('');
  return (
    <tr>
      <td>{i.name}</td>
      <td>
        <input aria-label={`Capabilities of ${i.name}`} value={caps} onInput={(e) => setCaps((e.target as HTMLInputElement).value)} />
        <button
          type="button"
          onClick={() =>
            props.run(async () => {
              await admin('PATCH', `integrations/${i.id}`, { capabilities: caps });
              await props.reload();
              return `Capabilities of ${i.name} saved.`;
            })
          }
        >
          Save
        </button>
      </td>
      <td>
        <ul class="shares">
          {(i.shares ?? []).map((s: any) => {
            const id = typeof s === 'string' ? s : s.object_id ?? s.id;
            return (
              <li key={id}>
                {id}{' '}
                <button
                  type="button"
                  aria-label={`Unshare ${id} from ${i.name}`}
                  onClick={() =>
                    props.run(async () => {
                      await admin('DELETE', `integrations/${i.id}/shares/${encodeURIComponent(id)}`);
                      await props.reload();
                      return 'Share removed.';
                    })
                  }
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
        <input aria-label={`Share with ${i.name}`} placeholder="object id or workspace" value={share} onInput={(e) => setShare((e.target as HTMLInputElement).value)} />
        <button
          type="button"
          onClick={() =>
            props.run(async () => {
              await admin('POST', `integrations/${i.id}/shares`, { object_id: share });
              setShare('');
              await props.reload();
              return 'Shared.';
            })
          }
        >
          Share
        </button>
      </td>
      <td />
    </tr>
  );
}
