import { useEffect, useState } from 'preact/hooks';
import { admin, isServerToken, serverAdmin } from '../api';
import { describeRateLimit } from '../notion';
import type { Run } from './Controls';

// The server's rate limit (GET and POST /_localnotion/rate_limit): what it is now, and
// set it to any spelling `serve --rate-limit` takes. A new limit starts every
// integration's budget afresh. It limits /v1 only, the UI's own integration included;
// the admin API that this screen uses is never limited. The limit is one for the whole
// server: a session with a workspace's admin token reads it (through the workspace's
// prefix) but cannot set it, since only the server's admin token does.
export function RateLimit(props: { run: Run }) {
  const [current, setCurrent] = useState<string | null>(null);
  const [limit, setLimit] = useState('');
  useEffect(() => {
    admin('GET', 'rate_limit').then((r) => setCurrent(r.limit), () => {});
  }, []);
  const set = (value: string) =>
    props.run(async () => {
      const r = await serverAdmin('POST', 'rate_limit', { limit: value });
      setCurrent(r.limit);
      return `Rate limit set to ${r.limit}.`;
    });
  return (
    <section aria-labelledby="rate-title" class="card">
      <h2 id="rate-title">Rate limit</h2>
      <p>
        Now: <strong class="rate-now">{current === null ? '…' : describeRateLimit(current)}</strong>
      </p>
      {isServerToken() ? (
        <form
          class="row-form"
          onSubmit={(e) => {
            e.preventDefault();
            set(limit.trim());
          }}
        >
          <label>
            Limit{' '}
            <input
              value={limit}
              list="rate-limits"
              placeholder="180, 600, N/min, N/s, notion, off"
              onInput={(e) => setLimit((e.target as HTMLInputElement).value)}
            />
          </label>
          <datalist id="rate-limits">
            <option value="180">180 a minute (Notion's usual limit)</option>
            <option value="600">600 a minute (Business and Enterprise)</option>
            <option value="notion">3 a second, bursts of 10 (Notion's older rule)</option>
            <option value="off">no limit</option>
          </datalist>
          <button type="submit">Set rate limit</button>
          <button type="button" onClick={() => set('off')} disabled={current === 'off'}>
            Turn off
          </button>
        </form>
      ) : (
        <p class="note">It is the server's, one for all its workspaces: only the server's admin token sets it.</p>
      )}
    </section>
  );
}
