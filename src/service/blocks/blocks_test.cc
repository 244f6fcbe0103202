// The block use cases over a real SQLite store (bare and behind the CachingStore): the
// block tree, positions with `after`, child_page rows, trash of a subtree, and a failed
// append leaving nothing behind.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "service/blocks/blocks.h"
#include "service/pages/pages.h"
#include "service/service_test_util.h"
#include "service/uploads/uploads.h"
#include "storage/sqlite/sqlite_store.h"
#include "testing/matchers.h"

namespace localnotion::service {
namespace {

using testing::ErrorIs;

constexpr const char* kArchived = "Can't edit block that is archived. You must unarchive the block before editing.";

class BlocksTest : public ServiceTestBase<::testing::TestWithParam<bool>> {
 protected:
  void SetUp() override {
    this->OpenService(GetParam());
    caller_ = this->BootstrapCaller("secret_blocks");
  }

  std::string NewPage(std::string_view parent_json) { return ServiceTestBase::NewPage(caller_, parent_json); }
  Result<json::value> Append(const std::string& id, std::string_view body) {
    json::value b = J(body);
    return Run([&] { return blocks::AppendBlockChildren(*ctx_, caller_, id, b); });
  }
  // The plain text (or type, for blocks without text) of each child, in order.
  std::vector<std::string> Children(const std::string& id) {
    auto list = Run([&] { return blocks::ListBlockChildren(*ctx_, caller_, id, PageArgs{}); });
    EXPECT_TRUE(list.ok()) << list.error().message;
    std::vector<std::string> out;
    if (!list.ok()) return out;
    for (const auto& b : list->at("results").as_array()) {
      const auto& o = b.as_object();
      std::string type(o.at("type").as_string());
      const auto& content = o.at(type).as_object();
      if (const json::value* rt = content.if_contains("rich_text")) {
        out.emplace_back(rt->as_array().empty() ? "" : rt->as_array()[0].as_object().at("plain_text").as_string());
      } else {
        out.push_back(type);
      }
    }
    return out;
  }
  static std::string Para(std::string_view s) {
    return std::string(R"({"paragraph":{"rich_text":[{"text":{"content":")") + std::string(s) + R"("}}]}})";
  }

  Caller caller_;
};

TEST_P(BlocksTest, AppendInOrderAndAfter) {
  std::string page = NewPage(R"({"workspace":true})");
  auto first = Append(page, "{\"children\":[" + Para("a") + "," + Para("d") + "]}");
  ASSERT_TRUE(first.ok()) << first.error().message;
  std::string a(first->at("results").as_array()[0].as_object().at("id").as_string());
  ASSERT_TRUE(Append(page, "{\"after\":\"" + a + "\",\"children\":[" + Para("b") + "," + Para("c") + "]}").ok());
  EXPECT_EQ(Children(page), (std::vector<std::string>{"a", "b", "c", "d"}));
}

// `position` (every version) puts children at the start or after a block; under
// 2026-03-11 `after` is gone.
TEST_P(BlocksTest, AppendWithPosition) {
  caller_.version = api::ApiVersion::k2026_03_11;
  std::string page = NewPage(R"({"workspace":true})");
  auto first = Append(page, "{\"children\":[" + Para("b") + "," + Para("d") + "]}");
  ASSERT_TRUE(first.ok()) << first.error().message;
  std::string b(first->at("results").as_array()[0].as_object().at("id").as_string());
  ASSERT_TRUE(Append(page, "{\"position\":{\"type\":\"start\"},\"children\":[" + Para("a") + "]}").ok());
  ASSERT_TRUE(Append(page, "{\"position\":{\"type\":\"after_block\",\"after_block\":{\"id\":\"" + b +
                               "\"}},\"children\":[" + Para("c") + "]}")
                  .ok());
  EXPECT_EQ(Children(page), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_THAT(Append(page, "{\"after\":\"" + b + "\",\"children\":[]}"),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.after should be not present, instead was `\"" + b + "\"`."));
}

// A synced block reference lists its original's children and has_children follows them.
TEST_P(BlocksTest, SyncedReferenceShowsTheOriginalsChildren) {
  std::string page = NewPage(R"({"workspace":true})");
  auto original = Append(page, "{\"children\":[{\"synced_block\":{\"synced_from\":null,\"children\":[" + Para("x") +
                                   "," + Para("y") + "]}}]}");
  ASSERT_TRUE(original.ok()) << original.error().message;
  std::string o(original->at("results").as_array()[0].as_object().at("id").as_string());
  auto reference = Append(page, "{\"children\":[{\"synced_block\":{\"synced_from\":{\"block_id\":\"" + o + "\"}}}]}");
  ASSERT_TRUE(reference.ok()) << reference.error().message;
  const json::object& r = reference->at("results").as_array()[0].as_object();
  EXPECT_TRUE(r.at("has_children").as_bool());
  EXPECT_EQ(Children(std::string(r.at("id").as_string())), (std::vector<std::string>{"x", "y"}));
  EXPECT_THAT(Append(page, "{\"children\":[{\"synced_block\":{\"synced_from\":{\"block_id\":\"" +
                               std::string(r.at("id").as_string()) + "\"}}}]}"),
              ErrorIs(ErrorCode::kValidationError,
                      "Block " + std::string(r.at("id").as_string()) + " is not an original synced_block block."));
}

// A moved page leaves its old parent's content and joins the new one's; Notion's errors.
TEST_P(BlocksTest, MovedPageChangesContentLists) {
  std::string a = NewPage(R"({"workspace":true})");
  std::string b = NewPage(R"({"workspace":true})");
  std::string p = NewPage(R"({"page_id":")" + a + R"("})");
  auto move = [&](const std::string& id, const std::string& parent) {
    json::value body = J(R"({"parent":{"type":"page_id","page_id":")" + parent + R"("}})");
    return Run([&] { return pages::MovePage(*ctx_, caller_, id, body); });
  };
  EXPECT_EQ(Children(a), (std::vector<std::string>{"child_page"}));
  ASSERT_TRUE(move(p, b).ok());
  EXPECT_TRUE(Children(a).empty());
  EXPECT_EQ(Children(b), (std::vector<std::string>{"child_page"}));
  EXPECT_THAT(move(p, b), ErrorIs(ErrorCode::kValidationError, "New parent must be different from the current parent"));
  EXPECT_THAT(move(p, p), ErrorIs(ErrorCode::kValidationError, "Parent ID must be different from the child ID: " + p));
  EXPECT_THAT(move(b, p),
              ErrorIs(ErrorCode::kValidationError, "New parent " + p + " cannot be under the hierarchy of child " + b));
}

TEST_P(BlocksTest, ChildPagesTakeTheirPlaceAndLeaveWhenTrashed) {
  std::string page = NewPage(R"({"workspace":true})");
  ASSERT_TRUE(Append(page, "{\"children\":[" + Para("before") + "]}").ok());
  std::string kid = NewPage(R"({"page_id":")" + page + R"("})");
  ASSERT_TRUE(Append(page, "{\"children\":[" + Para("after") + "]}").ok());
  EXPECT_EQ(Children(page), (std::vector<std::string>{"before", "child_page", "after"}));
  json::value trash = J(R"({"in_trash":true})");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, kid, trash); }).ok());
  EXPECT_EQ(Children(page), (std::vector<std::string>{"before", "after"}));
}

TEST_P(BlocksTest, TrashedPageHidesItsSubtree) {
  std::string page = NewPage(R"({"workspace":true})");
  auto added = Append(page, R"({"children":[{"toggle":{"rich_text":[],"children":[{"divider":{}}]}}]})");
  ASSERT_TRUE(added.ok());
  std::string toggle(added->at("results").as_array()[0].as_object().at("id").as_string());
  json::value trash = J(R"({"in_trash":true})");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, page, trash); }).ok());
  auto got = Run([&] { return blocks::GetBlock(*ctx_, caller_, toggle); });
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->at("in_trash"), true);
  auto refused = Append(toggle, "{\"children\":[" + Para("x") + "]}");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, kArchived);
}

