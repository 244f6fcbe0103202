// How the UI talks to the server: the admin API under /_localnotion/ with the admin token
// the person logs in with, and /v1 like any integration, with the token of an integration
// the UI creates for itself through the admin API ("localnotion web UI <tab>", shared
// with the whole workspace; one per browser tab, so that two tabs never replace each
// other's token; logging out deletes it). Both tokens live in sessionStorage: they go when
// the tab closes.
//
// A session acts on one workspace (docs/workspaces.md): the default one, or the one named
// at login. A workspace's own admin token can only log in to its workspace; the server's
// admin token can log in to the default one or to any other named. Every admin call of a
// session in a named workspace goes through /_localnotion/workspaces/{id}/, and the UI's
// integration is made there, so its /v1 calls reach that workspace only.

export const NOTION_VERSION = '2022-06-28';
export const UI_INTEGRATION = 'localnotion web UI';

const ADMIN_KEY = 'localnotion.admin_token';
const API_KEY = 'localnotion.ui_token';
const WORKSPACE_KEY = 'localnotion.workspace';
const SERVER_TOKEN_KEY = 'localnotion.server_token';

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string) {
    super(message);
  }
}

export function adminToken(): string | null {
  return sessionStorage.getItem(ADMIN_KEY);
}

// The workspace this session acts on when it is not the default one.
export interface SessionWorkspace {
  id: string;
  name: string;
}

export function sessionWorkspace(): SessionWorkspace | null {
  const kept = sessionStorage.getItem(WORKSPACE_KEY);
  return kept ? (JSON.parse(kept) as SessionWorkspace) : null;
}

// Whether the session's token is the server's admin token (which alone sets the rate
// limit and the clock, both one per server) rather than a workspace's own. A session kept
// from before workspace logins has no mark, and had the server's token.
export function isServerToken(): boolean {
  return sessionStorage.getItem(SERVER_TOKEN_KEY) !== '0';
}

const NAME_KEY = 'localnotion.ui_integration';

function integrationName(): string {
  let name = sessionStorage.getItem(NAME_KEY);
  if (!name) {
    const tab = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
    name = `${UI_INTEGRATION} ${tab}`;
    sessionStorage.setItem(NAME_KEY, name);
  }
  return name;
}

export async function logout() {
  const name = sessionStorage.getItem(NAME_KEY);
  if (name && sessionStorage.getItem(API_KEY)) {
    await admin('DELETE', `integrations/${encodeURIComponent(name)}`).catch(() => {});
  }
  for (const key of [ADMIN_KEY, API_KEY, WORKSPACE_KEY, SERVER_TOKEN_KEY]) sessionStorage.removeItem(key);
}

async function answer(res: Response): Promise<any> {
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, 'not_json', text.slice(0, 200));
  }
  if (!res.ok) throw new ApiError(res.status, body?.code ?? 'error', body?.message ?? res.statusText);
  return body;
}

// The URL of the admin route `path` in the session's workspace.
function adminUrl(path: string, workspace = sessionWorkspace()): string {
  return workspace ? `/_localnotion/workspaces/${encodeURIComponent(workspace.id)}/${path}` : `/_localnotion/${path}`;
}

async function call(method: string, url: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return answer(res);
}

// An admin call in the session's workspace.
export function admin(method: string, path: string, body?: unknown): Promise<any> {
  return call(method, adminUrl(path), adminToken(), body);
}

// An admin call on the server as a whole (the rate limit, the clock): no workspace
// prefix, and only the server's admin token is taken.
export function serverAdmin(method: string, path: string, body?: unknown): Promise<any> {
  return call(method, `/_localnotion/${path}`, adminToken(), body);
}

// Why a login was refused, in words for the login form.
export class LoginError extends Error {}

// A workspace id as the admin API answers it (a UUID, with or without dashes). Checked
// before it goes into a URL, where ".." would name another route.
const WORKSPACE_ID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

