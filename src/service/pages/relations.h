// Inside pages/: keeping the two sides of a dual_property relation in sync (relations.cc).
#pragma once

#include "service/core/context.h"

namespace localnotion::service::pages {

// `self` is the page being written (not yet saved): a link to itself is applied to it
// directly, so that saving it afterwards does not undo the synced side.
Status SyncDualRelations(Context& ctx, const Caller& caller, storage::PageRecord& self, const schema::PropertyDef& def,
                         const json::value* before, const json::value* after);

}  // namespace localnotion::service::pages
