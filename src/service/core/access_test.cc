// Sharing: an integration sees what is shared with it and everything below, and anything
// else answers exactly like a missing object. Runs on a real SQLite file.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "service/admin/admin.h"
#include "service/databases/databases.h"
#include "service/pages/pages.h"
#include "service/service_test_util.h"
#include "storage/store.h"
#include "testing/matchers.h"

namespace localnotion::service {
namespace {

using api::ApiVersion;
using testing::ErrorIs;

class AccessTest : public ServiceTestBase<::testing::Test> {
 protected:
  void SetUp() override {
    OpenService();
    ASSERT_TRUE(Run([&] { return admin::Bootstrap(*ctx_, {"secret_owner"}); }).ok());
    auto created = Run([&] { return admin::CreateIntegration(*ctx_, "Reader", "read,update,insert"); });
    ASSERT_TRUE(created.ok()) << created.error().message;
    reader_token_ = created->token;
  }

  // One request as `token`: authenticate, then the call.
  template <class F>
  Result<json::value> As(const std::string& token, F&& fn) {
    return Run([&]() -> Result<json::value> {
      LN_ASSIGN_OR_RETURN(auto integration, ctx_->Authenticate(token));
      Caller caller{integration, ApiVersion::k2025_09_03, "http://x"};
      return fn(caller);
    });
  }

  std::string NewPage(const std::string& token, std::string_view parent) {
    json::value body = J(std::string(R"({"parent":)") + std::string(parent) +
                         R"(,"properties":{"title":{"title":[{"text":{"content":"P"}}]}}})");
    auto page = As(token, [&](const Caller& c) { return pages::CreatePage(*ctx_, c, body); });
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? std::string(page->at("id").as_string()) : "";
  }

