// What a thread keeps while the store shows the same records (Txn::CachedRecordsView):
// Context::AuthenticateHash the last token it authenticated, with what it decided, and
// Context::WriteUserById the users it wrote. Requests run here as the pipeline runs them:
// each in a transaction of its own (RunInTxn) of a store behind the CachingStore, all on
// one thread, so that what was kept is used; every change to the records must show on
// the next request.
#include <gtest/gtest.h>

#include <string>

#include "common/json_writer.h"
#include "service/admin/admin.h"
#include "service/core/kept_by_view.h"
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

class KeptByViewTest : public ::testing::Test {
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

TEST_F(KeptByViewTest, TheNextRequestSeesSharesCapabilitiesAndDeletion) {
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

TEST_F(KeptByViewTest, AUserIsWrittenAsTheStoreHoldsItNow) {
  ASSERT_TRUE(Write([&](Context& ctx) {
                return ctx.store().PutUser(
                    storage::UserRecord{"u1", "person", "Ann", std::nullopt, std::string("ann@example.com"), ""});
              }).ok());
  ASSERT_TRUE(Write([&](Context& ctx) { return admin::SetCapabilities(ctx, "Reader", "read,users"); }).ok());
  // The user as the reader (no email) and as the owner (with email) sees it, in turn.
  auto user_text = [&](bool owner, TxnMode mode = TxnMode::kRead) {
    auto text = RunInTxn(*store_, state_, mode, [&](Context& ctx) -> Result<std::string> {
      auto integration = owner ? ctx.Authenticate("secret_owner") : ctx.AuthenticateHash(reader_hash_);
      if (!integration.ok()) return std::move(integration).error();
      std::string out;
      JsonWriter w(out);
      LN_RETURN_IF_ERROR(ctx.WriteUserById("u1", w));
      w.Finish();
      return out;
    });
    return text.ok() ? *text : text.error().message;
  };
  const std::string ann = R"({"object":"user","id":"u1","name":"Ann","avatar_url":null,"type":"person","person":{}})";
  const std::string ann_email =
      R"({"object":"user","id":"u1","name":"Ann","avatar_url":null,"type":"person","person":{"email":"ann@example.com"}})";
  EXPECT_EQ(user_text(false), ann);
  EXPECT_EQ(user_text(true), ann_email);
  EXPECT_EQ(user_text(false), ann);
  EXPECT_EQ(user_text(true, TxnMode::kWrite), ann_email);

  ASSERT_TRUE(Write([&](Context& ctx) {
                return ctx.store().PutUser(
                    storage::UserRecord{"u1", "person", "Bea", std::nullopt, std::string("bea@example.com"), ""});
              }).ok());
  EXPECT_EQ(user_text(false),
            R"({"object":"user","id":"u1","name":"Bea","avatar_url":null,"type":"person","person":{}})");
  EXPECT_EQ(
      user_text(true),
      R"({"object":"user","id":"u1","name":"Bea","avatar_url":null,"type":"person","person":{"email":"bea@example.com"}})");
}

// What a transaction worked out is kept only while the store still gives the view it read
// before: not once another transaction committed records, nor once it wrote records itself.
TEST_F(KeptByViewTest, WhatATransactionReadIsKeptOnlyWhileItsViewHolds) {
  using Kept = KeptByView<int>;
  auto begin = [&](TxnMode mode) {
    auto txn = store_->Begin(mode);
    EXPECT_TRUE(txn.ok()) << txn.error().message;
    return std::move(txn).value();
  };
  auto read = begin(TxnMode::kRead);
  ASSERT_TRUE(read->ListShares("i1").ok());
  const Kept::View view = read->CachedRecordsView();
  ASSERT_TRUE(view.has_value());
  EXPECT_TRUE(Kept::StillUnder(*read, view));
  EXPECT_FALSE(Kept::StillUnder(*read, std::nullopt));

  auto writer = begin(TxnMode::kWrite);
  ASSERT_TRUE(writer->PutShare("i1", page_).ok());
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_FALSE(Kept::StillUnder(*read, view));  // another transaction committed shares
  read.reset();

  auto write = begin(TxnMode::kWrite);
  const Kept::View before = write->CachedRecordsView();
  ASSERT_TRUE(before.has_value());
  EXPECT_TRUE(Kept::StillUnder(*write, before));
  ASSERT_TRUE(write->PutShare("i2", page_).ok());
  EXPECT_FALSE(Kept::StillUnder(*write, before));  // it wrote shares itself
}

}  // namespace
}  // namespace localnotion::service
