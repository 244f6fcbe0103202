// Many workspaces in one server (docs/workspaces.md): the registry of the workspaces a
// server holds open, for the admin API, the CLI and the routing of every request.
//
// A workspace is a whole storage::Store of its own (storage/workspace_stores.h) with a
// ServiceState of its own (caches, webhook wake-up), so nothing of one workspace is seen
// by another: ids guessed across workspaces are simply not there. The main store, given
// as --db, holds the default workspace (today's single workspace, unchanged) and the
// catalog (storage/workspace_records.h): the other workspaces and the map from each
// integration token's hash to its workspace. With shards (UseShards, --shard), the
// workspaces created from then on live in other PostgreSQL databases instead, each in the
// database its logical shard maps to (storage/shard_map.h); the catalog stays in the main
// store.
//
// Workspaces other than the default are opened on first use and kept open; deleting one
// removes it from the catalog at once and closes its store (and removes its files) once
// the last request that holds it ends. Opening one brings its store up to date:
// Bootstrap (its owner, its first integration) and its tokens in the catalog.
//
// Catalog consistency: a workspace's store and the main store are separate stores, so
// no transaction spans both. Every change of a workspace's integrations is followed by
// SyncTokens, which makes the catalog's token map hold exactly the workspace's tokens;
// opening a workspace does it too, so a crash between the two leaves at worst a token
// that works again once its workspace is next opened through the admin API. A
// workspace's store is made before its catalog entry: a crash in between leaves an
// unused file, never a catalog entry without a store.
//
// Commits. The catalog writes take an `on_durable` callback (storage::Txn::CommitAsync):
// with one, the call returns once the write is in the main store's commit group and the
// callback reports durability, so that a server thread never waits for a commit group
// that its own event loop must flush; without one, the call waits (the CLI). The
// workspaces' own stores time their commits themselves (no loop poster), so a
// synchronous commit there (the admin API's) never waits for the loop either.
//
// Thread-safe. A Workspace handed out stays usable while its holder keeps it, even once
// deleted; the registry must outlive every holder.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "service/service_state.h"
#include "storage/shard_map.h"
#include "storage/store.h"
#include "storage/workspace_records.h"

namespace localnotion::service::webhooks {
class Dispatcher;
class WebhookSender;
}  // namespace localnotion::service::webhooks
namespace localnotion::service::uploads {
class Importer;
class UrlFetcher;
}  // namespace localnotion::service::uploads

namespace localnotion::service::workspaces {

// One open workspace: its store and its state. The default workspace's are the server's
// main store and state; the others' are owned here.
class Workspace {
 public:
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // The catalog id; "" for the default workspace (whose own id is in its meta and may
  // change when a fixture is seeded into it).
  const std::string& id() const { return id_; }
  bool is_default() const { return id_.empty(); }
  storage::Store& store() { return *store_; }
  ServiceState& state() { return *state_; }

 private:
  friend class Registry;
  Workspace() = default;

  std::string id_;
  std::string base_url_;  // the URL its store's URL is derived from (storage/workspace_stores.h)
  storage::Store* store_ = nullptr;
  ServiceState* state_ = nullptr;
  std::shared_ptr<storage::Store> owned_store_;
  std::unique_ptr<ServiceState> owned_state_;
  std::unique_ptr<webhooks::Dispatcher> dispatcher_;
  std::unique_ptr<uploads::Importer> importer_;
  bool drop_on_close_ = false;  // deleted: remove its store once closed
};

// What creating a workspace answers: its catalog entry, the token of its first
// integration and its workspace-scoped admin token (both shown once).
struct CreatedWorkspace {
  storage::WorkspaceRecord record;
  storage::IntegrationRecord integration;
  std::string token;
  std::string admin_token;
};

class Registry {
 public:
  // `main` holds the default workspace (its state `main_state`) and the catalog;
  // `main_url` is the URL it was opened from, from which the workspaces' store URLs are
  // derived. With a `sender`, each workspace opened gets a webhook dispatcher of its own
  // (the default workspace's is its owner's business); with a `fetcher`, an importer of
  // external_url uploads (uploads/import.h) likewise.
  Registry(storage::Store& main, ServiceState& main_state, std::string main_url,
           webhooks::WebhookSender* sender = nullptr, uploads::UrlFetcher* fetcher = nullptr);
  ~Registry();

  storage::Store& main_store() { return main_; }
  std::shared_ptr<Workspace> Default() { return default_; }

  // The workspace `id`, opened on first use. The default workspace's own id (its meta
  // "workspace_id") names it too. kObjectNotFound "Could not find workspace with ID: X."
  // for an unknown id.
  Result<std::shared_ptr<Workspace>> Find(std::string_view id);

