// For service tests: a Service over a SQLite store on a file in a fresh temporary
// directory (removed after the test), and Run(), which runs a call in a unit and commits
// its batch as the server does after each request.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "service/service.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace localnotion::service {

inline json::value J(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v ? *v : json::value(nullptr);
}

template <class Base = ::testing::Test>
class ServiceTestBase : public Base {
 protected:
  // Opens the store (behind the CachingStore as in production, or bare) and a Service.
  void OpenService(bool caching = true) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ln_service_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    const std::string path = (std::filesystem::path(dir_) / "ln.db").string();
    auto opened = caching ? storage::OpenStore("sqlite:" + path) : storage::SqliteStore::Open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    service_ = std::make_unique<Service>(*store_);
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  template <class F>
  auto Run(F&& fn) -> decltype(fn()) {
    auto result = service_->InUnit(fn);
    EXPECT_TRUE(store_->CommitBatch().ok());
    return result;
  }

  std::string dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Service> service_;
};

}  // namespace localnotion::service
