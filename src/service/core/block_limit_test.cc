// The Free workspace block limit (block_limit.h) over a real SQLite store: what counts
// (pages, databases, blocks and their nested children; a child page once), the request
// that reaches the limit succeeding whole, the next one that creates anything refused
// with Notion's 403 and changing nothing, and edits, reads and deletes going on.
#include "service/core/block_limit.h"

#include <gtest/gtest.h>

#include <string>

#include "api/limits.h"
#include "service/blocks/blocks.h"
#include "service/pages/pages.h"
#include "service/service_test_util.h"
#include "testing/matchers.h"

namespace localnotion::service {
namespace {

using testing::ErrorIs;

class BlockLimitTest : public ServiceTestBase<> {
 protected:
  void SetUp() override {
    OpenService();
    caller_ = BootstrapCaller("secret_block_limit", "req-0");
  }

  // A caller for the next request (each request has its own id).
  const Caller& Next() {
    caller_.request_id = "req-" + std::to_string(++requests_);
    return caller_;
  }

  int64_t Count() {
    auto n = Run([&] { return LifetimeBlocks(*store_); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  Result<json::value> Append(const std::string& parent, int paragraphs, bool nested = false) {
    std::string children;
    for (int i = 0; i < paragraphs; ++i) {
      if (i) children += ",";
      children += R"({"paragraph":{"rich_text":[{"text":{"content":"p"}}])";
      if (nested) children += R"(,"children":[{"paragraph":{"rich_text":[]}}])";
      children += "}}";
    }
    json::value body = J(R"({"children":[)" + children + "]}");
    return Run([&] { return blocks::AppendBlockChildren(*ctx_, Next(), parent, body); });
  }

  Caller caller_;
  int requests_ = 0;
};

TEST_F(BlockLimitTest, OffByDefaultNothingIsCounted) {
  const std::string page = NewPage(Next(), R"({"type":"workspace","workspace":true})");
  ASSERT_TRUE(Append(page, 5).ok());
  EXPECT_EQ(Count(), 0);
}

TEST_F(BlockLimitTest, PagesBlocksAndNestedChildrenCount) {
  state_.options.block_limit = 1000;
  const std::string page = NewPage(Next(), R"({"type":"workspace","workspace":true})");
  EXPECT_EQ(Count(), 1);
  ASSERT_TRUE(Append(page, 3, /*nested=*/true).ok());
  EXPECT_EQ(Count(), 7);
  // A page under a page is one block, not two (its child_page row is the page).
  NewPage(Next(), R"({"type":"page_id","page_id":")" + page + R"("})");
  EXPECT_EQ(Count(), 8);
}

TEST_F(BlockLimitTest, TheRequestThatReachesTheLimitSucceedsTheNextIsRefused) {
  state_.options.block_limit = 4;
  const std::string page = NewPage(Next(), R"({"type":"workspace","workspace":true})");
  // 1 + 5 goes past 4 in one request: the write that reaches the limit succeeds whole.
  ASSERT_TRUE(Append(page, 5).ok());
  EXPECT_EQ(Count(), 6);
  EXPECT_THAT(Append(page, 1), ErrorIs(ErrorCode::kRestrictedResource, std::string(api::kWorkspaceBlockLimitMessage)));
  json::value body = J(R"({"parent":{"type":"workspace","workspace":true},)"
                       R"("properties":{"title":{"title":[{"text":{"content":"P"}}]}}})");
  EXPECT_THAT(Run([&] { return pages::CreatePage(*ctx_, Next(), body); }),
              ErrorIs(ErrorCode::kRestrictedResource, std::string(api::kWorkspaceBlockLimitMessage)));
  EXPECT_EQ(Count(), 6);
  // The refused append left the page's content as it was.
  auto children = Run([&] { return blocks::ListBlockChildren(*ctx_, Next(), page, PageArgs{}); });
  ASSERT_TRUE(children.ok());
  EXPECT_EQ(children->at("results").as_array().size(), 5u);
  // Edits that create nothing, and deletes, go on; deleting gives no capacity back.
  json::value rename = J(R"({"properties":{"title":{"title":[{"text":{"content":"Q"}}]}}})");
  EXPECT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, Next(), page, rename); }).ok());
  const std::string first(children->at("results").as_array()[0].at("id").as_string());
  EXPECT_TRUE(Run([&] { return blocks::DeleteBlock(*ctx_, Next(), first); }).ok());
  EXPECT_THAT(Append(page, 1), ErrorIs(ErrorCode::kRestrictedResource, std::string(api::kWorkspaceBlockLimitMessage)));
}

TEST_F(BlockLimitTest, ExactlyTheLimitThenRefused) {
  state_.options.block_limit = 3;
  const std::string page = NewPage(Next(), R"({"type":"workspace","workspace":true})");
  ASSERT_TRUE(Append(page, 1).ok());
  ASSERT_TRUE(Append(page, 1).ok());
  EXPECT_EQ(Count(), 3);
  EXPECT_THAT(Append(page, 1), ErrorIs(ErrorCode::kRestrictedResource, std::string(api::kWorkspaceBlockLimitMessage)));
  // A higher limit (a restart with another flag) lets the same workspace go on.
  state_.options.block_limit = 4;
  EXPECT_TRUE(Append(page, 1).ok());
  EXPECT_EQ(Count(), 4);
}

}  // namespace
}  // namespace localnotion::service