// Checks the admin token (and the workspace, when one is named) and keeps them. GET
// /_localnotion/token says whose token it is: the server's, which acts on the default
// workspace or on any one named; or a workspace's, which acts on its own workspace only
// (found without an ID; an ID of another workspace is refused). A wrong token, an ID that
// is no UUID or an unknown workspace is a LoginError.
export async function login(token: string, workspaceId = '') {
  const whose = await call('GET', '/_localnotion/token', token).catch((e: ApiError) => {
    if (e.status === 401) throw new LoginError('That is not the admin token of this server.');
    throw e;
  });
  let found = whose.workspace;
  if (workspaceId) {
    if (!WORKSPACE_ID.test(workspaceId)) throw new LoginError('That is not a workspace ID (a UUID).');
    found = await call('GET', `/_localnotion/workspaces/${workspaceId}`, token).catch((e: ApiError) => {
      if (e.status === 403) throw new LoginError('That admin token is not the one of this workspace.');
      if (e.status === 404) throw new LoginError('This server has no workspace with that ID.');
      throw e;
    });
  }
  // The default workspace is the one the routes without a prefix act on.
  const workspace: SessionWorkspace | null = found.default ? null : { id: found.id, name: found.name };
  sessionStorage.setItem(ADMIN_KEY, token);
  sessionStorage.setItem(SERVER_TOKEN_KEY, whose.scope === 'server' ? '1' : '0');
  if (workspace) sessionStorage.setItem(WORKSPACE_KEY, JSON.stringify(workspace));
  else sessionStorage.removeItem(WORKSPACE_KEY);
  sessionStorage.removeItem(API_KEY);
}

// The UI's own integration: created (and shared with the workspace) when the session has
// no working token, e.g. after a login, a seed or a reset that dropped integrations.
let pending: Promise<string> | null = null;
async function integrationToken(fresh: boolean): Promise<string> {
  const kept = sessionStorage.getItem(API_KEY);
  if (kept && !fresh) return kept;
  if (!pending) {
    pending = (async () => {
      const name = integrationName();
      // This tab's integration may exist without a token the tab knows (a page reload
      // while it was being made) or with one that stopped working: make it anew.
      await admin('DELETE', `integrations/${encodeURIComponent(name)}`).catch(() => {});
      const made = await admin('POST', 'integrations', {
        name,
        capabilities: 'read,update,insert,comments,users:email',
      });
      await admin('POST', `integrations/${made.id}/shares`, { object_id: 'workspace' });
      sessionStorage.setItem(API_KEY, made.token);
      return made.token as string;
    })().finally(() => {
      pending = null;
    });
  }
  return pending;
}

// A /v1 call; a 401 (the integration was removed by a seed or reset) makes a new one once.
export async function v1(method: string, path: string, body?: unknown): Promise<any> {
  for (let attempt = 0; ; attempt++) {
    const token = await integrationToken(attempt > 0);
    const res = await fetch(`/v1/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'notion-version': NOTION_VERSION,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 401 && attempt === 0) continue;
    return answer(res);
  }
}

// Every page of a paginated /v1 list (GET with start_cursor in the query, or POST with it
// in the body), `onPage` called as each arrives.
export async function collect(
  method: 'GET' | 'POST',
  path: string,
  body: Record<string, unknown> = {},
  onPage?: (results: any[]) => void,
  limit = Infinity,
): Promise<any[]> {
  const all: any[] = [];
  let cursor: string | undefined;
  do {
    let page: any;
    if (method === 'GET') {
      const sep = path.includes('?') ? '&' : '?';
      page = await v1('GET', `${path}${sep}page_size=100${cursor ? `&start_cursor=${cursor}` : ''}`);
    } else {
      page = await v1('POST', path, { ...body, page_size: 100, ...(cursor ? { start_cursor: cursor } : {}) });
    }
    all.push(...page.results);
    onPage?.(page.results);
    cursor = page.has_more ? page.next_cursor : undefined;
  } while (cursor && all.length < limit);
  return all;
}

// The live request log (GET /_localnotion/requests/stream): server-sent events read
// with fetch, since EventSource cannot send the admin token in a header.
export function followRequests(onEvent: (event: string, data: any) => void, onError: (e: unknown) => void) {
  const abort = new AbortController();
  (async () => {
    const res = await fetch(adminUrl('requests/stream'), {
      headers: { authorization: `Bearer ${adminToken()}` },
      signal: abort.signal,
    });
    if (!res.ok || !res.body) throw new ApiError(res.status, 'stream', `the request log stream answered ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser(onEvent);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
  })().catch((e) => {
    if (!abort.signal.aborted) onError(e);
  });
  return () => abort.abort();
}

// The event-stream format (https://html.spec.whatwg.org/multipage/server-sent-events.html):
// lines `field: value`, an empty line ends an event; lines starting with ':' are comments.
export class SseParser {
  private buffer = '';
  private event = 'message';
  private data: string[] = [];
  constructor(private onEvent: (event: string, data: any) => void) {}

  push(chunk: string) {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      this.line(line);
    }
  }

  private line(line: string) {
    if (line === '') {
      if (this.data.length) {
        const text = this.data.join('\n');
        let data: any = text;
        try {
          data = JSON.parse(text);
        } catch {
          /* plain text data */
        }
        this.onEvent(this.event, data);
      }
      this.event = 'message';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}
