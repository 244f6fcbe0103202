// The Free workspace block limit, emulated when `serve --block-limit N` sets
// ServiceOptions::block_limit (off by default). Notion
// (https://developers.notion.com/reference/workspace-block-limits): a Free workspace
// with more than one member has 1,000 lifetime blocks; deleting blocks does not restore
// capacity; the write that first reaches the limit succeeds; after a three-day grace
// period, writes that create blocks fail with 403 restricted_resource (api/limits.h),
// while reads, deletes and edits that create nothing go on.
//
// What localnotion counts (docs/compat.md, "Workspace block limit"): every page,
// database and block that a request creates (a page's child_page row is the page, not
// another block), in a counter kept in the workspace's meta, so that it survives
// restarts, is rolled back with a failed request, and starts again at 0 when the
// workspace is reset. Fixture imports are not counted. There is no grace period: once
// the count has reached the limit, the next request that creates anything is refused.
#pragma once

#include "service/core/context.h"

namespace localnotion::service {

// The meta keys of the counter and of the request that reached the limit.
inline constexpr std::string_view kLifetimeBlocksMeta = "lifetime_blocks";
inline constexpr std::string_view kBlockLimitReachedByMeta = "block_limit_reached_by";

// Counts one created page, database or block for `caller`'s request. When the limit is
// on and the workspace had already reached it before this request, returns Notion's 403
// instead; the request that reaches it may go on creating (all of its content is one
// write).
Status ChargeBlockCreation(storage::Txn& store, const ServiceOptions& options, const Caller& caller);

// The blocks counted so far (0 when nothing was counted).
Result<int64_t> LifetimeBlocks(storage::Txn& store);

}  // namespace localnotion::service
