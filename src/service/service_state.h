// What the use cases share across requests, owned by whoever serves them (the server,
// the CLI, a test): configuration, and the process-wide caches. Everything here is
// thread-safe; everything per request lives in Context (core/context.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/token_hashes.h"
#include "schema/property_def.h"
#include "service/databases/query_snapshots.h"
#include "service/views/view_queries_store.h"
#include "storage/records.h"

namespace localnotion::service {

// Limits and switches set once at start (serve flags).
struct ServiceOptions {
  // The most pages one query returns, over all its pages of results (Notion: 10,000).
  // Beyond it the answers carry request_status "incomplete".
  size_t query_result_limit = 10000;
  // Whether page writes are recorded for GET /_localnotion/pages/{id}/history
  // (`serve --no-page-history` turns it off to save the row on every write).
  bool record_page_history = true;
  // The largest single-part upload, and the largest part of a multi-part upload
  // (Notion: 20 MB). The server sizes its body limit for /send from the same value.
  int64_t max_upload_part_bytes = 20 * 1024 * 1024;
  // The time a /v1 request may work before it stops with 504 gateway_timeout
  // (common/deadline.h); 0 for no limit. Notion's own limit is 60 s; this one is below
  // the official SDK's 60 s client timeout, so that the client sees the error.
  int64_t request_budget_ms = 30000;
  // Webhooks (service/webhooks/, docs/webhooks.md): how long aggregated events of one
  // entity are batched before they are sent, and the factor on the retry schedule
  // (1: Notion's, the last retry about 24 h after the event; tests use 0.0001).
  int64_t webhook_aggregation_ms = 1000;
  double webhook_retry_scale = 1.0;
  // How long the result of a view query (POST /v1/views/{id}/queries) can be paged
  // through; Notion keeps it about 15 minutes (`serve --view-query-ttl-seconds`).
  int64_t view_query_ttl_ms = 15 * 60 * 1000;
  // The Free workspace block limit (core/block_limit.h; `serve --block-limit N`): the
  // lifetime pages, databases and blocks a workspace's requests may create before
  // writes that create more are refused with Notion's 403. 0: no limit.
  int64_t block_limit = 0;
  // external_url imports (uploads/import.h): the URLs taken besides public https ones
  // (`serve --allow-import-from PREFIX`, validation/import_url.h), and how long one
  // download may take in all.
  std::vector<std::string> import_url_prefixes;
  // serve --import-ca-file: more certificates the https downloads of those imports trust
  // (read by the server's fetcher, http::UrlFetcherClient; "" for none).
  std::string import_ca_file;
  int64_t import_timeout_ms = 30000;
};

// Parsed schemas of data sources, keyed by the data source record they were parsed
// from: a record is an immutable snapshot (storage/txn.h), so an entry is valid as long
// as the store hands out the same record.
class SchemaCache {
 public:
  using SourcePtr = std::shared_ptr<const storage::DataSourceRecord>;
  using SchemaPtr = std::shared_ptr<const schema::Schema>;

  SchemaPtr Find(const SourcePtr& source) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(source->id);
    return it != entries_.end() && it->second.first == source ? it->second.second : nullptr;
  }
  void Put(const SourcePtr& source, SchemaPtr schema) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_[source->id] = {source, std::move(schema)};
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
  }

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::pair<SourcePtr, SchemaPtr>> entries_;
};

// A workspace created through the admin API (service/workspaces/), as its state knows
// it: its catalog id and name, which Bootstrap, Reset and seeding keep in its meta (a
// fixture's own workspace id and name do not replace them), and the path its hosted
// file links take. The default workspace has none.
struct WorkspaceIdentity {
  std::string id;
  std::string name;
  // "/_localnotion/workspaces/<id>": prefixed to hosted file links (core/files.cc).
  std::string path_prefix;
};

struct ServiceState {
  ServiceOptions options;
  // Set once, before serving; read-only afterwards.
  std::optional<WorkspaceIdentity> workspace;
  SchemaCache schemas;
  QuerySnapshots snapshots;
  ViewQueries view_queries;
  TokenHashes token_hashes;  // bearer token -> its stored hash
  // Wakes the webhook dispatcher after an admin call made something due (set once by
  // whoever runs one, before serving; service/webhooks/dispatcher.h). Null without one.
  std::function<void()> wake_webhooks;
  // Queues the download of a new external_url upload (uploads/import.h; set once by
  // whoever runs an Importer, before serving). Null without one: such uploads stay
  // pending until they expire.
  std::function<void(const std::string& upload_id)> import_file;

  // The tokens given to Bootstrap, for Reset.
  std::vector<std::string> tokens() const {
    std::lock_guard<std::mutex> lock(tokens_mu_);
    return tokens_;
  }
  void set_tokens(std::vector<std::string> tokens) {
    std::lock_guard<std::mutex> lock(tokens_mu_);
    tokens_ = std::move(tokens);
  }

 private:
  mutable std::mutex tokens_mu_;
  std::vector<std::string> tokens_;
};

}  // namespace localnotion::service
