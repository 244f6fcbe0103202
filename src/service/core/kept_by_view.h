// What a thread works out from the records the CachingStore keeps (integrations, shares,
// users), kept across requests while the store shows the same records
// (storage::Txn::CachedRecordsView, docs/storage.md). Context::AuthenticateHash keeps the
// last token it authenticated this way, Context::WriteUserById the users it wrote.
#pragma once

#include <optional>
#include <utility>

#include "storage/txn.h"

namespace localnotion::service {

// One per thread (thread_local): not thread-safe.
template <class Value>
class KeptByView {
 public:
  using View = std::optional<storage::Txn::RecordsView>;

  // What was kept under `view`: a fresh Value when it was kept under another view;
  // nullptr without a view (nothing may be kept or used).
  Value* Under(const View& view) {
    if (!view) return nullptr;
    if (view_ != view) {
      value_ = Value{};
      view_ = view;
    }
    return &value_;
  }

  // Whether what `txn` read since it gave `before` (the view of Under) may be kept: only
  // when it still gives that view, which then names what was read.
  static bool StillUnder(const storage::Txn& txn, const View& before) {
    return before && txn.CachedRecordsView() == before;
  }

 private:
  View view_;
  Value value_{};
};

}  // namespace localnotion::service
