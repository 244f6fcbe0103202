// The localnotion command line. Flag parsing only; the work is in the libraries.
//   localnotion serve [--host ADDR] [--port N] [--db URL] [--shard URL]... [--shard-map FILE] [--token TOKEN]...
//                     [--seed FILE] [--deterministic SEED]
//   localnotion export [--db URL] [--out FILE]
//   localnotion pull [--from URL] [--token T] --out FILE [--rate N] [--max-retries N] [--max-file-bytes N]
//   localnotion migrate [--db URL]
//   localnotion integration create --name N [--capabilities LIST] | list | delete NAME_OR_ID
//   localnotion share|unshare --integration N (--page ID | --database ID | --workspace)
//   localnotion webhook create --integration N --url URL [--events LIST] [--api-version V] | list | verify ID --token T
//   | delete ID
//   localnotion workspace create --name N | list | delete ID   [--db URL] [--shard URL]... [--shard-map FILE]
#include <sys/stat.h>
#include <CLI/CLI.hpp>

#include <optional>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "common/uuid.h"

#include "cli/pull.h"
#include "cli/store_lock.h"

#include "http/server.h"
#include "http/url_fetcher.h"
#include "http/webhook_client.h"
#include "service/admin/admin.h"
#include "service/oauth/oauth.h"
#include "service/service.h"
#include "service/uploads/import.h"
#include "service/webhooks/dispatcher.h"
#include "service/webhooks/webhooks.h"
#include "service/workspaces/workspaces.h"
#include "storage/shard_map.h"
#include "storage/store.h"

namespace {

// Where the deterministic clock starts (serve --deterministic; docs/compat.md).
constexpr const char* kDeterministicStart = "2025-01-01T00:00:00.000Z";

// The extra serve flags of the test controls.
struct TestControls {
  std::string seed_file;                  // --seed FILE: replaces the workspace at start
  std::optional<uint64_t> deterministic;  // --deterministic SEED
  bool page_history = true;               // off with --no-page-history
};

// Reads and applies `path` as a fixture (docs/fixtures.md); prints why not.
bool SeedFromFile(localnotion::storage::Store& store, localnotion::service::ServiceState& state,
                  const std::string& path) {
  using namespace localnotion;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "localnotion: cannot read the fixture %s\n", path.c_str());
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto fixture = ParseJson(text.str());
  if (!fixture) {
    std::fprintf(stderr, "localnotion: the fixture %s is not valid JSON\n", path.c_str());
    return false;
  }
  auto seeded = service::RunInTxn(store, state, storage::TxnMode::kWrite, [&](service::Context& ctx) -> Result<bool> {
    LN_RETURN_IF_ERROR(service::admin::SeedFixture(ctx, *fixture));
    return true;
  });
  if (!seeded.ok()) {
    std::fprintf(stderr, "localnotion: cannot seed %s: %s\n", path.c_str(), seeded.error().message.c_str());
    return false;
  }
  return true;
}

int Export(const std::string& db_url, const std::string& out_path) {
  using namespace localnotion;
  constexpr std::string_view kSqlite = "sqlite:";
  if (db_url.rfind(kSqlite, 0) == 0 && !std::filesystem::exists(db_url.substr(kSqlite.size()))) {
    std::fprintf(stderr, "localnotion: no store at %s\n", db_url.c_str());
    return 1;
  }
  auto store = storage::OpenStore(db_url);
  if (!store.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", store.error().message.c_str());
    return 1;
  }
  service::ServiceState state;
  auto exported = service::RunInTxn(**store, state, storage::TxnMode::kRead,
                                    [&](service::Context& ctx) { return service::admin::ExportFixture(ctx); });
  if (!exported.ok()) {
    std::fprintf(stderr, "localnotion: cannot export: %s\n", exported.error().message.c_str());
    return 1;
  }
  std::string text = SerializeJson(*exported) + "\n";
  if (out_path.empty() || out_path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.good()) {
    std::fprintf(stderr, "localnotion: cannot write %s\n", out_path.c_str());
    return 1;
  }
  return 0;
}

// The access log flags of serve (http/access_log.h).
struct LogFlags {
  std::string format = "text";  // --log-format
  std::string level = "info";   // --log-level
};

