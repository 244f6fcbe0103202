#include "storage/txn.h"

#include <future>

namespace localnotion::storage {

Status Txn::Commit() {
  std::promise<Status> promise;
  std::future<Status> durable = promise.get_future();
  CommitAsync([&promise](Status status) { promise.set_value(std::move(status)); });
  return durable.get();
}

}  // namespace localnotion::storage
