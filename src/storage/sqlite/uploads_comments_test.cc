// SqliteStore's file uploads, parts and comments: binary bytes round-trip in part order,
// a part sent again replaces the earlier one, a rolled-back unit leaves no bytes, and
// everything is there after reopening the file.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <string>

#include "storage/sqlite/temp_store_test_util.h"

namespace localnotion::storage {
namespace {

class UploadsCommentsTest : public TempStoreTest {
 protected:
  void Unit(bool keep, const std::function<void()>& fn) {
    ASSERT_TRUE(store_->BeginUnit().ok());
    fn();
    ASSERT_TRUE(store_->EndUnit(keep).ok());
    ASSERT_TRUE(store_->CommitBatch().ok());
  }
};

FileUploadRecord Upload(const std::string& id, const std::string& integration) {
  FileUploadRecord u;
  u.id = id;
  u.integration_id = integration;
  u.created_by = "bot";
  u.mode = "multi_part";
  u.status = "pending";
  u.filename = "a.bin";
  u.number_of_parts = 2;
  u.created_time = u.last_edited_time = 1000;
  u.expiry_time = 2000;
  return u;
}

TEST_F(UploadsCommentsTest, PartsRoundTripInOrderAndReplace) {
  const std::string binary("\0\x01\xff\xfe", 4);
  Unit(true, [&] {
    ASSERT_TRUE(store_->PutFileUpload(Upload("u1", "i1")).ok());
    ASSERT_TRUE(store_->PutFileUploadPart("u1", 2, "tail").ok());
    ASSERT_TRUE(store_->PutFileUploadPart("u1", 1, "first").ok());
    ASSERT_TRUE(store_->PutFileUploadPart("u1", 1, binary).ok());  // replaces part 1
  });
  Reopen();
  Unit(true, [&] {
    auto bytes = store_->ReadFileUploadBytes("u1");
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(*bytes, binary + "tail");
    auto sizes = store_->FileUploadPartSizes("u1");
    ASSERT_TRUE(sizes.ok());
    EXPECT_EQ(*sizes, (std::vector<std::pair<int64_t, int64_t>>{{1, 4}, {2, 4}}));
    auto u = store_->GetFileUpload("u1");
    ASSERT_TRUE(u.ok() && u->has_value());
    EXPECT_EQ((*u)->filename, "a.bin");
    EXPECT_EQ((*u)->content_type, std::nullopt);
    EXPECT_EQ((*u)->content_length, std::nullopt);
    EXPECT_EQ((*u)->number_of_parts, 2);
  });
}

TEST_F(UploadsCommentsTest, RolledBackUnitLeavesNoBytesAndListsAreNewestFirstPerIntegration) {
  Unit(true, [&] {
    ASSERT_TRUE(store_->PutFileUpload(Upload("a", "i1")).ok());
    ASSERT_TRUE(store_->PutFileUpload(Upload("b", "i2")).ok());
    ASSERT_TRUE(store_->PutFileUpload(Upload("c", "i1")).ok());
  });
  Unit(false, [&] { ASSERT_TRUE(store_->PutFileUploadPart("a", 1, "lost").ok()); });
  Unit(true, [&] {
    EXPECT_EQ(*store_->ReadFileUploadBytes("a"), "");
    auto list = store_->ListFileUploads("i1");
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].id, "c");
    EXPECT_EQ((*list)[1].id, "a");
    FileUploadRecord changed = Upload("a", "i1");
    changed.status = "uploaded";
    changed.attached = true;
    changed.content_length = 9;
    ASSERT_TRUE(store_->PutFileUpload(changed).ok());
    list = store_->ListFileUploads("i1");
    EXPECT_EQ((*list)[1].id, "a");  // an update keeps the creation order
    EXPECT_TRUE((*list)[1].attached);
    EXPECT_EQ((*list)[1].content_length, 9);
  });
}

TEST_F(UploadsCommentsTest, CommentsByParentAndDiscussion) {
  auto comment = [](std::string id, std::string parent, std::string discussion) {
    CommentRecord c;
    c.id = std::move(id);
    c.parent_type = "page_id";
    c.parent_id = std::move(parent);
    c.discussion_id = std::move(discussion);
    c.rich_text = json::array{json::object{{"plain_text", "hi"}}};
    c.display_name = json::object{{"type", "integration"}, {"resolved_name", "x"}};
    c.created_by = "bot";
    return c;
  };
  Unit(true, [&] {
    ASSERT_TRUE(store_->PutComment(comment("c1", "p1", "d1")).ok());
    ASSERT_TRUE(store_->PutComment(comment("c2", "p2", "d2")).ok());
    ASSERT_TRUE(store_->PutComment(comment("c3", "p1", "d1")).ok());
  });
  Reopen();
  Unit(true, [&] {
    auto list = store_->ListComments("p1");
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].id, "c1");
    EXPECT_EQ((*list)[1].id, "c3");
    EXPECT_EQ((*list)[0].rich_text, (json::array{json::object{{"plain_text", "hi"}}}));
    auto first = store_->FirstCommentOf("d1");
    ASSERT_TRUE(first.ok() && first->has_value());
    EXPECT_EQ((*first)->id, "c1");
    EXPECT_FALSE(store_->FirstCommentOf("nope")->has_value());
    EXPECT_FALSE(store_->GetComment("nope")->has_value());
    // A deleted comment is gone from every read; deleting an unknown id is no error.
    ASSERT_TRUE(store_->DeleteComment("c1").ok());
    ASSERT_TRUE(store_->DeleteComment("nope").ok());
    EXPECT_FALSE(store_->GetComment("c1")->has_value());
    EXPECT_EQ(store_->ListComments("p1")->size(), 1u);
    EXPECT_EQ((*store_->FirstCommentOf("d1"))->id, "c3");
    ASSERT_TRUE(store_->Reset(true).ok());
    EXPECT_TRUE(store_->ListComments("p1")->empty());
    EXPECT_FALSE(store_->GetFileUpload("u1")->has_value());
  });
}

}  // namespace
}  // namespace localnotion::storage
