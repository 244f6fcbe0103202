// Compiled by `npm run typecheck` in packed.sh: the package's .d.ts as a TypeScript user
// sees them (ESM, NodeNext resolution, strict).
import { connect, start, type RateLimitState, type Server, type StartOptions, type Workspace } from "localnotion";
import vitestSetup from "localnotion/vitest-setup";
import type { Client } from "@notionhq/client";

const options: StartOptions = { port: 0, seed: "grocery.json", token: "secret_x", args: ["--deterministic", "1"] };

export async function use(): Promise<void> {
  const ln: Server = await start(options);
  const notion: Client = ln.client({ timeoutMs: 1000 });
  await notion.users.me({});
  await ln.reset({ keep_integrations: false });
  const fixture = await ln.export();
  await ln.seed(fixture);
  const log = await ln.requests({ path: "/v1/pages/*", status: 400 });
  const first: number | undefined = log[0]?.status;
  const fault = await ln.fault({ method: "GET", path: "/v1/users/me", status: 429, count: 1, retry_after: 1 });
  const id: string = fault.id;
  await ln.clearFaults(id);
  const now: string = (await ln.clock(60000)).now;
  const limit: string = (await ln.rateLimit("180")).limit;
  await ln.rateLimit(600);
  await ln.rateLimit("notion");
  await ln.rateLimit("3/s");
  const state: RateLimitState = await ln.rateLimit();
  const ws: Workspace = await ln.workspace("worker");
  const read: "rate_limit" = (await ws.rateLimit()).object;
  // @ts-expect-error a workspace reads the server's limit but does not set it
  await ws.rateLimit("180");
  // @ts-expect-error not a spelling of --rate-limit
  await ln.rateLimit("fast");
  ws.client();
  await ws.delete();
  await ln.stop();
  connect("http://127.0.0.1:8787", "admin_x", { token: "ntn_x" });
  const teardown = await vitestSetup();
  await teardown();
  void first, now, limit, state, read;
}