  // The workspace a bearer token belongs to: the catalog's answer for its hash, else the
  // default workspace. Answers are memoized (bounded, like TokenHashes) and forgotten on
  // every catalog write of this process; `fresh` looks the catalog up again (for a token
  // the memo placed in a workspace that does not know it: a CLI may have changed the
  // catalog on disk).
  Result<std::shared_ptr<Workspace>> OfTokenHash(const std::string& secret_hash, bool fresh = false);

  // The workspace whose admin token is `token`, nullopt when it is none's.
  Result<std::optional<storage::WorkspaceRecord>> OfAdminToken(std::string_view token);

  // Creates a workspace named `name` (kValidationError when empty or longer than 200
  // bytes).
  Result<CreatedWorkspace> Create(std::string_view name, storage::Txn::DurableCallback on_durable = nullptr);
  // {object:"list", results:[workspace...]}, the default workspace first.
  Result<json::value> List();
  // {object:"workspace", id, name, created_time, default} of the workspace `id`.
  Result<json::value> Describe(std::string_view id);
  // The same of a catalog entry; with "shard": {"logical", "database"} when the
  // workspace lives in a logical shard (docs/storage.md "Shards").
  json::value Describe(const storage::WorkspaceRecord& record) const;

  // Spreads the workspaces created from now on over the PostgreSQL databases `urls`
  // (storage/shard_map.h): reads the catalog's shard map from the main store's meta
  // ("shard_map") and binds it to `urls`, or plans one over `urls` and keeps it there
  // when the catalog has none (in one write transaction, so that instances starting at
  // once agree on the first one's). kInvalidRequest when `urls` do not match the stored
  // map (a database missing or extra). Call before serving; without it workspaces live
  // beside the main store, and one created in a logical shard cannot be opened.
  Status UseShards(const std::vector<std::string>& urls);
  // The bound shard map, null when UseShards was not called.
  const storage::ShardMap* shards() const { return shards_ ? &*shards_ : nullptr; }
  // Deletes a workspace and everything in it. The default workspace cannot be deleted
  // (kValidationError); an unknown one gives kObjectNotFound.
  Status Delete(std::string_view id, storage::Txn::DurableCallback on_durable = nullptr);

  // Makes the catalog's token map hold exactly the tokens of `ws`'s integrations (no-op
  // for the default workspace, whose tokens are found in the main store).
  Status SyncTokens(Workspace& ws, storage::Txn::DurableCallback on_durable = nullptr);
  // kValidationError when an integration of `ws` (as `txn` sees it, inside the
  // transaction that is about to commit) has a token that belongs to another workspace:
  // a token names one workspace. `txn` must be a transaction of `ws`'s store.
  Status CheckTokensFree(Workspace& ws, storage::Txn& txn);

  // The server's event loop for the main store's group commits (storage/store.h); null
  // unsets it.
  void SetLoopPoster(storage::Store::LoopPoster post) { main_.SetLoopPoster(std::move(post)); }

 private:
  // Opens the store of `record` and brings it up to date; `creating` leaves the catalog
  // and the open list to Create.
  Result<std::shared_ptr<Workspace>> Open(const storage::WorkspaceRecord& record, bool creating = false);
  // The URL the store of `record` is derived from: the main store's when it has no
  // shard, else the database of its logical shard.
  Result<std::string> BaseUrlOf(const storage::WorkspaceRecord& record) const;
  Result<std::optional<storage::WorkspaceRecord>> ReadRecord(std::string_view id);
  Result<std::string> DefaultId();
  // Runs `fn` in a write transaction of the main store and commits it (see Commits
  // above); the token memo is forgotten once it is in the group and again once durable.
  // A transaction that lost a race on PostgreSQL (Txn::ShouldRetry) runs `fn` again,
  // storage::kTxnAttempts times in all, as service::RunInTxn does.
  Status WriteMain(const std::function<Status(storage::Txn&)>& fn, storage::Txn::DurableCallback on_durable);
  Status SyncTokensIn(storage::Txn& main, Workspace& ws, const std::vector<std::string>& hashes);
  Result<std::vector<std::string>> TokensOf(Workspace& ws);

  storage::Store& main_;
  ServiceState& main_state_;
  std::string main_url_;
  webhooks::WebhookSender* sender_;
  uploads::UrlFetcher* fetcher_;
  std::shared_ptr<Workspace> default_;
  std::optional<storage::ShardMap> shards_;

  // Serializes opening and deleting workspaces (slow: files, transactions).
  std::mutex open_mu_;
  // Guards what follows; held only briefly.
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<Workspace>> open_;
  // Token hash -> workspace id ("" default). Shared with the commit callbacks, which may
  // run after the registry is gone.
  struct Memo {
    static constexpr size_t kMax = 1024;
    std::mutex mu;
    std::unordered_map<std::string, std::string> workspace_of;
    void Forget() {
      std::lock_guard<std::mutex> lock(mu);
      workspace_of.clear();
    }
  };
  std::shared_ptr<Memo> memo_ = std::make_shared<Memo>();
};

}  // namespace localnotion::service::workspaces
