// The base of the fixture tests (fixtures_test.cc, fixtures_uploads_test.cc): a service on
// a fresh store whose one integration has `token`, and Seed and Export as the admin API
// runs them.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "service/admin/admin.h"
#include "service/service_test_util.h"

namespace localnotion::service {

class FixtureTestBase : public ServiceTestBase<::testing::Test> {
 protected:
  explicit FixtureTestBase(std::string token) : token_(std::move(token)) {}

  void SetUp() override {
    OpenService();
    ASSERT_TRUE(Run([&] { return admin::Bootstrap(*ctx_, {token_}); }).ok());
  }
  Status Seed(std::string_view text) {
    json::value f = J(text);
    auto r = Run([&]() -> Result<bool> {
      LN_RETURN_IF_ERROR(admin::SeedFixture(*ctx_, f));
      return true;
    });
    return r.ok() ? OkStatus() : Status(r.error());
  }
  std::string Export() {
    auto e = Run([&] { return admin::ExportFixture(*ctx_); });
    EXPECT_TRUE(e.ok()) << e.error().message;
    return e.ok() ? SerializeJson(*e) : "";
  }

 private:
  std::string token_;
};

}  // namespace localnotion::service
