// Where the store of each workspace lives (docs/workspaces.md, docs/storage.md). A
// workspace is a whole Store of its own; its URL is derived from the main store's URL
// (the one given as --db, which holds the default workspace and the catalog) and the
// workspace's id, here and nowhere else:
//   sqlite:PATH                   -> sqlite:PATH.workspaces/<id>.db
//   memory:                       -> memory: (a private in-memory database of its own)
//   postgresql://...[?k=v]        -> the same URL with schema=ws_<id without dashes>
// (postgres:// likewise).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"
#include "storage/store.h"

namespace localnotion::storage {

// The URL of the store of workspace `workspace_id` (a UUID, dashed or not) of the main
// store `main_url`. kInvalidRequest for an id that is not a UUID or an unknown scheme.
Result<std::string> WorkspaceStoreUrl(std::string_view main_url, std::string_view workspace_id);

// Opens (and creates) the store of a workspace, as OpenStore does its URL; on SQLite
// the directory PATH.workspaces/ is made first when missing.
Result<std::unique_ptr<Store>> OpenWorkspaceStore(std::string_view main_url, std::string_view workspace_id);

// Removes what the store of a workspace kept: its files on SQLite, its schema (with every
// table in it) on PostgreSQL, nothing for memory:.
// The store must be closed. Removing a store that is not there is not an error.
Status DropWorkspaceStore(std::string_view main_url, std::string_view workspace_id);

}  // namespace localnotion::storage