// The name and id of the workspace, for the start banner ("" when unknown).
std::string WorkspaceLabel(localnotion::storage::Store& store, localnotion::service::ServiceState& state) {
  using namespace localnotion;
  auto label =
      service::RunInTxn(store, state, storage::TxnMode::kRead, [&](service::Context& ctx) -> Result<std::string> {
        LN_ASSIGN_OR_RETURN(auto name, ctx.store().GetMeta("workspace_name"));
        LN_ASSIGN_OR_RETURN(auto id, ctx.store().GetMeta("workspace_id"));
        return name.value_or("") + (id ? " (" + *id + ")" : std::string());
      });
  return label.ok() ? *label : std::string();
}

int Serve(const std::string& host, int port, const std::string& db_url, const std::vector<std::string>& shard_urls,
          std::vector<std::string> tokens, const std::string& admin_token_flag, const std::string& rate_limit_flag,
          int client_timeout_ms, const TestControls& controls,
          const localnotion::service::ServiceOptions& service_options, int workers, const LogFlags& logs) {
  using namespace localnotion;
  auto log_format = http::ParseLogFormat(logs.format);
  auto log_level = http::ParseLogLevel(logs.level);
  if (!log_format.ok() || !log_level.ok()) {
    std::fprintf(stderr, "localnotion: %s\n",
                 (!log_format.ok() ? log_format.error() : log_level.error()).message.c_str());
    return 2;
  }
  // One server per store file, taken before the store is opened or seeded.
  auto lock = cli::StoreLock::Acquire(db_url);
  if (!lock.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", lock.error().message.c_str());
    return 1;
  }
  if (controls.deterministic) {
    // Before anything creates an id or reads the clock (the bootstrap does both).
    SeedIdGenerator(*controls.deterministic);
    UseManualClock(*ParseIso8601(kDeterministicStart));
  }
  if (const char* env = std::getenv("LOCALNOTION_TOKEN"); env && *env) tokens.emplace_back(env);
  auto rate_limit = http::ParseRateLimit(rate_limit_flag);
  if (!rate_limit.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", rate_limit.error().message.c_str());
    return 2;
  }
  auto store = storage::OpenStore(db_url);
  if (!store.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", store.error().message.c_str());
    return 1;
  }
  service::ServiceState state;
  state.options = service_options;
  state.snapshots.Share((*store)->shared_controls());
  auto run = [&](auto&& fn) { return service::RunInTxn(**store, state, storage::TxnMode::kWrite, fn); };
  auto accepted = run([&](service::Context& ctx) { return service::admin::Bootstrap(ctx, tokens); });
  auto admin_token = run([&](service::Context& ctx) { return service::admin::AdminToken(ctx, admin_token_flag); });
  if (!accepted.ok() || !admin_token.ok()) {
    const Error& e = !accepted.ok() ? accepted.error() : admin_token.error();
    std::fprintf(stderr, "localnotion: cannot prepare the workspace: %s\n", e.message.c_str());
    return 1;
  }
  if (!controls.seed_file.empty() && !SeedFromFile(**store, state, controls.seed_file)) return 1;
  const std::string workspace = WorkspaceLabel(**store, state);
  // The banner: every line "localnotion <what>: <value>", the listening line last
  // (Server::Run prints it once the server accepts; scripts wait for it).
  std::printf("localnotion %s\n", LOCALNOTION_VERSION);
  std::printf("localnotion database: %s\n", db_url.c_str());
  if (!workspace.empty()) std::printf("localnotion workspace: %s\n", workspace.c_str());
  for (const std::string& token : *accepted) std::printf("localnotion token: %s\n", token.c_str());
  std::printf("localnotion admin token: %s\n", admin_token->c_str());
  http::ServerOptions options{host, port, *admin_token, *rate_limit, client_timeout_ms};
  options.max_upload_part_bytes = service_options.max_upload_part_bytes;
  options.workers = workers;
  // Webhooks are delivered on threads of their own (service/webhooks/dispatcher.h); the
  // dispatcher outlives the server, whose end hands commit timing back to the store.
  http::WebhookClient webhook_client;
  service::webhooks::Dispatcher webhooks(**store, state, webhook_client);
  state.wake_webhooks = [&webhooks] { webhooks.Wake(); };
  webhooks.Start();
  // external_url uploads are downloaded on a thread of their own (service/uploads/import.h).
  http::UrlFetcherClient url_fetcher(service_options.import_ca_file);
  service::uploads::Importer importer(**store, state, url_fetcher);
  state.import_file = [&importer](const std::string& id) { importer.Enqueue(id); };
  importer.Start();
  options.log_format = *log_format;
  options.log_level = *log_level;
  options.info.version = LOCALNOTION_VERSION;
  options.info.store_url = db_url;
  options.info.store_path = cli::StorePath(db_url);
  options.info.workspace_name = workspace;
  // The workspaces besides the default one (docs/workspaces.md): opened on first use,
  // each with its own webhook dispatcher; closed before the default one's.
  service::workspaces::Registry workspaces(**store, state, db_url, &webhook_client, &url_fetcher);
  if (!shard_urls.empty()) {
    if (Status s = workspaces.UseShards(shard_urls); !s.ok()) {
      std::fprintf(stderr, "localnotion: %s\n", s.error().message.c_str());
      return 1;
    }
    std::printf("localnotion shards: %d logical shards over %zu databases\n", workspaces.shards()->logical_shards,
                workspaces.shards()->databases.size());
  }
  http::Server server(workspaces, options);
  if (Status s = server.Listen(); !s.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", s.error().message.c_str());
    return 1;
  }
  const std::string base = "http://" + host + ":" + std::to_string(server.port());
  std::printf("localnotion API: %s/v1 (SDK: new Client({ auth: token, baseUrl: \"%s\" }))\n", base.c_str(),
              base.c_str());
  std::printf("localnotion in a browser: %s/\n", base.c_str());
  std::printf("localnotion metrics: %s/metrics\n", base.c_str());
  std::printf("localnotion ready: %s/_localnotion/ready\n", base.c_str());
  std::printf("localnotion log: one line per request on stderr (--log-format %s, --log-level %s)\n",
              logs.format.c_str(), logs.level.c_str());
  server.Run();
  std::printf("localnotion stopped\n");
  return 0;
}

