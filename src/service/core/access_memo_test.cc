// Context::AuthenticateHash keeps the last token a thread authenticated, with what it
// decided, while the store shows the same records (Txn::CachedRecordsView). Requests run
// here as the pipeline runs them: each in a transaction of its own (RunInTxn) of a
// store behind the CachingStore, all on one thread, so that the kept token is used; every
// change to what authentication decides must show on the next request.
#include <gtest/gtest.h>

#include <string>

#include "service/admin/admin.h"
#include "service/pages/pages.h"
#include "service/service.h"
#include "storage/store.h"
#include "testing/json.h"
#include "testing/matchers.h"
#include "testing/temp_dir.h"

namespace localnotion::service {
namespace {

using storage::TxnMode;
using testing::ErrorIs;

class AuthenticationMemoTest : public ::testing::Test {
 protected:
  template <class F>
  auto Write(F&& fn) {
    return RunInTxn(*store_, state_, TxnMode::kWrite, fn);
  }

  void SetUp() override {
    auto opened = storage::OpenStore("sqlite:" + dir_.File("ln.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(Write([&](Context& ctx) { return admin::Bootstrap(ctx, {"secret_owner"}); }).ok());
    auto reader = Write([&](Context& ctx) { return admin::CreateIntegration(ctx, "Reader", "read"); });
    ASSERT_TRUE(reader.ok()) << reader.error().message;
    reader_hash_ = state_.token_hashes.HashOf(reader->token);
    auto page = Write([&](Context& ctx) -> Result<std::string> {
      LN_ASSIGN_OR_RETURN(auto owner, ctx.Authenticate("secret_owner"));
      const Caller caller{owner, api::ApiVersion::k2025_09_03, "http://x"};
      LN_ASSIGN_OR_RETURN(json::value created,
                          pages::CreatePage(ctx, caller,
                                            testing::J(R"({"parent":{"workspace":true},"properties":)"
                                                       R"({"title":{"title":[{"text":{"content":"P"}}]}}})")));
      return std::string(created.at("id").as_string());
    });
    ASSERT_TRUE(page.ok()) << page.error().message;
    page_ = *page;
  }

  // A read request of the reader's token: whether it sees the page, and its capability
  // to read content, as "sees/reads" ("unauthorized" when the token is refused).
  std::string ReaderRequest(TxnMode mode = TxnMode::kRead) {
    auto seen = RunInTxn(*store_, state_, mode, [&](Context& ctx) -> Result<std::string> {
      LN_ASSIGN_OR_RETURN(auto integration, ctx.AuthenticateHash(reader_hash_));
      EXPECT_EQ(integration.name, "Reader");
      LN_ASSIGN_OR_RETURN(bool visible, ctx.Visible("page", page_));
      return std::string(visible ? "sees" : "hidden") + "/" +
             (ctx.ActingCapabilities().read_content ? "reads" : "no-read");
    });
    if (!seen.ok()) return seen.error().code == ErrorCode::kUnauthorized ? "unauthorized" : seen.error().message;
    return *seen;
  }

  ::localnotion::testing::TempDir dir_{"ln_auth_memo_"};
  ServiceState state_;
  std::unique_ptr<storage::Store> store_;
  std::string reader_hash_;
  std::string page_;
};

TEST_F(AuthenticationMemoTest, TheNextRequestSeesSharesCapabilitiesAndDeletion) {
  EXPECT_EQ(ReaderRequest(), "hidden/reads");
  EXPECT_EQ(ReaderRequest(), "hidden/reads");
  EXPECT_EQ(ReaderRequest(TxnMode::kWrite), "hidden/reads");

  ASSERT_TRUE(Write([&](Context& ctx) { return admin::Share(ctx, "Reader", page_); }).ok());
  EXPECT_EQ(ReaderRequest(), "sees/reads");
  EXPECT_EQ(ReaderRequest(TxnMode::kWrite), "sees/reads");

  ASSERT_TRUE(Write([&](Context& ctx) { return admin::SetCapabilities(ctx, "Reader", "update"); }).ok());
  EXPECT_EQ(ReaderRequest(), "sees/no-read");

  ASSERT_TRUE(Write([&](Context& ctx) { return admin::Unshare(ctx, "Reader", page_); }).ok());
  EXPECT_EQ(ReaderRequest(TxnMode::kWrite), "hidden/no-read");

  // Another token in between is authenticated as itself, and the reader's again after.
  auto owner =
      RunInTxn(*store_, state_, TxnMode::kRead, [&](Context& ctx) { return ctx.Authenticate("secret_owner"); });
  ASSERT_TRUE(owner.ok());
  EXPECT_NE(owner->name, "Reader");
  EXPECT_EQ(ReaderRequest(), "hidden/no-read");

  ASSERT_TRUE(Write([&](Context& ctx) { return admin::DeleteIntegration(ctx, "Reader"); }).ok());
  EXPECT_EQ(ReaderRequest(), "unauthorized");
  EXPECT_EQ(ReaderRequest(TxnMode::kWrite), "unauthorized");
}

}  // namespace
}  // namespace localnotion::service
