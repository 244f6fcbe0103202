// PgRecords: the workspace catalog (migrations/0003_workspaces.sql.h). Ranks are the
// last one plus one, as on SQLite: write transactions of a store run one at a time.
#include "storage/postgres/pg_records.h"

namespace localnotion::storage {
namespace {

constexpr const char* kWorkspaceSelect = "SELECT id, name, created_time, admin_token_hash, shard FROM workspaces ";

std::vector<WorkspaceRecord> ReadWorkspaces(const PgRows& rows) {
  std::vector<WorkspaceRecord> out;
  for (int r = 0; r < rows.size(); ++r) {
    out.push_back(WorkspaceRecord{rows.Text(r, 0), rows.Text(r, 1), rows.Int(r, 2), rows.Text(r, 3), rows.Text(r, 4)});
  }
  return out;
}

std::optional<WorkspaceRecord> First(std::vector<WorkspaceRecord> all) {
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

}  // namespace

Status PgRecords::PutWorkspace(const WorkspaceRecord& w) {
  LN_RETURN_IF_ERROR(LockKey("rank:workspaces"));  // max(rank) + 1
  return Run(
      "INSERT INTO workspaces (id, name, created_time, admin_token_hash, shard, rank) "
      "SELECT $1, $2, $3, $4, $5, coalesce(max(rank), 0) + 1 FROM workspaces "
      "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, created_time = EXCLUDED.created_time, "
      "admin_token_hash = EXCLUDED.admin_token_hash, shard = EXCLUDED.shard",
      PgParams().Text(w.id).Text(w.name).Int(w.created_time).Text(w.admin_token_hash).Text(w.shard));
}

Result<std::optional<WorkspaceRecord>> PgRecords::GetWorkspace(std::string_view id) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kWorkspaceSelect) + "WHERE id = $1", PgParams().Text(id)));
  return First(ReadWorkspaces(rows));
}

Result<std::vector<WorkspaceRecord>> PgRecords::ListWorkspaces() {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kWorkspaceSelect) + "ORDER BY rank"));
  return ReadWorkspaces(rows);
}

Result<std::optional<WorkspaceRecord>> PgRecords::FindWorkspaceByAdminTokenHash(std::string_view admin_token_hash) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kWorkspaceSelect) + "WHERE admin_token_hash = $1",
                                               PgParams().Text(admin_token_hash)));
  return First(ReadWorkspaces(rows));
}

Status PgRecords::DeleteWorkspace(std::string_view id) {
  LN_RETURN_IF_ERROR(Run("DELETE FROM workspace_tokens WHERE workspace_id = $1", PgParams().Text(id)));
  return Run("DELETE FROM workspaces WHERE id = $1", PgParams().Text(id));
}

Status PgRecords::PutWorkspaceToken(std::string_view secret_hash, std::string_view workspace_id) {
  return Run(
      "INSERT INTO workspace_tokens (secret_hash, workspace_id) VALUES ($1, $2) "
      "ON CONFLICT (secret_hash) DO UPDATE SET workspace_id = EXCLUDED.workspace_id",
      PgParams().Text(secret_hash).Text(workspace_id));
}

Status PgRecords::DeleteWorkspaceToken(std::string_view secret_hash) {
  return Run("DELETE FROM workspace_tokens WHERE secret_hash = $1", PgParams().Text(secret_hash));
}

Result<std::optional<std::string>> PgRecords::FindWorkspaceOfToken(std::string_view secret_hash) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query("SELECT workspace_id FROM workspace_tokens WHERE secret_hash = $1",
                                               PgParams().Text(secret_hash)));
  if (rows.size() == 0) return std::optional<std::string>();
  return std::optional<std::string>(rows.Text(0, 0));
}

Result<std::vector<std::string>> PgRecords::ListWorkspaceTokens(std::string_view workspace_id) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query("SELECT secret_hash FROM workspace_tokens WHERE workspace_id = $1 "
                                               "ORDER BY secret_hash",
                                               PgParams().Text(workspace_id)));
  std::vector<std::string> out;
  for (int r = 0; r < rows.size(); ++r) out.push_back(rows.Text(r, 0));
  return out;
}

}  // namespace localnotion::storage