TEST_P(BlocksTest, FailedAppendWritesNothing) {
  std::string page = NewPage(R"({"workspace":true})");
  auto failed = Append(page, "{\"children\":[" + Para("kept?") +
                                 R"(,{"image":{"file_upload":{"id":"0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c"}}}]})");
  ASSERT_THAT(failed, ErrorIs(ErrorCode::kValidationError));
  EXPECT_TRUE(Children(page).empty());
}

// A callout's icon takes an upload as a page's does: stored as the file it names, shown
// as a hosted file with a signed link; a missing upload is refused and writes nothing.
TEST_P(BlocksTest, CalloutIconTakesAnUploadAndShowsItAsAHostedFile) {
  std::string page = NewPage(R"({"workspace":true})");
  const std::string upload = SentUpload(caller_, J(R"({"filename":"i.png"})"), {"i.png", "image/png", "icon"});
  ASSERT_FALSE(upload.empty());
  auto appended =
      Append(page, R"({"children":[{"callout":{"rich_text":[],"icon":{"type":"file_upload","file_upload":{"id":")" +
                       upload + R"("}}}}]})");
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  const std::string id(appended->at("results").at(0).at("id").as_string());
  auto row = Run([&] { return ctx_->store().GetBlock(id); });
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ(SerializeJson((*row)->content.at("icon")), R"({"type":"file","file":{"file_upload_id":")" + upload +
                                                           R"(","filename":"i.png","content_type":"image/png"}})");
  auto shown = Run([&] { return blocks::GetBlock(*ctx_, caller_, id); });
  ASSERT_TRUE(shown.ok());
  const json::object& icon = shown->at("callout").at("icon").as_object();
  EXPECT_EQ(icon.at("type"), "file");
  const std::string url(icon.at("file").at("url").as_string());
  EXPECT_NE(url.find("/_localnotion/files/" + upload + "/i.png?expires="), std::string::npos) << url;
  EXPECT_TRUE(icon.at("file").as_object().contains("expiry_time"));

  const std::string missing = "0b7cf1e5-8a43-4f1e-9f5c-1d2e3f4a5b6c";
  auto refused =
      Append(page, "{\"children\":[" + Para("kept?") + R"(,{"callout":{"rich_text":[],"icon":{"file_upload":{"id":")" +
                       missing + R"("}}}}]})");
  ASSERT_THAT(refused, ErrorIs(ErrorCode::kValidationError));
  EXPECT_EQ(refused.error().message, "Could not find file upload with ID: " + missing + ".");
  EXPECT_EQ(Children(page), std::vector<std::string>{""});
}

INSTANTIATE_TEST_SUITE_P(Stores, BlocksTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Caching" : "Sqlite"; });

}  // namespace
}  // namespace localnotion::service
