#include "service/core/block_limit.h"

#include <charconv>
#include <string>

#include "api/limits.h"

namespace localnotion::service {

Result<int64_t> LifetimeBlocks(storage::Txn& store) {
  LN_ASSIGN_OR_RETURN(std::optional<std::string> stored, store.GetMeta(kLifetimeBlocksMeta));
  int64_t n = 0;
  if (stored && !stored->empty()) std::from_chars(stored->data(), stored->data() + stored->size(), n);
  return n;
}

Status ChargeBlockCreation(storage::Txn& store, const ServiceOptions& options, const Caller& caller) {
  if (options.block_limit <= 0) return OkStatus();
  LN_ASSIGN_OR_RETURN(int64_t count, LifetimeBlocks(store));
  if (count >= options.block_limit) {
    // Only the request that reached the limit (it is still creating) may go on.
    LN_ASSIGN_OR_RETURN(std::optional<std::string> reached_by, store.GetMeta(kBlockLimitReachedByMeta));
    if (caller.request_id.empty() || reached_by != caller.request_id) return api::WorkspaceBlockLimitError();
  } else if (count + 1 >= options.block_limit) {
    LN_RETURN_IF_ERROR(store.PutMeta(kBlockLimitReachedByMeta, caller.request_id));
  }
  return store.PutMeta(kLifetimeBlocksMeta, std::to_string(count + 1));
}

}  // namespace localnotion::service