// The admin subcommands (integration create/list/delete, share, unshare) open the store
// file directly, run one transaction and commit it. A server running on the same file sees new
// integrations and shares on its next request; deleting an integration or changing its
// capabilities reaches a running server only through the admin API (it caches
// integrations), or on its next start.
int Admin(const std::string& db_url,
          const std::function<localnotion::Result<std::string>(localnotion::service::Context&)>& fn) {
  using namespace localnotion;
  auto store = storage::OpenStore(db_url);
  if (!store.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", store.error().message.c_str());
    return 1;
  }
  // No Bootstrap: the workspace and the token integrations are made by `serve`, which
  // may be given --token later.
  service::ServiceState state;
  auto done = service::RunInTxn(**store, state, storage::TxnMode::kWrite, fn);
  if (!done.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", done.error().message.c_str());
    return 1;
  }
  std::printf("%s", done->c_str());
  return 0;
}

// localnotion workspace create|list|delete: opens the store file, runs the registry's
// call, prints its answer.
int Workspaces(const std::string& db_url, const std::vector<std::string>& shard_urls, bool create, bool remove,
               const std::string& name, const std::string& id) {
  using namespace localnotion;
  auto store = storage::OpenStore(db_url);
  if (!store.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", store.error().message.c_str());
    return 1;
  }
  service::ServiceState state;
  service::workspaces::Registry workspaces(**store, state, db_url);
  if (!shard_urls.empty()) {
    if (Status s = workspaces.UseShards(shard_urls); !s.ok()) {
      std::fprintf(stderr, "localnotion: %s\n", s.error().message.c_str());
      return 1;
    }
  }
  if (create) {
    auto made = workspaces.Create(name);
    if (!made.ok()) {
      std::fprintf(stderr, "localnotion: %s\n", made.error().message.c_str());
      return 1;
    }
    std::printf("id: %s\ntoken: %s\nadmin token: %s\n", made->record.id.c_str(), made->token.c_str(),
                made->admin_token.c_str());
    return 0;
  }
  if (remove) {
    if (Status s = workspaces.Delete(id); !s.ok()) {
      std::fprintf(stderr, "localnotion: %s\n", s.error().message.c_str());
      return 1;
    }
    std::printf("deleted\n");
    return 0;
  }
  auto all = workspaces.List();
  if (!all.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", all.error().message.c_str());
    return 1;
  }
  for (const auto& w : all->at("results").as_array()) {
    const auto& o = w.as_object();
    std::printf("%s\t%s\t%s\n", std::string(o.at("id").as_string()).c_str(),
                std::string(o.at("name").as_string()).c_str(), o.at("default").as_bool() ? "default" : "-");
  }
  return 0;
}

