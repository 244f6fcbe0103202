#include <algorithm>
#include <set>

#include "common/clock.h"
#include "common/sha256.h"
#include "common/token.h"
#include "common/uuid.h"
#include "service/admin/admin.h"
#include "service/service.h"
#include "service/uploads/import.h"
#include "service/webhooks/dispatcher.h"
#include "service/workspaces/workspaces.h"
#include "storage/workspace_stores.h"

namespace localnotion::service::workspaces {
namespace {

// Workspace names are shown by users/me and webhook events; Notion's own limit on
// names is not published, so this one (in UTF-8 bytes) only keeps them readable
// (docs/compat.md).
constexpr size_t kMaxNameLength = 200;

Error NoSuchWorkspace(std::string_view id) {
  return MakeError(ErrorCode::kObjectNotFound, "Could not find workspace with ID: " + std::string(id) + ".");
}

template <class F>
auto InMain(storage::Store& store, storage::TxnMode mode, F&& fn) {
  return storage::InTxn(store, mode, std::forward<F>(fn));
}

}  // namespace

Workspace::~Workspace() {
  dispatcher_.reset();  // its threads use the store
  importer_.reset();    // so does its thread
  owned_store_.reset();
  if (drop_on_close_) (void)storage::DropWorkspaceStore(base_url_, id_);
}

Registry::Registry(storage::Store& main, ServiceState& main_state, std::string main_url,
                   webhooks::WebhookSender* sender, uploads::UrlFetcher* fetcher)
    : main_(main), main_state_(main_state), main_url_(std::move(main_url)), sender_(sender), fetcher_(fetcher) {
  default_.reset(new Workspace());
  default_->store_ = &main_;
  default_->state_ = &main_state_;
}

Registry::~Registry() {
  std::lock_guard<std::mutex> lock(mu_);
  open_.clear();
}

Result<std::string> Registry::DefaultId() {
  return InMain(main_, storage::TxnMode::kRead, [](storage::Txn& txn) -> Result<std::string> {
    LN_ASSIGN_OR_RETURN(auto id, txn.GetMeta("workspace_id"));
    return id.value_or("");
  });
}

Result<std::optional<storage::WorkspaceRecord>> Registry::ReadRecord(std::string_view id) {
  return InMain(main_, storage::TxnMode::kRead, [&](storage::Txn& txn) { return txn.GetWorkspace(id); });
}

Status Registry::WriteMain(const std::function<Status(storage::Txn&)>& fn, storage::Txn::DurableCallback on_durable) {
  // A lost race on PostgreSQL runs `fn` again, as service::RunInTxn does.
  std::unique_ptr<storage::Txn> txn;
  for (int attempt = 1;; ++attempt) {
    LN_ASSIGN_OR_RETURN(txn, main_.Begin(storage::TxnMode::kWrite));
    Status done = fn(*txn);
    if (done.ok()) break;
    if (attempt >= storage::kTxnAttempts || !txn->ShouldRetry()) return done;
    txn.reset();
    storage::RetryPause(attempt);
  }
  if (!on_durable) {
    Status committed = txn->Commit();
    memo_->Forget();
    return committed;
  }
  txn->CommitAsync([memo = memo_, on_durable = std::move(on_durable)](Status status) {
    memo->Forget();
    on_durable(std::move(status));
  });
  memo_->Forget();
  return OkStatus();
}

Result<std::vector<std::string>> Registry::TokensOf(Workspace& ws) {
  LN_ASSIGN_OR_RETURN(auto integrations, storage::InTxn(ws.store(), storage::TxnMode::kRead,
                                                        [](storage::Txn& txn) { return txn.ListIntegrations(); }));
  std::vector<std::string> hashes;
  for (const auto& in : integrations) hashes.push_back(in.secret_hash);
  return hashes;
}

Status Registry::SyncTokensIn(storage::Txn& txn, Workspace& ws, const std::vector<std::string>& hashes) {
  const std::set<std::string> wanted(hashes.begin(), hashes.end());
  LN_ASSIGN_OR_RETURN(auto mapped, txn.ListWorkspaceTokens(ws.id()));
  for (const std::string& hash : mapped) {
    if (!wanted.count(hash)) LN_RETURN_IF_ERROR(txn.DeleteWorkspaceToken(hash));
  }
  for (const std::string& hash : wanted) {
    if (std::binary_search(mapped.begin(), mapped.end(), hash)) continue;
    // A token that another workspace holds stays that workspace's (CheckTokensFree).
    LN_ASSIGN_OR_RETURN(auto holder, txn.FindWorkspaceOfToken(hash));
    if (holder && *holder != ws.id()) continue;
    LN_RETURN_IF_ERROR(txn.PutWorkspaceToken(hash, ws.id()));
  }
  return OkStatus();
}

Result<std::shared_ptr<Workspace>> Registry::Open(const storage::WorkspaceRecord& record, bool creating) {
  LN_ASSIGN_OR_RETURN(std::string base_url, BaseUrlOf(record));
  LN_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> opened, storage::OpenWorkspaceStore(base_url, record.id));
  std::shared_ptr<Workspace> ws(new Workspace());
  ws->id_ = record.id;
  ws->base_url_ = base_url;
  ws->owned_store_ = std::move(opened);
  ws->owned_state_ = std::make_unique<ServiceState>();
  ws->owned_state_->options = main_state_.options;
  ws->owned_state_->workspace = WorkspaceIdentity{record.id, record.name, "/_localnotion/workspaces/" + record.id};
  ws->owned_state_->snapshots.Share(ws->owned_store_->shared_controls());
  ws->store_ = ws->owned_store_.get();
  ws->state_ = ws->owned_state_.get();
  auto booted = RunInTxn(*ws->store_, *ws->state_, storage::TxnMode::kWrite,
                         [](Context& ctx) { return admin::Bootstrap(ctx, {}); });
  if (!booted.ok()) return booted.error();
  // Repairs the token map after a crash between a workspace's write and its catalog's;
  // nothing waits for it (Create writes the map itself, durably).
  if (!creating) LN_RETURN_IF_ERROR(SyncTokens(*ws, [](Status) {}));
  if (sender_ != nullptr) {
    ws->dispatcher_ = std::make_unique<webhooks::Dispatcher>(*ws->store_, *ws->state_, *sender_, /*senders=*/1);
    ws->state_->wake_webhooks = [d = ws->dispatcher_.get()] { d->Wake(); };
    ws->dispatcher_->Start();
  }
  if (fetcher_ != nullptr) {
    ws->importer_ = std::make_unique<uploads::Importer>(*ws->store_, *ws->state_, *fetcher_);
    ws->state_->import_file = [i = ws->importer_.get()](const std::string& id) { i->Enqueue(id); };
    ws->importer_->Start();
  }
  if (!creating) {
    std::lock_guard<std::mutex> lock(mu_);
    open_[record.id] = ws;
  }
  return ws;
}

