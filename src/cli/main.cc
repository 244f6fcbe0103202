// The localnotion command line. Flag parsing only; the work is in the libraries.
//   localnotion serve [--host ADDR] [--port N] [--db URL] [--token TOKEN]...
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "http/server.h"
#include "service/service.h"
#include "storage/store.h"

namespace {

int Serve(const std::string& host, int port, const std::string& db_url, std::vector<std::string> tokens,
          const std::string& admin_token_flag, const std::string& rate_limit_flag, int client_timeout_ms,
          int64_t max_upload_part_bytes) {
  using namespace localnotion;
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
  service::Service service(**store);
  service.SetMaxUploadPartBytes(max_upload_part_bytes);
  auto accepted = service.InUnit([&] { return service.Bootstrap(tokens); });
  auto admin_token = service.InUnit([&] { return service.AdminToken(admin_token_flag); });
  Status committed = (*store)->CommitBatch();
  if (!accepted.ok() || !admin_token.ok() || !committed.ok()) {
    const Error& e = !accepted.ok() ? accepted.error() : !admin_token.ok() ? admin_token.error() : committed.error();
    std::fprintf(stderr, "localnotion: cannot prepare the workspace: %s\n", e.message.c_str());
    return 1;
  }
  for (const std::string& token : *accepted) std::printf("localnotion token: %s\n", token.c_str());
  std::printf("localnotion admin token: %s\n", admin_token->c_str());
  std::printf("localnotion database: %s\n", db_url.c_str());
  http::ServerOptions options{host, port, *admin_token, *rate_limit, client_timeout_ms};
  options.max_upload_part_bytes = max_upload_part_bytes;
  http::Server server(**store, service, options);
  if (Status s = server.Listen(); !s.ok()) {
    std::fprintf(stderr, "localnotion: %s\n", s.error().message.c_str());
    return 1;
  }
  server.Run();
  std::printf("localnotion stopped\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"localnotion: the Notion public REST API on your own machine"};
  app.require_subcommand(1);

  std::string host = "127.0.0.1";
  int port = 8787;
  std::string db = "sqlite:./localnotion.db";
  std::vector<std::string> tokens;
  CLI::App* serve = app.add_subcommand("serve", "Serve the Notion API over HTTP");
  serve->add_option("--host", host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", port, "TCP port to listen on (0 picks a free one)")->capture_default_str();
  serve->add_option("--db", db, "Store URL: sqlite:PATH")->capture_default_str();
  serve->add_option("--token", tokens,
                    "Bearer token of an internal integration with every capability and access to the whole "
                    "workspace; repeatable. Also read from LOCALNOTION_TOKEN. With none, a token is generated "
                    "on the first start and printed on every start.");

  std::string admin_token;
  serve->add_option("--admin-token", admin_token,
                    "Bearer token of the admin API under /_localnotion/ (health, reset, request log, faults). "
                    "With none, one is generated on the first start and printed on every start.");

  std::string rate_limit = "off";
  serve->add_option("--rate-limit", rate_limit,
                    "Emulate Notion's rate limit per integration: \"notion\" (about 3 requests/s with bursts), "
                    "\"N/s\", or \"off\". Over it: 429 rate_limited with Retry-After.")
      ->capture_default_str();

  int client_timeout_ms = 30000;
  serve->add_option("--client-timeout-ms", client_timeout_ms,
                    "Cut off a client that takes longer than this to send a request (or to read an answer)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  int64_t max_upload_part_bytes = 20 * 1024 * 1024;
  serve->add_option("--max-upload-part-bytes", max_upload_part_bytes,
                    "The largest file (single_part) or file part (multi_part) POST /v1/file_uploads/{id}/send "
                    "accepts; Notion's limit is 20 MB")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  CLI11_PARSE(app, argc, argv);
  if (serve->parsed()) {
    return Serve(host, port, db, tokens, admin_token, rate_limit, client_timeout_ms, max_upload_part_bytes);
  }
  return 0;
}
