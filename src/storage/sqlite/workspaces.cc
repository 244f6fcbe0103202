// SqliteConnection: the workspace catalog (migrations/0008_workspaces.sql.h). It is read
// once per new bearer token (the service memoizes the answer) and written when a
// workspace or an integration of one is made or deleted, so the statements are prepared
// per call.
#include <sqlite3.h>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

Result<std::unique_ptr<Statement>> PrepareCatalogSql(sqlite3* db, const std::string& sql) {
  auto st = std::make_unique<Statement>(db, sql);
  if (!st->valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  return st;
}

constexpr const char* kWorkspaceColumns = "SELECT id, name, created_time, admin_token_hash, shard FROM workspaces ";

Result<std::vector<WorkspaceRecord>> ReadWorkspaces(Statement& st) {
  std::vector<WorkspaceRecord> out;
  while (true) {
    auto row = st.StepRow();
    if (!row.ok()) {
      st.Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    out.push_back(WorkspaceRecord{st.Text(0), st.Text(1), st.Int(2), st.Text(3), st.Text(4)});
  }
  st.Reset();
  return out;
}

Result<std::optional<WorkspaceRecord>> First(Result<std::vector<WorkspaceRecord>> all) {
  if (!all.ok()) return std::move(all).error();
  if (all->empty()) return std::optional<WorkspaceRecord>();
  return std::optional<WorkspaceRecord>(std::move(all->front()));
}

}  // namespace

Status SqliteConnection::PutWorkspace(const WorkspaceRecord& w) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareCatalogSql(db_,
                                                 "INSERT INTO workspaces (id, name, created_time, admin_token_hash, "
                                                 "shard, rank) VALUES (?1, ?2, ?3, ?4, ?5, "
                                                 "(SELECT coalesce(max(rank), 0) + 1 FROM workspaces)) "
                                                 "ON CONFLICT(id) DO UPDATE SET name = ?2, created_time = ?3, "
                                                 "admin_token_hash = ?4, shard = ?5"));
  st->Bind(1, w.id).Bind(2, w.name).Bind(3, w.created_time).Bind(4, w.admin_token_hash).Bind(5, w.shard);
  return st->Run();
}

Result<std::optional<WorkspaceRecord>> SqliteConnection::GetWorkspace(std::string_view id) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareCatalogSql(db_, std::string(kWorkspaceColumns) + "WHERE id = ?1"));
  st->Bind(1, id);
  return First(ReadWorkspaces(*st));
}

Result<std::vector<WorkspaceRecord>> SqliteConnection::ListWorkspaces() {
  LN_ASSIGN_OR_RETURN(auto st, PrepareCatalogSql(db_, std::string(kWorkspaceColumns) + "ORDER BY rank"));
  return ReadWorkspaces(*st);
}

Result<std::optional<WorkspaceRecord>> SqliteConnection::FindWorkspaceByAdminTokenHash(
    std::string_view admin_token_hash) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareCatalogSql(db_, std::string(kWorkspaceColumns) + "WHERE admin_token_hash = ?1"));
  st->Bind(1, admin_token_hash);
  return First(ReadWorkspaces(*st));
}

Status SqliteConnection::DeleteWorkspace(std::string_view id) {
  for (const char* sql :
       {"DELETE FROM workspace_tokens WHERE workspace_id = ?1", "DELETE FROM workspaces WHERE id = ?1"}) {
    LN_ASSIGN_OR_RETURN(auto st, PrepareCatalogSql(db_, sql));
    st->Bind(1, id);
    LN_RETURN_IF_ERROR(st->Run());
  }
  return OkStatus();
}

Status SqliteConnection::PutWorkspaceToken(std::string_view secret_hash, std::string_view workspace_id) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareCatalogSql(db_,
                                                 "INSERT INTO workspace_tokens (secret_hash, workspace_id) "
                                                 "VALUES (?1, ?2) ON CONFLICT(secret_hash) DO UPDATE SET "
                                                 "workspace_id = ?2"));
  st->Bind(1, secret_hash).Bind(2, workspace_id);
  return st->Run();
}

Status SqliteConnection::DeleteWorkspaceToken(std::string_view secret_hash) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareCatalogSql(db_, "DELETE FROM workspace_tokens WHERE secret_hash = ?1"));
  st->Bind(1, secret_hash);
  return st->Run();
}

Result<std::optional<std::string>> SqliteConnection::FindWorkspaceOfToken(std::string_view secret_hash) {
  LN_ASSIGN_OR_RETURN(auto st,
                      PrepareCatalogSql(db_, "SELECT workspace_id FROM workspace_tokens WHERE secret_hash = ?1"));
  st->Bind(1, secret_hash);
  LN_ASSIGN_OR_RETURN(bool row, st->StepRow());
  std::optional<std::string> out;
  if (row) out = st->Text(0);
  st->Reset();
  return out;
}

Result<std::vector<std::string>> SqliteConnection::ListWorkspaceTokens(std::string_view workspace_id) {
  LN_ASSIGN_OR_RETURN(auto st, PrepareCatalogSql(db_,
                                                 "SELECT secret_hash FROM workspace_tokens WHERE workspace_id = ?1 "
                                                 "ORDER BY secret_hash"));
  st->Bind(1, workspace_id);
  std::vector<std::string> out;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, st->StepRow());
    if (!row) break;
    out.push_back(st->Text(0));
  }
  st->Reset();
  return out;
}

}  // namespace localnotion::storage
