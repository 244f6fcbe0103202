#include "storage/txn.h"

#include <algorithm>
#include <future>

namespace localnotion::storage {

Status Txn::Commit() {
  std::promise<Status> promise;
  std::future<Status> durable = promise.get_future();
  CommitAsync([&promise](Status status) { promise.set_value(std::move(status)); });
  return durable.get();
}

std::optional<std::vector<PageHead>> PageHeadsByEdit(std::vector<PageHead> heads, bool ascending,
                                                     const std::optional<EditOrderStart>& start, size_t limit) {
  // A head's place: its edit time, then its place in creation order (its index here).
  struct Placed {
    Millis edited;
    size_t created;
  };
  auto before = [ascending](const Placed& a, const Placed& b) {
    if (a.edited != b.edited) return ascending ? a.edited < b.edited : a.edited > b.edited;
    return a.created < b.created;
  };
  std::optional<Placed> from;
  if (start && !start->page_id.empty()) {
    auto it = std::find_if(heads.begin(), heads.end(), [&](const PageHead& h) { return h.id == start->page_id; });
    if (it == heads.end()) return std::nullopt;
    from = Placed{it->last_edited_time, static_cast<size_t>(it - heads.begin())};
  }
  std::vector<std::pair<Placed, size_t>> chosen;
  for (size_t i = 0; i < heads.size(); ++i) {
    const Placed at{heads[i].last_edited_time, i};
    if (heads[i].in_trash) continue;
    if (from && before(at, *from)) continue;
    if (start && start->page_id.empty() && (ascending ? at.edited <= start->edited : at.edited >= start->edited)) {
      continue;
    }
    chosen.emplace_back(at, i);
  }
  const size_t kept = std::min(limit, chosen.size());
  std::partial_sort(chosen.begin(), chosen.begin() + static_cast<std::ptrdiff_t>(kept), chosen.end(),
                    [&](const auto& a, const auto& b) { return before(a.first, b.first); });
  std::vector<PageHead> out;
  out.reserve(kept);
  for (size_t i = 0; i < kept; ++i) out.push_back(std::move(heads[chosen[i].second]));
  return out;
}

}  // namespace localnotion::storage