// The shard databases of --shard and --shard-map together (storage/shard_map.h), and
// the main store's URL when --db was not given (`db_given`): the shard first in key order
// (host:port/db), so that the catalog lives in PostgreSQL beside the shards and instances
// given the shards in different orders share it. False (with the message printed) when
// the file cannot be read.
bool ResolveShards(std::vector<std::string>& shards, const std::string& shard_file, bool db_given, std::string& db) {
  if (!shard_file.empty()) {
    auto from_file = localnotion::storage::ReadShardFile(shard_file);
    if (!from_file.ok()) {
      std::fprintf(stderr, "localnotion: %s\n", from_file.error().message.c_str());
      return false;
    }
    shards.insert(shards.end(), from_file->begin(), from_file->end());
  }
  if (shards.empty() || db_given) return true;
  auto key = [](const std::string& url) {
    auto k = localnotion::storage::DatabaseKey(url);
    return k.ok() ? *k : url;  // a bad URL is refused later, by UseShards
  };
  db = shards.front();
  for (const std::string& url : shards) {
    if (key(url) < key(db)) db = url;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Every file this process creates is its owner's only (0600): the store holds the
  // admin token, the generated default token and the file link secret in its meta
  // table, and the workspace's content; SQLite gives its -wal and -shm files the
  // store's mode; exports (--out) hold the workspace too (docs/security.md).
  ::umask(::umask(0) | 077);
  CLI::App app{"localnotion: the Notion public REST API on your own machine"};
  app.set_version_flag("--version", std::string("localnotion ") + LOCALNOTION_VERSION);
  app.require_subcommand(1);

  std::string host = "127.0.0.1";
  int port = 8787;
  std::string db = "sqlite:./localnotion.db";
  std::vector<std::string> tokens;
  CLI::App* serve = app.add_subcommand("serve", "Serve the Notion API over HTTP");
  serve->add_option("--host", host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", port, "TCP port to listen on (0 picks a free one)")->capture_default_str();
  CLI::Option* serve_db =
      serve
          ->add_option(
              "--db", db,
              "Store URL: sqlite:PATH, memory: (nothing kept), or postgresql://USER@HOST:PORT/DB[?schema=NAME] "
              "(many servers may share one; docs/storage.md). With --shard, it holds the default workspace "
              "and the catalog (default: the --shard first in host:port/db order)")
          ->capture_default_str();
  std::vector<std::string> shards;
  std::string shard_file;
  serve->add_option("--shard", shards,
                    "A PostgreSQL database (postgresql://USER@HOST:PORT/DB) that holds workspaces; repeatable. "
                    "Workspaces created from then on are spread over 480 logical shards mapped onto these "
                    "databases (docs/storage.md \"Shards\"); every instance must be given the same databases");
  serve->add_option("--shard-map", shard_file, "A file of --shard URLs, one per line (# starts a comment)");
  serve->add_option("--token", tokens,
                    "Bearer token of an internal integration with every capability and access to the whole "
                    "workspace; repeatable. Also read from LOCALNOTION_TOKEN. With none, a token is generated "
                    "on the first start and printed on every start.");

  std::string admin_token;
  serve->add_option("--admin-token", admin_token,
                    "Bearer token of the admin API under /_localnotion/ (health, reset, request log, faults). "
                    "With none, one is generated on the first start and printed on every start.");

  std::string rate_limit = "off";
  serve
      ->add_option("--rate-limit", rate_limit,
                   "Emulate Notion's rate limit per integration: \"180\" or \"600\" (requests per 60-second "
                   "window, Notion's per-connection limits), \"N/min\", \"notion\" (about 3 requests/s with "
                   "bursts), \"N/s\", or \"off\". Over it: 429 rate_limited with Retry-After and "
                   "additional_data.retry_after.")
      ->capture_default_str();

  int client_timeout_ms = 30000;
  serve
      ->add_option("--client-timeout-ms", client_timeout_ms,
                   "Cut off a client that takes longer than this to send a whole request")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  int workers = 0;
  serve
      ->add_option("--workers", workers,
                   "The most threads that run requests at once (0: the CPUs this process may use, plus 2 "
                   "standbys that step in while requests are slow). Reads run in parallel; writes take "
                   "turns and commit in groups")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  int64_t request_budget_ms = 30000;
  serve
      ->add_option("--request-budget-ms", request_budget_ms,
                   "The time a /v1 request may work (a query, a formula) before it stops with 504 "
                   "gateway_timeout; 0 for no limit")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);

  int query_result_limit = 10000;
  serve
      ->add_option("--query-result-limit", query_result_limit,
                   "The most pages one query returns over all its pages of results, as Notion's 10,000; "
                   "beyond it the answers carry request_status \"incomplete\"")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  using localnotion::Result;
  using localnotion::service::Context;
  namespace admin = localnotion::service::admin;
  std::string name, capabilities = "read,update,insert,comments,users:email", who, page, database;
  bool workspace = false;
  CLI::App* integration = app.add_subcommand("integration", "Manage the integrations of a store file");
  integration->require_subcommand(1);
  CLI::App* create = integration->add_subcommand("create", "Create an integration and print its token");
  create->add_option("--name", name, "Its name (unique)")->required();
  create
      ->add_option("--capabilities", capabilities,
                   "Comma-separated: read, update, insert (content); read_comments, insert_comments, or "
                   "comments for both; users (user information without email) or users:email; all. "
                   "It sees only what is shared with it (localnotion share).")
      ->capture_default_str();
  CLI::App* list = integration->add_subcommand("list", "List integrations: id, name, capabilities, shares");
  CLI::App* remove =
      integration->add_subcommand("delete", "Delete an integration (by name or id); its token stops working");
  remove->add_option("integration", who, "Name or id")->required();
  for (CLI::App* sub : {create, list, remove})
    sub->add_option("--db", db, "Store URL: sqlite:PATH")->capture_default_str();

  CLI::App* share = app.add_subcommand("share", "Share a page or database (and what is below it) with an integration");
  CLI::App* unshare = app.add_subcommand("unshare", "Take a share back");
  for (CLI::App* sub : {share, unshare}) {
    sub->add_option("--integration", who, "Name or id")->required();
    sub->add_option("--page", page, "Page id");
    sub->add_option("--database", database, "Database (or data source) id");
    sub->add_flag("--workspace", workspace, "The whole workspace");
    sub->add_option("--db", db, "Store URL: sqlite:PATH")->capture_default_str();
  }

  // localnotion webhook create|list|verify|delete (docs/webhooks.md): the store file's
  // subscriptions; a server running on the file sends the handshake of one created here.
  std::string hook_url, hook_events, hook_version = "2025-09-03", hook_id, hook_token;
  // Public integrations (OAuth clients, docs/oauth.md).
  std::vector<std::string> redirect_uris;
  std::string client_caps = "read,update,insert,comments,users:email";
  CLI::App* oauth_client =
      app.add_subcommand("oauth-client", "Manage the public integrations (OAuth clients) of a store file");
  oauth_client->require_subcommand(1);
  CLI::App* client_create =
      oauth_client->add_subcommand("create", "Create a public integration; prints it as JSON with its client_secret");
  client_create->add_option("--name", name, "Its name, shown on the authorize page")->required();
  client_create->add_option("--redirect-uri", redirect_uris, "A redirect URI (repeat for several)")->required();
  client_create->add_option("--capabilities", client_caps, "As for integration create")->capture_default_str();
  CLI::App* client_list = oauth_client->add_subcommand("list", "List public integrations (JSON)");
  CLI::App* client_delete = oauth_client->add_subcommand("delete", "Delete a public integration");
  client_delete->add_option("client_id", who, "Its client_id")->required();
  for (CLI::App* sub : {client_create, client_list, client_delete})
    sub->add_option("--db", db, "Store URL: sqlite:PATH")->capture_default_str();

  CLI::App* webhook = app.add_subcommand("webhook", "Manage the webhook subscriptions of a store file");
  webhook->require_subcommand(1);
  CLI::App* hook_create = webhook->add_subcommand("create", "Subscribe an integration; prints the subscription");
  hook_create->add_option("--integration", who, "Name or id")->required();
  hook_create->add_option("--url", hook_url, "Where to POST events (http://...)")->required();
  hook_create->add_option("--events", hook_events, "Comma-separated event types (default: all)");
  hook_create->add_option("--api-version", hook_version, "2022-06-28, 2025-09-03 or 2026-03-11")->capture_default_str();
  CLI::App* hook_list = webhook->add_subcommand("list", "List subscriptions (JSON)");
  CLI::App* hook_verify = webhook->add_subcommand("verify", "Verify a subscription with its handshake's token");
  hook_verify->add_option("id", hook_id, "Subscription id")->required();
  hook_verify->add_option("--token", hook_token, "The verification_token of the handshake")->required();
  CLI::App* hook_delete = webhook->add_subcommand("delete", "Delete a subscription");
  hook_delete->add_option("id", hook_id, "Subscription id")->required();
  for (CLI::App* sub : {hook_create, hook_list, hook_verify, hook_delete}) {
    sub->add_option("--db", db, "Store URL: sqlite:PATH")->capture_default_str();
  }

  // localnotion workspace create|list|delete (docs/workspaces.md): the store file's
  // workspaces besides the default one.
  std::string ws_name, ws_id;
  CLI::App* workspace_cmd = app.add_subcommand("workspace", "Manage the workspaces of a store file");
  workspace_cmd->require_subcommand(1);
  CLI::App* ws_create =
      workspace_cmd->add_subcommand("create", "Create a workspace; prints its id, token and admin token");
  ws_create->add_option("--name", ws_name, "Its name")->required();
  CLI::App* ws_list = workspace_cmd->add_subcommand("list", "List workspaces: id, name, default or not");
  CLI::App* ws_delete = workspace_cmd->add_subcommand("delete", "Delete a workspace and everything in it");
  ws_delete->add_option("id", ws_id, "Workspace id")->required();
  std::vector<CLI::Option*> ws_db;
  for (CLI::App* sub : {ws_create, ws_list, ws_delete}) {
    ws_db.push_back(sub->add_option("--db", db, "Store URL: sqlite:PATH")->capture_default_str());
    sub->add_option("--shard", shards, "A shard database, as serve's --shard; repeatable");
    sub->add_option("--shard-map", shard_file, "A file of --shard URLs, as serve's --shard-map");
  }

  int64_t max_upload_part_bytes = 20 * 1024 * 1024;
  serve
      ->add_option("--max-upload-part-bytes", max_upload_part_bytes,
                   "The largest file (single_part) or file part (multi_part) POST /v1/file_uploads/{id}/send "
                   "accepts; Notion's limit is 20 MB")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  std::vector<std::string> import_prefixes;
  serve->add_option("--allow-import-from", import_prefixes,
                    "Let POST /v1/file_uploads {\"mode\": \"external_url\"} import from URLs that start with this "
                    "prefix (repeatable), e.g. http://127.0.0.1:9000/; without it only public https:// URLs are "
                    "taken, as by Notion (docs/compat.md)");

  std::string import_ca_file;
  serve
      ->add_option("--import-ca-file", import_ca_file,
                   "A PEM file of certificates that external_url imports over https:// also trust, beside the "
                   "system's (for a test file server with a self-signed certificate)")
      ->check(CLI::ExistingFile);

  int64_t webhook_aggregation_ms = 1000;
  serve
      ->add_option("--webhook-aggregation-ms", webhook_aggregation_ms,
                   "How long webhook events of one entity (page.content_updated, page.properties_updated, ...) "
                   "are batched before they are sent (docs/webhooks.md)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  int64_t view_query_ttl_seconds = 900;
  serve
      ->add_option("--view-query-ttl-seconds", view_query_ttl_seconds,
                   "How long the result of a view query (POST /v1/views/{id}/queries) can be paged through; "
                   "Notion keeps it about 15 minutes (docs/views.md)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  int64_t block_limit = 0;
  serve
      ->add_option("--block-limit", block_limit,
                   "Emulate the Free workspace block limit: after a workspace's requests have created this many "
                   "pages, databases and blocks (deleting gives none back), a request that creates more gets 403 "
                   "restricted_resource (Notion: 1000). 0: no limit (docs/compat.md)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  double webhook_retry_scale = 1.0;
  serve
      ->add_option("--webhook-retry-scale", webhook_retry_scale,
                   "Factor on the webhook retry schedule (1: Notion's, 8 attempts over about 24 h; 0.0001 for "
                   "tests)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);

  TestControls controls;
  serve->add_option("--seed", controls.seed_file,
                    "Replace the workspace with this fixture at every start (docs/fixtures.md)");
  bool no_page_history = false;
  serve->add_flag("--no-page-history", no_page_history,
                  "Do not record page writes for GET /_localnotion/pages/{id}/history (saves a row on every "
                  "write; the history then stays empty)");
  serve->add_option("--deterministic", controls.deterministic,
                    "Reproducible ids from this seed and a clock that starts at 2025-01-01T00:00:00.000Z and moves "
                    "only through POST /_localnotion/clock");

  LogFlags logs;
  serve
      ->add_option("--log-format", logs.format,
                   "The request log on stderr, one line per request: \"text\" or \"json\" (JSON lines)")
      ->capture_default_str();
  serve
      ->add_option("--log-level", logs.level,
                   "trace, debug, info, warn, error, critical, or off; request lines are at info, so warn and "
                   "above turn them off")
      ->capture_default_str();

  std::string export_db = "sqlite:./localnotion.db";
  std::string export_out;
  CLI::App* export_cmd =
      app.add_subcommand("export", "Write the workspace of a store as one fixture (docs/fixtures.md)");
  export_cmd->add_option("--db", export_db, "Store URL: sqlite:PATH")->capture_default_str();
  export_cmd->add_option("--out", export_out, "File to write (default: standard output)");

  localnotion::cli::PullOptions pull_options;
  CLI::App* pull_cmd = app.add_subcommand(
      "pull", "Copy what a token can see of a workspace through Notion's public API into a fixture (docs/fixtures.md)");
  pull_cmd->add_option("--from", pull_options.from, "The API's base URL")->capture_default_str();
  pull_cmd->add_option("--token", pull_options.token, "The integration token (default: $NOTION_API_KEY)");
  pull_cmd->add_option("--out", pull_options.out, "The fixture file to write; FILE.state beside it makes it resumable")
      ->required();
  pull_cmd->add_option("--rate", pull_options.rate, "Requests per second at most")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  pull_cmd->add_option("--max-retries", pull_options.max_retries, "Retries of a request answered 429 or 5xx")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  pull_cmd
      ->add_option("--max-file-bytes", pull_options.max_file_bytes,
                   "The largest Notion-hosted file downloaded into the fixture; a larger one stays a link")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  std::string migrate_db = "sqlite:./localnotion.db";
  CLI::App* migrate_cmd = app.add_subcommand(
      "migrate", "Create the store if missing and bring its tables up to date, then exit (serve does it too)");
  migrate_cmd->add_option("--db", migrate_db, "Store URL: sqlite:PATH or postgresql://...")->capture_default_str();

  CLI11_PARSE(app, argc, argv);
  controls.page_history = !no_page_history;
  if (serve->parsed()) {
    localnotion::service::ServiceOptions service_options;
    service_options.query_result_limit = static_cast<size_t>(query_result_limit);
    service_options.record_page_history = controls.page_history;
    service_options.max_upload_part_bytes = max_upload_part_bytes;
    service_options.request_budget_ms = request_budget_ms;
    service_options.webhook_aggregation_ms = webhook_aggregation_ms;
    service_options.webhook_retry_scale = webhook_retry_scale;
    service_options.view_query_ttl_ms = view_query_ttl_seconds * 1000;
    service_options.block_limit = block_limit;
    service_options.import_url_prefixes = import_prefixes;
    service_options.import_ca_file = import_ca_file;
    if (!ResolveShards(shards, shard_file, serve_db->count() > 0, db)) return 2;
    return Serve(host, port, db, shards, tokens, admin_token, rate_limit, client_timeout_ms, controls, service_options,
                 workers, logs);
  }
  if (export_cmd->parsed()) return Export(export_db, export_out);
  if (pull_cmd->parsed()) {
    if (pull_options.token.empty()) {
      const char* env = std::getenv("NOTION_API_KEY");
      pull_options.token = env ? env : "";
    }
    if (pull_options.token.empty()) {
      std::fprintf(stderr, "localnotion pull: give --token or set NOTION_API_KEY\n");
      return 2;
    }
    return localnotion::cli::RunPull(pull_options);
  }
  if (oauth_client->parsed()) {
    return Admin(db, [&](Context& s) -> Result<std::string> {
      localnotion::json::value out;
      if (client_create->parsed()) {
        LN_ASSIGN_OR_RETURN(auto created,
                            localnotion::service::oauth::CreateClient(s, name, client_caps, redirect_uris));
        out = localnotion::service::oauth::DescribeClient(created.client);
        out.as_object()["client_secret"] = created.secret;
      } else if (client_list->parsed()) {
        LN_ASSIGN_OR_RETURN(auto clients, localnotion::service::oauth::ListClients(s));
        localnotion::json::array results;
        for (const auto& c : clients) results.push_back(localnotion::service::oauth::DescribeClient(c));
        out = std::move(results);
      } else {
        LN_RETURN_IF_ERROR(localnotion::service::oauth::DeleteClient(s, who));
        out = localnotion::json::object{{"client_id", who}, {"deleted", true}};
      }
      return localnotion::SerializeJson(out) + "\n";
    });
  }
  if (migrate_cmd->parsed()) {
    // Opening a store applies the migrations it lacks (storage/store.h).
    auto store = localnotion::storage::OpenStore(migrate_db);
    if (!store.ok()) {
      std::fprintf(stderr, "localnotion: %s\n", store.error().message.c_str());
      return 1;
    }
    std::printf("localnotion: %s is up to date\n", migrate_db.c_str());
    return 0;
  }
  if (create->parsed()) {
    return Admin(db, [&](Context& s) -> Result<std::string> {
      LN_ASSIGN_OR_RETURN(auto created, admin::CreateIntegration(s, name, capabilities));
      return created.token + "\n";
    });
  }
  if (list->parsed()) {
    return Admin(db, [&](Context& s) -> Result<std::string> {
      LN_ASSIGN_OR_RETURN(auto all, admin::ListIntegrations(s));
      std::string out;
      for (const auto& i : all.at("results").as_array()) {
        const auto& o = i.as_object();
        std::string shares;
        for (const auto& id : o.at("shares").as_array())
          shares += (shares.empty() ? "" : ",") + std::string(id.as_string());
        out += std::string(o.at("id").as_string()) + "\t" + std::string(o.at("name").as_string()) + "\t" +
               std::string(o.at("capabilities").as_string()) + "\t" + (shares.empty() ? "-" : shares) + "\n";
      }
      return out;
    });
  }
  if (remove->parsed()) {
    return Admin(db, [&](Context& s) -> Result<std::string> {
      LN_RETURN_IF_ERROR(admin::DeleteIntegration(s, who));
      return std::string("deleted\n");
    });
  }
  if (webhook->parsed()) {
    namespace webhooks = localnotion::service::webhooks;
    return Admin(db, [&](Context& s) -> Result<std::string> {
      localnotion::json::value out;
      if (hook_create->parsed()) {
        localnotion::json::object body{{"integration", who}, {"url", hook_url}, {"api_version", hook_version}};
        if (!hook_events.empty()) {
          localnotion::json::array types;
          std::stringstream list(hook_events);
          for (std::string t; std::getline(list, t, ',');) types.emplace_back(t);
          body["event_types"] = std::move(types);
        }
        LN_ASSIGN_OR_RETURN(out, webhooks::CreateSubscription(s, body));
      } else if (hook_list->parsed()) {
        LN_ASSIGN_OR_RETURN(out, webhooks::ListSubscriptions(s));
      } else if (hook_verify->parsed()) {
        LN_ASSIGN_OR_RETURN(out, webhooks::VerifySubscription(
                                     s, hook_id, localnotion::json::object{{"verification_token", hook_token}}));
      } else {
        LN_RETURN_IF_ERROR(webhooks::DeleteSubscription(s, hook_id));
        return std::string("deleted\n");
      }
      return localnotion::SerializeJson(out) + "\n";
    });
  }
  if (workspace_cmd->parsed()) {
    bool db_given = false;
    for (CLI::Option* o : ws_db) db_given = db_given || o->count() > 0;
    if (!ResolveShards(shards, shard_file, db_given, db)) return 2;
    return Workspaces(db, shards, ws_create->parsed(), ws_delete->parsed(), ws_name, ws_id);
  }
  if (share->parsed() || unshare->parsed()) {
    int given = !page.empty() + !database.empty() + workspace;
    if (given != 1) {
      std::fprintf(stderr, "localnotion: give exactly one of --page, --database, --workspace\n");
      return 2;
    }
    std::string object = workspace ? std::string("workspace") : !page.empty() ? page : database;
    bool sharing = share->parsed();
    return Admin(db, [&](Context& s) -> Result<std::string> {
      LN_RETURN_IF_ERROR(sharing ? admin::Share(s, who, object) : admin::Unshare(s, who, object));
      return std::string(sharing ? "shared\n" : "unshared\n");
    });
  }
  return 0;
}