Result<std::shared_ptr<Workspace>> Registry::Find(std::string_view id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = open_.find(std::string(id));
    if (it != open_.end()) return it->second;
  }
  std::lock_guard<std::mutex> opening(open_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = open_.find(std::string(id));
    if (it != open_.end()) return it->second;
  }
  LN_ASSIGN_OR_RETURN(auto record, ReadRecord(id));
  if (record) return Open(*record);
  LN_ASSIGN_OR_RETURN(std::string default_id, DefaultId());
  if (!id.empty() && id == default_id) return default_;
  return NoSuchWorkspace(id);
}

Result<std::shared_ptr<Workspace>> Registry::OfTokenHash(const std::string& secret_hash, bool fresh) {
  std::optional<std::string> known;
  if (!fresh) {
    std::lock_guard<std::mutex> lock(memo_->mu);
    auto it = memo_->workspace_of.find(secret_hash);
    if (it != memo_->workspace_of.end()) known = it->second;
  }
  if (!known) {
    LN_ASSIGN_OR_RETURN(auto found, InMain(main_, storage::TxnMode::kRead,
                                           [&](storage::Txn& txn) { return txn.FindWorkspaceOfToken(secret_hash); }));
    known = found.value_or("");
    std::lock_guard<std::mutex> lock(memo_->mu);
    if (memo_->workspace_of.size() >= Memo::kMax) memo_->workspace_of.clear();
    memo_->workspace_of[secret_hash] = *known;
  }
  if (known->empty()) return default_;
  auto ws = Find(*known);
  // A workspace deleted meanwhile: its tokens are no one's.
  if (!ws.ok() && ws.error().code == ErrorCode::kObjectNotFound) return default_;
  return ws;
}

