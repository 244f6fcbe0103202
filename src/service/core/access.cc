// Sharing: what an integration can see. Notion shows an integration the pages and
// databases shared with it ("connections") and everything below them: child pages,
// child databases, their data sources and rows. Anything else answers exactly like an
// object that does not exist (404 object_not_found), never 403.
//
// Every loader of the service goes through Visible(): LoadPage, LoadDatabase and
// LoadDataSource, so endpoints that load their page or database through them inherit
// the rule. Integrations of `serve --token` hold the whole-workspace share and skip the
// walk entirely.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "service/core/context.h"
#include "service/core/kept_by_view.h"

namespace localnotion::service {
namespace {

// Parents are followed at most this far; a deeper (or cyclic) chain is not visible.
constexpr int kMaxDepth = 256;

}  // namespace

Result<storage::IntegrationRecord> Context::Authenticate(std::string_view token) {
  return AuthenticateHash(state_.token_hashes.HashOf(token));
}

Result<storage::IntegrationRecord> Context::AuthenticateHash(std::string_view token_hash) {
  // The last token this thread authenticated, kept with what it decided while the store
  // shows the same records (kept_by_view.h): looking the integration and its shares up
  // and parsing its capabilities cost about 2.7k instructions a request
  // (docs/benchmarks.md). Access::seen is per unit and never kept.
  struct Memo {
    std::string token_hash;
    storage::IntegrationRecord integration;
    Access access;
  };
  thread_local KeptByView<std::optional<Memo>> kept;
  const auto view = store_.CachedRecordsView();
  std::optional<Memo>* memo = kept.Under(view);
  if (memo != nullptr && *memo && (*memo)->token_hash == token_hash) {
    access_ = (*memo)->access;
    return (*memo)->integration;
  }
  LN_ASSIGN_OR_RETURN(auto found, store_.FindIntegrationBySecretHash(token_hash));
  if (!found) return MakeError(ErrorCode::kUnauthorized, "API token is invalid.");
  LN_RETURN_IF_ERROR(ActFor(*found));
  if (memo != nullptr && KeptByView<std::optional<Memo>>::StillUnder(store_, view)) {
    *memo = Memo{std::string(token_hash), *found, access_};
  }
  return std::move(*found);
}

Status Context::ActFor(const storage::IntegrationRecord& integration) {
  Access access;
  access.integration_id = integration.id;
  auto caps = ParseCapabilities(integration.capabilities);
  // A capability list this version does not know gives no capability rather than all.
  access.caps = caps.ok() ? *caps : Capabilities{};
  LN_ASSIGN_OR_RETURN(auto shares, store_.ListShares(integration.id));
  // With the whole workspace shared no share is looked up (Visible, ShareCreated).
  access.everything = std::find(shares.begin(), shares.end(), storage::kWholeWorkspace) != shares.end();
  if (!access.everything) {
    for (auto& id : shares) access.shares.insert(std::move(id));
  }
  access_ = std::move(access);
  return OkStatus();
}

Result<bool> Context::Visible(std::string_view kind, const std::string& id, const storage::PageRecord* known) {
  if (access_.everything) return true;
  std::string k(kind);
  std::string cur = id;
  std::vector<std::string> walked;
  bool visible = false;
  for (int depth = 0; depth < kMaxDepth; ++depth) {
    if (access_.shares.count(cur)) {
      visible = true;
      break;
    }
    if (auto it = access_.seen.find(cur); it != access_.seen.end()) {
      visible = it->second;
      break;
    }
    walked.push_back(cur);
    std::string parent_type;
    std::string parent_id;
    if (k == "page") {
      std::shared_ptr<const storage::PageRecord> read;
      if (known == nullptr || depth != 0 || known->id != cur) {
        LN_ASSIGN_OR_RETURN(read, store_.GetPageShared(cur));
        if (!read) break;
      }
      const storage::PageRecord& page = read ? *read : *known;
      parent_type = page.parent_type;
      parent_id = page.parent_id;
    } else if (k == "database") {
      LN_ASSIGN_OR_RETURN(auto db, store_.GetDatabase(cur));
      if (!db) break;
      parent_type = db->parent_type;
      parent_id = db->parent_id;
    } else if (k == "data_source") {
      LN_ASSIGN_OR_RETURN(auto source, store_.GetDataSource(cur));
      if (!source) break;
      parent_type = "database_id";
      parent_id = source->database_id;
    } else if (k == "block") {
      LN_ASSIGN_OR_RETURN(auto block, store_.GetBlock(cur));
      if (!block) break;
      parent_type = block->parent_type;
      parent_id = block->parent_id;
    } else {
      break;
    }
    // The workspace itself is never shared piecemeal. Blocks are followed up to their page.
    if (parent_type == "page_id") {
      k = "page";
    } else if (parent_type == "data_source_id") {
      k = "data_source";
    } else if (parent_type == "database_id") {
      k = "database";
    } else if (parent_type == "block_id") {
      k = "block";
    } else {
      break;
    }
    cur = std::move(parent_id);
  }
  for (auto& w : walked) access_.seen[std::move(w)] = visible;
  return visible;
}

Result<DatabasePtr> Context::LoadDatabase(const std::string& id) {
  LN_ASSIGN_OR_RETURN(auto db, store_.GetDatabase(id));
  if (!db) return NotFound("database", id);
  LN_ASSIGN_OR_RETURN(bool visible, Visible("database", id));
  if (!visible) return NotFound("database", id);
  return db;
}

Result<DataSourcePtr> Context::LoadDataSource(const std::string& id) {
  LN_ASSIGN_OR_RETURN(auto source, store_.GetDataSource(id));
  if (!source) return NotFound("data source", id);
  LN_ASSIGN_OR_RETURN(bool visible, Visible("data_source", id));
  if (!visible) return NotFound("data source", id);
  return source;
}

Status Context::ShareCreated(const std::string& id, std::string_view parent_type) {
  if (access_.everything || parent_type != "workspace" || access_.integration_id.empty()) return OkStatus();
  LN_RETURN_IF_ERROR(store_.PutShare(access_.integration_id, id));
  access_.shares.insert(id);
  return OkStatus();
}

}  // namespace localnotion::service
