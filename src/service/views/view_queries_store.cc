#include "service/views/view_queries_store.h"

namespace localnotion::service {

void ViewQueries::Put(std::shared_ptr<const ViewQueryResult> query) {
  std::lock_guard<std::mutex> lock(mu_);
  order_.push_back(query->id);
  queries_[query->id] = std::move(query);
  while (order_.size() > kMaxQueries) {
    queries_.erase(order_.front());
    order_.pop_front();
  }
}

std::shared_ptr<const ViewQueryResult> ViewQueries::Find(const std::string& id, Millis now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = queries_.find(id);
  if (it == queries_.end() || it->second->expires_at <= now) return nullptr;
  return it->second;
}

void ViewQueries::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  queries_.erase(id);
  // The id stays in order_ until it is the oldest; erasing an absent key then is harmless.
}

void ViewQueries::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  queries_.clear();
  order_.clear();
}

}  // namespace localnotion::service
