// Block objects and the block list envelope as both Notion-Versions show them.
#include "api/block_objects.h"

#include <gtest/gtest.h>

namespace localnotion::api {
namespace {

BlockView Paragraph() {
  BlockView v;
  v.id = "b1";
  v.parent = ParentRef{"page_id", "p1", ""};
  v.created_time = 1700000012345;  // 2023-11-14T22:13:32.345Z
  v.last_edited_time = 1700000072345;
  v.created_by = v.last_edited_by = "u1";
  v.type = "paragraph";
  v.content = json::object{{"rich_text", json::array{}}, {"color", "default"}};
  return v;
}

TEST(RenderBlock, CommonFieldsTrashAliasAndMinuteTimes) {
  BlockView v = Paragraph();
  v.in_trash = true;
  v.has_children = true;
  EXPECT_EQ(SerializeJson(RenderBlock(std::move(v), ApiVersion::k2025_09_03)),
            R"({"object":"block","id":"b1","parent":{"type":"page_id","page_id":"p1"},)"
            R"("created_time":"2023-11-14T22:13:00.000Z","last_edited_time":"2023-11-14T22:14:00.000Z",)"
            R"("created_by":{"object":"user","id":"u1"},"last_edited_by":{"object":"user","id":"u1"},)"
            R"("has_children":true,"archived":true,"in_trash":true,"type":"paragraph",)"
            R"("paragraph":{"rich_text":[],"color":"default"}})");
}

TEST(RenderBlock, DatabasePageParentPerVersion) {
  BlockView a = Paragraph();
  a.parent = ParentRef{"database_id", "d1", "s1"};
  BlockView b = a;
  EXPECT_EQ(SerializeJson(RenderBlock(std::move(a), ApiVersion::k2025_09_03).at("parent")),
            R"({"type":"data_source_id","data_source_id":"s1","database_id":"d1"})");
  EXPECT_EQ(SerializeJson(RenderBlock(std::move(b), ApiVersion::k2022_06_28).at("parent")),
            R"({"type":"database_id","database_id":"d1"})");
  BlockView w = Paragraph();
  w.parent = ParentRef{"workspace", "", ""};
  EXPECT_EQ(SerializeJson(RenderBlock(std::move(w), ApiVersion::k2022_06_28).at("parent")),
            R"({"type":"workspace","workspace":true})");
}

// 2026-03-11 drops `archived`: only `in_trash` is shown.
TEST(RenderBlock, NoArchivedFrom2026) {
  BlockView v = Paragraph();
  v.in_trash = true;
  EXPECT_EQ(SerializeJson(RenderBlock(std::move(v), ApiVersion::k2026_03_11)),
            R"({"object":"block","id":"b1","parent":{"type":"page_id","page_id":"p1"},)"
            R"("created_time":"2023-11-14T22:13:00.000Z","last_edited_time":"2023-11-14T22:14:00.000Z",)"
            R"("created_by":{"object":"user","id":"u1"},"last_edited_by":{"object":"user","id":"u1"},)"
            R"("has_children":false,"in_trash":true,"type":"paragraph",)"
            R"("paragraph":{"rich_text":[],"color":"default"}})");
}

// The meeting notes block is `transcription` before 2026-03-11 and `meeting_notes` from it.
TEST(RenderBlock, MeetingNotesNamedByVersion) {
  BlockView a = Paragraph();
  a.type = "transcription";
  a.content = json::object{{"title", json::array{}}};
  BlockView b = a;
  json::object old_shape = RenderBlock(std::move(a), ApiVersion::k2025_09_03);
  EXPECT_EQ(old_shape.at("type"), "transcription");
  EXPECT_TRUE(old_shape.contains("transcription"));
  json::object new_shape = RenderBlock(std::move(b), ApiVersion::k2026_03_11);
  EXPECT_EQ(new_shape.at("type"), "meeting_notes");
  EXPECT_EQ(SerializeJson(new_shape.at("meeting_notes")), R"({"title":[]})");
  EXPECT_FALSE(new_shape.contains("transcription"));
}

TEST(BlockList, EnvelopeWithAndWithoutCursor) {
  EXPECT_EQ(SerializeJson(BlockList(json::array{}, "")),
            R"({"object":"list","results":[],"next_cursor":null,"has_more":false,"type":"block","block":{}})");
  EXPECT_EQ(SerializeJson(BlockList(json::array{}, "c1")),
            R"({"object":"list","results":[],"next_cursor":"c1","has_more":true,"type":"block","block":{}})");
}

}  // namespace
}  // namespace localnotion::api