  std::string reader_token_;
};

TEST_F(AccessTest, UnsharedPageIsNotFoundUntilSharedThenChildrenAreVisible) {
  std::string root = NewPage("secret_owner", R"({"workspace":true})");
  std::string child = NewPage("secret_owner", R"({"page_id":")" + root + R"("})");
  std::string grandchild = NewPage("secret_owner", R"({"page_id":")" + child + R"("})");
  auto hidden = As(reader_token_, [&](const Caller& c) { return pages::GetPage(*ctx_, c, grandchild); });
  ASSERT_THAT(hidden, ErrorIs(ErrorCode::kObjectNotFound,
                              "Could not find page with ID: " + grandchild +
                                  ". Make sure the relevant pages and databases are shared with your integration."));

  ASSERT_TRUE(Run([&]() -> Result<bool> {
                LN_RETURN_IF_ERROR(admin::Share(*ctx_, "Reader", child));
                return true;
              }).ok());
  EXPECT_TRUE(As(reader_token_, [&](const Caller& c) { return pages::GetPage(*ctx_, c, grandchild); }).ok());
  EXPECT_TRUE(As(reader_token_, [&](const Caller& c) { return pages::GetPage(*ctx_, c, child); }).ok());
  // The parent of a shared page is not shared.
  EXPECT_FALSE(As(reader_token_, [&](const Caller& c) { return pages::GetPage(*ctx_, c, root); }).ok());

  ASSERT_TRUE(Run([&]() -> Result<bool> {
                LN_RETURN_IF_ERROR(admin::Unshare(*ctx_, "Reader", child));
                return true;
              }).ok());
  EXPECT_FALSE(As(reader_token_, [&](const Caller& c) { return pages::GetPage(*ctx_, c, grandchild); }).ok());
}

TEST_F(AccessTest, APageCreatedAtTheWorkspaceLevelIsSharedWithItsCreator) {
  std::string own = NewPage(reader_token_, R"({"workspace":true})");
  EXPECT_TRUE(As(reader_token_, [&](const Caller& c) { return pages::GetPage(*ctx_, c, own); }).ok());
  auto shares = Run([&]() -> Result<json::value> {
    LN_ASSIGN_OR_RETURN(auto integration, admin::FindIntegration(*ctx_, "Reader"));
    return admin::DescribeIntegration(*ctx_, integration);
  });
  ASSERT_TRUE(shares.ok());
  EXPECT_EQ(shares->at("shares").as_array().size(), 1u);
  EXPECT_EQ(shares->at("shares").as_array()[0].as_string(), own);
}

TEST_F(AccessTest, DatabasesAndDataSourcesUnderASharedPageAreVisible) {
  std::string root = NewPage("secret_owner", R"({"workspace":true})");
  json::value body = J(R"({"parent":{"page_id":")" + root +
                       R"("},"title":[{"text":{"content":"DB"}}],"initial_data_source":{"properties":{"Name":{"title":{}}}}})");
  auto db = As("secret_owner", [&](const Caller& c) { return databases::CreateDatabase(*ctx_, c, body); });
  ASSERT_TRUE(db.ok()) << db.error().message;
  std::string db_id(db->at("id").as_string());
  std::string ds_id(db->at("data_sources").as_array()[0].at("id").as_string());
  auto hidden = As(reader_token_, [&](const Caller& c) { return databases::GetDataSource(*ctx_, c, ds_id); });
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().message, "Could not find data source with ID: " + ds_id +
                                        ". Make sure the relevant pages and databases are shared with your integration.");
  auto hidden_db = As(reader_token_, [&](const Caller& c) { return databases::GetDatabase(*ctx_, c, db_id); });
  ASSERT_THAT(hidden_db, ErrorIs(ErrorCode::kObjectNotFound));
  ASSERT_TRUE(Run([&]() -> Result<bool> {
                LN_RETURN_IF_ERROR(admin::Share(*ctx_, "Reader", root));
                return true;
              }).ok());
  EXPECT_TRUE(As(reader_token_, [&](const Caller& c) { return databases::GetDataSource(*ctx_, c, ds_id); }).ok());
  EXPECT_TRUE(As(reader_token_, [&](const Caller& c) { return databases::GetDatabase(*ctx_, c, db_id); }).ok());
  std::string row = NewPage(reader_token_, R"({"data_source_id":")" + ds_id + R"("})");
  EXPECT_FALSE(row.empty());
}

TEST_F(AccessTest, WithoutReadContentWritesAnswerPartialObjects) {
  auto created = Run([&] { return admin::CreateIntegration(*ctx_, "Writer", "insert,update"); });
  ASSERT_TRUE(created.ok());
  json::value body = J(R"({"parent":{"workspace":true},"properties":{"title":{"title":[]}}})");
  auto page = As(created->token, [&](const Caller& c) { return pages::CreatePage(*ctx_, c, body); });
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->as_object().size(), 2u);
  EXPECT_EQ(page->at("object"), "page");
}

TEST_F(AccessTest, DeletedIntegrationsTokenIsInvalid) {
  ASSERT_TRUE(Run([&]() -> Result<bool> {
                LN_RETURN_IF_ERROR(admin::DeleteIntegration(*ctx_, "Reader"));
                return true;
              }).ok());
  auto r = Run([&] { return ctx_->Authenticate(reader_token_); });
  ASSERT_THAT(r, ErrorIs(ErrorCode::kUnauthorized, "API token is invalid."));
  auto missing = Run([&] { return admin::FindIntegration(*ctx_, "Reader"); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "Could not find integration: Reader.");
}

TEST_F(AccessTest, DuplicateNameAndBadCapabilitiesAreRefused) {
  auto dup = Run([&] { return admin::CreateIntegration(*ctx_, "Reader", "read"); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().message, "An integration named \"Reader\" already exists.");
  auto bad = Run([&] { return admin::CreateIntegration(*ctx_, "Other", "read,fly"); });
  ASSERT_THAT(bad, ErrorIs(ErrorCode::kValidationError));
}

}  // namespace
}  // namespace localnotion::service
