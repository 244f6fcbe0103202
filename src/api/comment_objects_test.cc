// The comment object's key order, and attachments left out when there are none.
#include "api/comment_objects.h"

#include <gtest/gtest.h>

#include "api/objects.h"

namespace localnotion::api {
namespace {

CommentView Comment() {
  return CommentView{.id = "c1",
                     .parent_type = "page_id",
                     .parent_id = "p1",
                     .discussion_id = "d1",
                     .created_time = 0,
                     .last_edited_time = 60000,
                     .created_by = "u1",
                     .rich_text = json::array{},
                     .display_name = json::object{{"type", "integration"}, {"resolved_name", "Bot"}},
                     .attachments = {}};
}

TEST(RenderComment, KeysInNotionsOrderWithoutAttachments) {
  EXPECT_EQ(SerializeJson(RenderComment(Comment())),
            R"({"object":"comment","id":"c1","parent":{"type":"page_id","page_id":"p1"},"discussion_id":"d1",)"
            R"("created_time":"1970-01-01T00:00:00.000Z","last_edited_time":"1970-01-01T00:01:00.000Z",)"
            R"("created_by":{"object":"user","id":"u1"},"rich_text":[],)"
            R"("display_name":{"type":"integration","resolved_name":"Bot"}})");
}

TEST(RenderComment, AttachmentsLast) {
  CommentView c = Comment();
  c.attachments.push_back(json::object{{"category", "image"}});
  json::object o = RenderComment(std::move(c));
  EXPECT_EQ(SerializeJson(o.at("attachments")), R"([{"category":"image"}])");
  EXPECT_EQ((o.end() - 1)->key(), "attachments");
}

TEST(PartialObject, ObjectAndId) {
  EXPECT_EQ(SerializeJson(PartialObject("data_source", "s1")), R"({"object":"data_source","id":"s1"})");
}

}  // namespace
}  // namespace localnotion::api
