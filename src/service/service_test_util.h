// For service tests: a SQLite store on a file in a fresh temporary directory (removed
// after the test), and Run(), which runs a call as one request does: a Context made for
// it over a write transaction, committed when the call succeeds.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "service/admin/admin.h"
#include "service/pages/pages.h"
#include "service/service.h"
#include "service/uploads/uploads.h"
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
  // Opens the store (behind the CachingStore as in production, or bare) and a Context.
  void OpenService(bool caching = true) {
    dir_.emplace("ln_service_");
    const std::string path = dir_->File("ln.db");
    Result<std::unique_ptr<storage::Store>> opened =
        caching ? storage::OpenStore("sqlite:" + path)
                : Result<std::unique_ptr<storage::Store>>(storage::SqliteStore::Open(path).value());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::make_unique<testing::UnitStore>(std::move(opened).value(), storage::TxnMode::kRead);
    ctx_ = std::make_unique<Context>(*store_, state_);
  }
  void TearDown() override {
    ctx_.reset();
    store_.reset();
    dir_.reset();
  }

  template <class F>
  auto Run(F&& fn) -> decltype(fn()) {
    EXPECT_TRUE(store_->BeginUnit().ok());
    ctx_ = std::make_unique<Context>(*store_, state_);
    auto result = fn();
    Status ended = store_->EndUnit(result.ok());
    EXPECT_TRUE(ended.ok()) << ended.error().message;
    return result;
  }

  // Bootstraps `token`'s integration and returns a 2025-09-03 caller acting for it.
  Caller BootstrapCaller(const std::string& token, std::string request_id = "") {
    EXPECT_TRUE(Run([&] { return admin::Bootstrap(*ctx_, {token}); }).ok());
    auto integration = Run([&] { return ctx_->Authenticate(token); });
    EXPECT_TRUE(integration.ok());
    if (!integration.ok()) return Caller{};
    return Caller{*integration, api::ApiVersion::k2025_09_03, "http://127.0.0.1", std::move(request_id)};
  }

  // Creates a page titled "P" under `parent_json`; returns its id ("" on failure).
  std::string NewPage(const Caller& caller, std::string_view parent_json) {
    json::value b = J(std::string(R"({"parent":)") + std::string(parent_json) +
                      R"(,"properties":{"title":{"title":[{"text":{"content":"P"}}]}}})");
    auto page = Run([&] { return pages::CreatePage(*ctx_, caller, b); });
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? std::string(page->at("id").as_string()) : "";
  }

  // A file upload that `caller` creates with `create_body` and sends `file` to, in one
  // part; returns its id ("" when either step fails, which is reported).
  std::string SentUpload(const Caller& caller, const json::value& create_body, const uploads::FormFile& file) {
    auto created = Run([&] { return uploads::CreateFileUpload(*ctx_, caller, create_body); });
    EXPECT_TRUE(created.ok()) << created.error().message;
    if (!created.ok()) return "";
    std::string id(created->at("id").as_string());
    uploads::SendForm form;
    form.file = file;
    auto sent = Run([&] { return uploads::SendFileUpload(*ctx_, caller, id, form); });
    EXPECT_TRUE(sent.ok()) << sent.error().message;
    return sent.ok() ? id : "";
  }

  std::optional<testing::TempDir> dir_;  // made by OpenService; declared before the store
  ServiceState state_;
  std::unique_ptr<testing::UnitStore> store_;  // units over the store's transactions
  std::unique_ptr<Context> ctx_;               // made anew for each Run, as per request
};

}  // namespace localnotion::service
