// Sharing: an integration sees what is shared with it and everything below, and anything
// else answers exactly like a missing object. Runs on a real SQLite file.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "common/uuid.h"
#include "service/admin/admin.h"
#include "service/blocks/blocks.h"
#include "service/comments/comments.h"
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

// A mention of something the integration cannot see keeps its id; its plain_text is
// "Untitled" and its annotations the defaults (reference: rich-text, page and database
// mentions). A user reads "@Anonymous" without user information. Everywhere mentions are
// shown: properties, the page's answer to its own write, blocks, comments.
TEST_F(AccessTest, MentionsOfWhatTheCallerCannotSeeReadUntitled) {
  std::string secret = NewPage("secret_owner", R"({"workspace":true})");
  ASSERT_TRUE(As("secret_owner", [&](const Caller& c) {
                return pages::UpdatePage(*ctx_, c, secret,
                                         J(R"({"properties":{"title":{"title":[{"text":{"content":"Secret plan"}}]}}})"));
              }).ok());
  json::value db_body = J(R"({"parent":{"page_id":")" + secret +
                          R"("},"title":[{"text":{"content":"Secret DB"}}],"initial_data_source":{"properties":{"Name":{"title":{}}}}})");
  auto db = As("secret_owner", [&](const Caller& c) { return databases::CreateDatabase(*ctx_, c, db_body); });
  ASSERT_TRUE(db.ok()) << db.error().message;
  const std::string db_id(db->at("id").as_string());
  auto owner = As("secret_owner", [&](const Caller& c) { return ctx_->RenderUserById(c.integration.bot_user_id); });
  ASSERT_TRUE(owner.ok());
  const std::string user_id(owner->at("id").as_string());

  const std::string mentions = R"([{"mention":{"page":{"id":")" + secret +
                               R"("}},"annotations":{"bold":true,"color":"red"}},{"text":{"content":" and "}},)"
                               R"({"mention":{"database":{"id":")" + db_id +
                               R"("}},"annotations":{"italic":true}},{"mention":{"user":{"id":")" + user_id + R"("}}}])";
  const json::value defaults = J(
      R"({"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"})");
  auto expect_hidden = [&](const json::value& rich_text) {
    const json::array& rt = rich_text.as_array();
    ASSERT_EQ(rt.size(), 4u);
    EXPECT_EQ(rt[0].at("plain_text"), "Untitled");
    EXPECT_EQ(rt[0].at("annotations"), defaults);
    EXPECT_EQ(rt[0].at("mention").at("page").at("id"), json::value(secret));
    EXPECT_EQ(rt[0].at("href"), json::value("https://www.notion.so/" + CompactUuid(secret)));
    EXPECT_EQ(rt[2].at("plain_text"), "Untitled");
    EXPECT_EQ(rt[2].at("annotations"), defaults);
    EXPECT_EQ(rt[2].at("mention").at("database").at("id"), json::value(db_id));
    EXPECT_EQ(rt[3].at("plain_text"), "@Anonymous");
  };

  // The reader's own page: the answer to its create, and a read.
  json::value body = J(R"({"parent":{"workspace":true},"properties":{"title":{"title":)" + mentions + "}}}");
  auto created = As(reader_token_, [&](const Caller& c) { return pages::CreatePage(*ctx_, c, body); });
  ASSERT_TRUE(created.ok()) << created.error().message;
  expect_hidden(created->at("properties").at("title").at("title"));
  const std::string own(created->at("id").as_string());
  auto read = As(reader_token_, [&](const Caller& c) { return pages::GetPage(*ctx_, c, own); });
  ASSERT_TRUE(read.ok());
  expect_hidden(read->at("properties").at("title").at("title"));

  // Blocks: the answer to the append, and the children listed.
  json::value children = J(R"({"children":[{"paragraph":{"rich_text":)" + mentions + "}}]}");
  auto appended = As(reader_token_, [&](const Caller& c) { return blocks::AppendBlockChildren(*ctx_, c, own, children); });
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  expect_hidden(appended->at("results").at(0).at("paragraph").at("rich_text"));
  auto listed = As(reader_token_, [&](const Caller& c) { return blocks::ListBlockChildren(*ctx_, c, own, {}); });
  ASSERT_TRUE(listed.ok());
  expect_hidden(listed->at("results").at(0).at("paragraph").at("rich_text"));

  // Comments, created by the owner (who sees the names) and read by the reader.
  json::value comment = J(R"({"parent":{"page_id":")" + own + R"("},"rich_text":)" + mentions + "}");
  auto by_owner = As("secret_owner", [&](const Caller& c) { return comments::CreateComment(*ctx_, c, comment); });
  ASSERT_TRUE(by_owner.ok()) << by_owner.error().message;
  EXPECT_EQ(by_owner->at("rich_text").at(0).at("plain_text"), "Secret plan");
  EXPECT_EQ(by_owner->at("rich_text").at(2).at("plain_text"), "Secret DB");
  const std::string comment_id(by_owner->at("id").as_string());
  auto comment_read = As(reader_token_, [&](const Caller& c) { return comments::GetComment(*ctx_, c, comment_id); });
  ASSERT_TRUE(comment_read.ok()) << comment_read.error().message;
  expect_hidden(comment_read->at("rich_text"));

  // The owner, who sees everything, reads the names and the annotations given.
  auto by_owner_read = As("secret_owner", [&](const Caller& c) { return pages::GetPage(*ctx_, c, own); });
  ASSERT_TRUE(by_owner_read.ok());
  const json::array& rt = by_owner_read->at("properties").at("title").at("title").as_array();
  EXPECT_EQ(rt[0].at("plain_text"), "Secret plan");
  EXPECT_EQ(rt[0].at("annotations").at("bold"), true);
  EXPECT_EQ(rt[2].at("plain_text"), "Secret DB");
  EXPECT_EQ(rt[3].at("plain_text"), "@localnotion");
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
