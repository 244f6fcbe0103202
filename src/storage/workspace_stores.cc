#include "storage/workspace_stores.h"

#include <filesystem>
#include <system_error>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_store.h"

namespace localnotion::storage {
namespace {

constexpr std::string_view kSqlite = "sqlite:";
constexpr std::string_view kMemory = "memory:";

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The id's 32 hex digits, lower case; empty when it is not a UUID.
std::string HexOfUuid(std::string_view id) {
  std::string hex;
  for (char c : id) {
    if (c == '-') continue;
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return "";
    hex.push_back(c);
  }
  return hex.size() == 32 ? hex : "";
}

// The path of the main SQLite file of `main_url`, as OpenStore reads it.
std::string SqlitePath(std::string_view main_url) {
  std::string path(main_url.substr(kSqlite.size()));
  if (path.rfind("//", 0) == 0) path = path.substr(2);
  return path;
}

}  // namespace

Result<std::string> WorkspaceStoreUrl(std::string_view main_url, std::string_view workspace_id) {
  const std::string hex = HexOfUuid(workspace_id);
  if (hex.empty()) return MakeError(ErrorCode::kInvalidRequest, "not a workspace id: " + std::string(workspace_id));
  if (main_url == kMemory) return std::string(kMemory);
  if (StartsWith(main_url, kSqlite)) {
    const std::string path = SqlitePath(main_url);
    if (path.empty()) return MakeError(ErrorCode::kInvalidRequest, "sqlite URL has no path");
    return std::string(kSqlite) + path + ".workspaces/" + std::string(workspace_id) + ".db";
  }
  if (StartsWith(main_url, "postgresql://") || StartsWith(main_url, "postgres://")) {
    // A workspace is a schema of the same database.
    const char sep = main_url.find('?') == std::string_view::npos ? '?' : '&';
    return std::string(main_url) + sep + "schema=ws_" + hex;
  }
  return MakeError(ErrorCode::kInvalidRequest, "no workspace stores for the store URL " + std::string(main_url));
}

Result<std::unique_ptr<Store>> OpenWorkspaceStore(std::string_view main_url, std::string_view workspace_id) {
  LN_ASSIGN_OR_RETURN(std::string url, WorkspaceStoreUrl(main_url, workspace_id));
  if (StartsWith(url, kSqlite)) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::path(SqlitePath(url)).parent_path();
    std::filesystem::create_directories(dir, ec);
    if (ec) return InternalError("cannot create " + dir.string() + ": " + ec.message());
  }
  return OpenStore(url);
}

Status DropWorkspaceStore(std::string_view main_url, std::string_view workspace_id) {
  LN_ASSIGN_OR_RETURN(std::string url, WorkspaceStoreUrl(main_url, workspace_id));
  if (IsPgUrl(url)) {
    // The workspace's schema and everything in it, on the database that holds it (its
    // shard's, docs/storage.md "Shards").
    LN_ASSIGN_OR_RETURN(PgUrl pg, ParsePgUrl(url));
    LN_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, PgConnection::Connect(pg.conninfo, "public"));
    return conn->Exec("DROP SCHEMA IF EXISTS " + QuoteIdent(pg.schema) + " CASCADE");
  }
  if (!StartsWith(url, kSqlite)) return OkStatus();
  const std::string path = SqlitePath(url);
  for (const char* suffix : {"", "-wal", "-shm", ".generation"}) {
    std::error_code ec;
    std::filesystem::remove(path + suffix, ec);
    if (ec) return InternalError("cannot remove " + path + suffix + ": " + ec.message());
  }
  return OkStatus();
}

}  // namespace localnotion::storage
