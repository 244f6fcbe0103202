import { useEffect, useState } from 'preact/hooks';
import { admin } from '../api';

// Webhook subscriptions and their deliveries (docs/webhooks.md): each delivery with its
// status, attempts and the exact request sent; redeliver one, or send what waits now.
export function Webhooks() {
  const [subs, setSubs] = useState<any[] | null>(null);
  const [deliveries, setDeliveries] = useState<any[]>([]);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const load = async () => {
    try {
      const [s, d] = await Promise.all([admin('GET', 'webhooks'), admin('GET', 'webhooks/deliveries?limit=200')]);
      setSubs(s.results ?? []);
      setDeliveries(d.results ?? []);
    } catch (e: any) {
      setError(e.message);
    }
  };
  useEffect(() => {
    load();
  }, []);
  const act = async (what: () => Promise<unknown>, done: string) => {
    setError('');
    try {
      await what();
      setMessage(done);
      await load();
    } catch (e: any) {
      setError(e.message);
    }
  };
  return (
    <section aria-labelledby="wh-title">
      <h1 id="wh-title">Webhooks</h1>
      <p role="status" class="message">{message}</p>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="row-form">
        <button type="button" onClick={load}>Refresh</button>
        <button type="button" onClick={() => act(() => admin('POST', 'webhooks/send_now'), 'Sent what was waiting.')}>
          Send now
        </button>
      </div>
      <h2>Subscriptions</h2>
      {subs === null ? (
        <p>Loading…</p>
      ) : subs.length === 0 ? (
        <p class="muted">No subscriptions (POST /_localnotion/webhooks, or localnotion webhook create).</p>
      ) : (
        <table class="plain" aria-label="Subscriptions">
          <thead>
            <tr><th scope="col">URL</th><th scope="col">State</th><th scope="col">Events</th><th scope="col">Version</th><th scope="col" /></tr>
          </thead>
          <tbody>
            {subs.map((s) => (
              <tr key={s.id}>
                <td>{s.url}</td>
                <td>{s.state}</td>
                <td>{(s.event_types ?? []).join(', ') || 'all'}</td>
                <td>{s.api_version}</td>
                <td>
                  {s.state === 'paused' ? (
                    <button type="button" onClick={() => act(() => admin('POST', `webhooks/${s.id}/resume`), 'Resumed.')}>Resume</button>
                  ) : (
                    <button type="button" onClick={() => act(() => admin('POST', `webhooks/${s.id}/pause`), 'Paused.')}>Pause</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Deliveries</h2>
      {deliveries.length === 0 ? (
        <p class="muted">No deliveries.</p>
      ) : (
        <table class="plain" aria-label="Deliveries">
          <thead>
            <tr><th scope="col">Created</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Answer</th><th scope="col">Request</th><th scope="col" /></tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} class={d.status === 'failed' ? 'failed' : ''}>
                <td>{d.created_time}</td>
                <td>{d.type}</td>
                <td>{d.status}</td>
                <td>{d.attempts}/{d.max_attempts}</td>
                <td>{d.response_status ?? ''} {d.error ? <span class="error">{d.error}</span> : null}</td>
                <td>
                  <details>
                    <summary>body</summary>
                    <pre>{d.request?.body}</pre>
                  </details>
                </td>
                <td>
                  <button type="button" onClick={() => act(() => admin('POST', `webhooks/${d.subscription_id}/deliveries/${d.id}/redeliver`), 'Redelivered.')}>
                    Redeliver
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