Result<std::optional<storage::WorkspaceRecord>> Registry::OfAdminToken(std::string_view token) {
  const std::string hash = main_state_.token_hashes.HashOf(token);
  return InMain(main_, storage::TxnMode::kRead,
                [&](storage::Txn& txn) { return txn.FindWorkspaceByAdminTokenHash(hash); });
}

Result<CreatedWorkspace> Registry::Create(std::string_view name, storage::Txn::DurableCallback on_durable) {
  if (name.empty() || name.size() > kMaxNameLength) {
    return ValidationError("body failed validation: body.name should be a non-empty string of at most " +
                           std::to_string(kMaxNameLength) + " bytes.");
  }
  CreatedWorkspace out;
  out.admin_token = "admin_" + NewIntegrationToken().substr(4);
  out.record = storage::WorkspaceRecord{NewUuid(), std::string(name), NowMillis(), Sha256Hex(out.admin_token), ""};
  // With shards, the id picks the logical shard (storage/shard_map.h), kept in the entry.
  if (shards_) out.record.shard = std::to_string(shards_->LogicalShardOf(out.record.id));
  std::lock_guard<std::mutex> opening(open_mu_);
  // The store first, then the catalog entry with the store's tokens in one write.
  LN_ASSIGN_OR_RETURN(std::shared_ptr<Workspace> ws, Open(out.record, /*creating=*/true));
  auto first = RunInTxn(ws->store(), ws->state(), storage::TxnMode::kRead,
                        [&](Context& ctx) -> Result<std::pair<std::string, storage::IntegrationRecord>> {
                          LN_ASSIGN_OR_RETURN(auto token, ctx.store().GetMeta("default_token"));
                          if (!token) return InternalError("the new workspace has no token");
                          LN_ASSIGN_OR_RETURN(auto in, ctx.store().FindIntegrationBySecretHash(Sha256Hex(*token)));
                          if (!in) return InternalError("the new workspace has no integration");
                          return std::make_pair(*token, *in);
                        });
  if (!first.ok()) return first.error();
  out.token = first->first;
  out.integration = first->second;
  LN_ASSIGN_OR_RETURN(std::vector<std::string> hashes, TokensOf(*ws));
  LN_RETURN_IF_ERROR(WriteMain(
      [&](storage::Txn& txn) -> Status {
        LN_RETURN_IF_ERROR(txn.PutWorkspace(out.record));
        return SyncTokensIn(txn, *ws, hashes);
      },
      std::move(on_durable)));
  std::lock_guard<std::mutex> lock(mu_);
  open_[out.record.id] = ws;
  return out;
}

Result<json::value> Registry::List() {
  LN_ASSIGN_OR_RETURN(json::value first, Describe(""));
  LN_ASSIGN_OR_RETURN(auto all,
                      InMain(main_, storage::TxnMode::kRead, [](storage::Txn& txn) { return txn.ListWorkspaces(); }));
  json::array results{first};
  for (const auto& w : all) results.push_back(Describe(w));
  return json::value(json::object{{"object", "list"}, {"results", std::move(results)}});
}

