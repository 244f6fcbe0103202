// Registry: which database a workspace's store lives in (storage/shard_map.h), and the
// catalog entry as the admin API shows it.
#include <charconv>

#include "common/clock.h"
#include "service/workspaces/workspaces.h"

namespace localnotion::service::workspaces {
namespace {

// The catalog's shard map, in the main store's meta; kept by Reset (storage/txn.h).
constexpr const char* kShardMapKey = "shard_map";

// The logical shard an entry names, -1 when it names none ("" or not a number).
int LogicalShard(const storage::WorkspaceRecord& record) {
  int logical = -1;
  const char* end = record.shard.data() + record.shard.size();
  auto [ptr, ec] = std::from_chars(record.shard.data(), end, logical);
  return ec == std::errc() && ptr == end && !record.shard.empty() ? logical : -1;
}

}  // namespace

json::value Registry::Describe(const storage::WorkspaceRecord& w) const {
  json::object out{{"object", "workspace"},
                   {"id", w.id},
                   {"name", w.name},
                   {"created_time", FormatIso8601(w.created_time)},
                   {"default", false}};
  if (!w.shard.empty()) {
    const int logical = LogicalShard(w);
    json::object shard{{"logical", logical}};
    if (shards_) shard["database"] = shards_->KeyOf(logical);
    out["shard"] = std::move(shard);
  }
  return out;
}

Result<std::string> Registry::BaseUrlOf(const storage::WorkspaceRecord& record) const {
  if (record.shard.empty()) return main_url_;
  const int logical = LogicalShard(record);
  if (logical < 0) return InternalError("workspace " + record.id + " names no logical shard: " + record.shard);
  if (!shards_) {
    return InternalError("workspace " + record.id + " lives in logical shard " + record.shard +
                         "; start the server with the shard databases (--shard)");
  }
  return shards_->UrlOf(logical);
}

Status Registry::UseShards(const std::vector<std::string>& urls) {
  LN_ASSIGN_OR_RETURN(storage::ShardMap planned, storage::PlanShardMap(urls));
  auto bound = storage::InTxn(main_, storage::TxnMode::kWrite, [&](storage::Txn& txn) -> Result<storage::ShardMap> {
    LN_ASSIGN_OR_RETURN(auto stored, txn.GetMeta(kShardMapKey));
    if (stored) return storage::BindShardMap(*stored, urls);
    LN_RETURN_IF_ERROR(txn.PutMeta(kShardMapKey, storage::EncodeShardMap(planned)));
    return planned;
  });
  if (!bound.ok()) return bound.error();
  shards_ = std::move(*bound);
  return OkStatus();
}

}  // namespace localnotion::service::workspaces
