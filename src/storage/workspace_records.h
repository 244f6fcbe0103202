// The workspace catalog (docs/workspaces.md): the workspaces a server holds besides its
// default one, and which workspace each bearer token belongs to. A workspace is a whole
// Store of its own (WorkspaceStoreUrl in storage/store.h names it), so nothing of one
// workspace is in another's; the catalog lives in the main store, the default
// workspace's, and is the only thing the main store knows of the others. Reset of the
// main store (WorkspaceRecords::Reset) leaves the catalog alone.
//
// The token map is kept in step by the service layer whenever a workspace's
// integrations change (service/workspaces/): it holds the SHA-256 of every integration
// token of every workspace in the catalog (never of the default workspace, whose tokens
// are found in the main store itself). A token hash maps to one workspace.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"

namespace localnotion::storage {

struct WorkspaceRecord {
  std::string id;  // a UUID; also the workspace's own meta "workspace_id"
  std::string name;
  Millis created_time = 0;
  std::string admin_token_hash;  // SHA-256 (hex) of the workspace-scoped admin token
  // Where the workspace's store lives: "" for the main store's backend (its file's
  // sibling, or its schema); else the number of its logical shard, in decimal, which the
  // catalog's shard map places in a database (storage/shard_map.h).
  std::string shard;
};

// The catalog facet of a transaction (storage/txn.h).
class WorkspaceCatalog {
 public:
  virtual ~WorkspaceCatalog() = default;
  // Inserts or replaces by id; a replaced workspace keeps its place in the list.
  virtual Status PutWorkspace(const WorkspaceRecord& workspace) = 0;
  virtual Result<std::optional<WorkspaceRecord>> GetWorkspace(std::string_view id) = 0;
  // In creation order.
  virtual Result<std::vector<WorkspaceRecord>> ListWorkspaces() = 0;
  // The workspace whose admin token hashes to `admin_token_hash`.
  virtual Result<std::optional<WorkspaceRecord>> FindWorkspaceByAdminTokenHash(std::string_view admin_token_hash) = 0;
  // Removes the workspace and its token map entries (no-op for an unknown id).
  virtual Status DeleteWorkspace(std::string_view id) = 0;
  // Maps `secret_hash` to `workspace_id`, replacing what it mapped to before.
  virtual Status PutWorkspaceToken(std::string_view secret_hash, std::string_view workspace_id) = 0;
  // Unmaps `secret_hash` (no-op when unmapped).
  virtual Status DeleteWorkspaceToken(std::string_view secret_hash) = 0;
  // The workspace `secret_hash` maps to, nullopt when none.
  virtual Result<std::optional<std::string>> FindWorkspaceOfToken(std::string_view secret_hash) = 0;
  // The token hashes that map to `workspace_id`, sorted.
  virtual Result<std::vector<std::string>> ListWorkspaceTokens(std::string_view workspace_id) = 0;
};

}  // namespace localnotion::storage
