// For service tests: a SQLite store on a file in a fresh temporary directory (removed
// after the test), and Run(), which runs a call as one request does: a Service made for
// it over a write transaction, committed when the call succeeds.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "service/service.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"
#include "testing/json.h"
#include "testing/temp_dir.h"
#include "testing/unit_store.h"

namespace localnotion::service {

using testing::J;

template <class Base = ::testing::Test>
class ServiceTestBase : public Base {
 protected:
  // Opens the store (behind the CachingStore as in production, or bare) and a Service.
  void OpenService(bool caching = true) {
    dir_.emplace("ln_service_");
    const std::string path = dir_->File("ln.db");
    Result<std::unique_ptr<storage::Store>> opened =
        caching ? storage::OpenStore("sqlite:" + path)
                : Result<std::unique_ptr<storage::Store>>(storage::SqliteStore::Open(path).value());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::make_unique<testing::UnitStore>(std::move(opened).value(), storage::TxnMode::kRead);
    service_ = std::make_unique<Service>(*store_, state_);
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    dir_.reset();
  }

  template <class F>
  auto Run(F&& fn) -> decltype(fn()) {
    EXPECT_TRUE(store_->BeginUnit().ok());
    service_ = std::make_unique<Service>(*store_, state_);
    auto result = fn();
    Status ended = store_->EndUnit(result.ok());
    EXPECT_TRUE(ended.ok()) << ended.error().message;
    return result;
  }

  std::optional<testing::TempDir> dir_;  // made by OpenService; declared before the store
  ServiceState state_;
  std::unique_ptr<testing::UnitStore> store_;  // units over the store's transactions
  std::unique_ptr<Service> service_;           // made anew for each Run, as per request
};

}  // namespace localnotion::service