Result<json::value> Registry::Describe(std::string_view id) {
  if (!id.empty()) {
    LN_ASSIGN_OR_RETURN(auto record, ReadRecord(id));
    if (record) return Describe(*record);
  }
  LN_ASSIGN_OR_RETURN(auto meta, InMain(main_, storage::TxnMode::kRead,
                                        [](storage::Txn& txn) -> Result<std::pair<std::string, std::string>> {
                                          LN_ASSIGN_OR_RETURN(auto wid, txn.GetMeta("workspace_id"));
                                          LN_ASSIGN_OR_RETURN(auto name, txn.GetMeta("workspace_name"));
                                          return std::make_pair(wid.value_or(""), name.value_or("localnotion"));
                                        }));
  if (!id.empty() && id != meta.first) return NoSuchWorkspace(id);
  return json::value(json::object{{"object", "workspace"},
                                  {"id", meta.first},
                                  {"name", meta.second},
                                  {"created_time", nullptr},
                                  {"default", true}});
}

Status Registry::Delete(std::string_view id, storage::Txn::DurableCallback on_durable) {
  std::lock_guard<std::mutex> opening(open_mu_);
  LN_ASSIGN_OR_RETURN(auto record, ReadRecord(id));
  if (!record) {
    LN_ASSIGN_OR_RETURN(std::string default_id, DefaultId());
    if (!id.empty() && id == default_id) return ValidationError("The default workspace cannot be deleted.");
    return NoSuchWorkspace(id);
  }
  LN_RETURN_IF_ERROR(WriteMain([&](storage::Txn& txn) { return txn.DeleteWorkspace(id); }, std::move(on_durable)));
  std::shared_ptr<Workspace> ws;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = open_.find(std::string(id));
    if (it != open_.end()) {
      ws = std::move(it->second);
      open_.erase(it);
    }
  }
  if (!ws) {
    LN_ASSIGN_OR_RETURN(std::string base_url, BaseUrlOf(*record));
    return storage::DropWorkspaceStore(base_url, id);
  }
  // Removed once the last request holding it ends (here, when none does).
  ws->drop_on_close_ = true;
  return OkStatus();
}

Status Registry::SyncTokens(Workspace& ws, storage::Txn::DurableCallback on_durable) {
  if (ws.is_default()) {
    if (on_durable) on_durable(OkStatus());
    return OkStatus();
  }
  LN_ASSIGN_OR_RETURN(std::vector<std::string> hashes, TokensOf(ws));
  return WriteMain([&](storage::Txn& txn) { return SyncTokensIn(txn, ws, hashes); }, std::move(on_durable));
}

Status Registry::CheckTokensFree(Workspace& ws, storage::Txn& txn) {
  LN_ASSIGN_OR_RETURN(auto integrations, txn.ListIntegrations());
  auto taken = [&](storage::Txn& catalog, bool in_main) -> Result<bool> {
    for (const auto& in : integrations) {
      LN_ASSIGN_OR_RETURN(auto holder, catalog.FindWorkspaceOfToken(in.secret_hash));
      if (holder && *holder != ws.id()) return true;
      if (in_main && !ws.is_default()) {
        // The default workspace's tokens are its integrations in the main store.
        LN_ASSIGN_OR_RETURN(auto there, catalog.FindIntegrationBySecretHash(in.secret_hash));
        if (there) return true;
      }
    }
    return false;
  };
  // The default workspace's transaction is on the main store itself, which holds the
  // catalog (a second transaction there could wait for this one).
  Result<bool> clash =
      ws.is_default() ? taken(txn, false)
                      : InMain(main_, storage::TxnMode::kRead, [&](storage::Txn& main) { return taken(main, true); });
  if (!clash.ok()) return clash.error();
  if (*clash) {
    return ValidationError(
        "body failed validation: a token of body.integrations is the token of an integration of another "
        "workspace; a token belongs to one workspace.");
  }
  return OkStatus();
}

}  // namespace localnotion::service::workspaces
