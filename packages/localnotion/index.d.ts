// Types of the localnotion test helper (index.js).
import type { Client } from "@notionhq/client";

/** The options of new Client() (the SDK does not export their type by name). */
export type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

export interface StartOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** A fixture to start from: an object, or the path of a JSON file (docs/fixtures.md). */
  seed?: string | Record<string, unknown>;
  /** Store: a SQLite file path or a store URL (sqlite:PATH, memory:, postgresql://…); default a fresh SQLite file in a temporary folder. */
  db?: string;
  /** The integration token (default: the server's generated one). */
  token?: string;
  /** The admin token of /_localnotion/ (default: a random one). */
  adminToken?: string;
  /** More `serve` flags, e.g. ["--deterministic", "42"]. */
  args?: string[];
  /** More environment variables for the server process. */
  env?: Record<string, string>;
  /** The binary to run (default: LOCALNOTION_BIN, else the one this package carries). */
  bin?: string;
  /** How long to wait for the listening line (default 20000 ms). */
  startTimeoutMs?: number;
}

export interface RequestFilter {
  path?: string;
  status?: number;
  integration?: string;
}

/** One entry of the request log (README, "Test controls"). */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  [key: string]: unknown;
}

export interface FaultSpec {
  method?: string;
  path?: string;
  status?: number;
  code?: string;
  message?: string;
  count?: number;
  probability?: number;
  latency_ms?: number;
  retry_after?: number;
  rate_limit_reason?: string;
  exception?: boolean;
}

export type Fixture = Record<string, unknown>;

/**
 * A rate limit as `serve --rate-limit` spells it: "180" or "600" (Notion's per-connection
 * windows, requests per integration per 60 s), "N/min", "N/s", "notion" (3 a second, bursts
 * of 10) or "off". A number is requests per minute.
 */
export type RateLimitSpelling = "off" | "notion" | `${number}` | `${number}/min` | `${number}/s` | number;

/** GET /_localnotion/rate_limit: the limit as the server spells it back. */
export interface RateLimitState {
  object: "rate_limit";
  /** "off", "notion", "N/s" or "N/min" ("180" reads back as "180/min"). */
  limit: string;
}

/** An admin call that did not answer 2xx. */
export interface ControlError extends Error {
  status: number;
  body: unknown;
}

/** The test controls of one workspace. */
export declare class Controls {
  readonly baseUrl: string;
  readonly token: string | null;
  readonly adminToken: string;
  /** Any admin route under this workspace's prefix; throws a ControlError unless 2xx. */
  admin(method: string, route: string, body?: unknown): Promise<any>;
  /** @notionhq/client with auth and baseUrl set (a peer dependency). */
  client(options?: ClientOptions): Client;
  reset(options?: { keep_integrations?: boolean }): Promise<any>;
  seed(fixture: Fixture | string): Promise<{ status: string; counts: Record<string, number> }>;
  export(): Promise<Fixture>;
  requests(filter?: RequestFilter): Promise<LoggedRequest[]>;
  clearRequests(): Promise<any>;
  fault(spec: FaultSpec): Promise<FaultSpec & { id: string }>;
  faults(): Promise<Array<FaultSpec & { id: string }>>;
  clearFaults(id?: string): Promise<any>;
  health(): Promise<{ status: string }>;
}

/** A workspace made with Server.workspace() (docs/workspaces.md). */
export declare class Workspace extends Controls {
  readonly id: string;
  readonly name: string;
  clock(): Promise<{ object: "clock"; now: string; deterministic: boolean }>;
  /** Reads the server's rate limit (one for all workspaces; only Server.rateLimit(limit) sets it). */
  rateLimit(): Promise<RateLimitState>;
  delete(): Promise<any>;
}

export declare class Server extends Controls {
  /** The server's output (banner and log), last 200 lines. */
  output: string[];
  /** Read the clock; a number advances it (ms), a Date or ISO string sets it (needs --deterministic). */
  clock(arg?: number | Date | string | Record<string, unknown>): Promise<{ object: "clock"; now: string; deterministic: boolean }>;
  /**
   * Reads the rate limit of /v1, or sets it while the server runs and answers the new one (a
   * new limit starts every integration's budget afresh). One for the whole server; the admin
   * API is never limited. A spelling the server refuses throws a ControlError (400 validation_error).
   */
  rateLimit(limit?: RateLimitSpelling): Promise<RateLimitState>;
  workspace(name?: string | { name: string }): Promise<Workspace>;
  workspaces(): Promise<Array<Record<string, unknown>>>;
  /** Stops the server (SIGTERM) and removes its temporary store; for connect(), only forgets it. */
  stop(): Promise<void>;
}

/** Starts the server this package carries and resolves once it listens. */
export declare function start(options?: StartOptions): Promise<Server>;
/** A server already running; without arguments, the one the global setups exported. */
export declare function connect(baseUrl?: string, adminToken?: string, options?: { token?: string }): Server;
/** The native binary's path. */
export declare function binaryPath(): string;
/** The environment the global setups export for a server. */
export declare function environment(server: Server): {
  LOCALNOTION_BASE_URL: string;
  LOCALNOTION_ADMIN_TOKEN: string;
  NOTION_BASE_URL: string;
  NOTION_API_KEY: string;
};
