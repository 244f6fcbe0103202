// The ids of a store's answer to search's order (PageRecords::ListPageHeadsByEdit): newest
// first, at most ten, each followed by a space; "" when the store answered no list or
// failed. What the tests of the edit-second migrations compare.
#pragma once

#include <optional>
#include <string>

#include "storage/txn.h"

namespace localnotion::testing {

inline std::string NewestHeadIds(storage::PageRecords& records,
                                 const std::optional<storage::EditOrderStart>& start = std::nullopt) {
  auto heads = records.ListPageHeadsByEdit(/*ascending=*/false, start, 10);
  std::string out;
  if (heads.ok() && heads->has_value()) {
    for (const storage::PageHead& h : **heads) out += h.id + " ";
  }
  return out;
}

}  // namespace localnotion::testing
