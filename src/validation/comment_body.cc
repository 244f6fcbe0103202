#include "validation/comment_body.h"

#include "api/markdown/parse.h"
#include "api/messages.h"
#include "api/rich_text.h"
#include "common/uuid.h"

namespace localnotion::validation {
namespace {

Result<std::string> BodyId(std::string_view path, const json::value& v) {
  auto id = v.is_string() ? NormalizeUuid(v.get_string()) : std::nullopt;
  if (!id) return api::FailedValidation(path, "a valid uuid", &v);
  return *id;
}

}  // namespace

Result<CommentBody> ReadCommentBody(const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  const json::object& o = body.get_object();
  for (const auto& kv : o) {
    const std::string_view k = kv.key();
    if (k != "parent" && k != "discussion_id" && k != "rich_text" && k != "markdown" && k != "attachments" &&
        k != "display_name") {
      return api::NotPresent(api::Field("body", k), kv.value());
    }
  }
  const json::value* parent = Find(o, "parent");
  const json::value* discussion = Find(o, "discussion_id");
  if (parent && discussion) {
    return api::FixOne({api::ShouldBe("body.parent", "not present", parent),
                        api::ShouldBe("body.discussion_id", "not present", discussion)});
  }
  if (!parent && !discussion) {
    return api::FixOne(
        {api::ShouldBe("body.parent", "defined", nullptr), api::ShouldBe("body.discussion_id", "defined", nullptr)});
  }
  // Exactly one of rich_text and markdown (inline markdown: formatting, links, $math$,
  // mentions; https://developers.notion.com/reference/create-a-comment).
  const json::value* rich_text = Find(o, "rich_text");
  const json::value* markdown = Find(o, "markdown");
  if (rich_text && markdown) {
    return api::FixOne({api::ShouldBe("body.rich_text", "not present", rich_text),
                        api::ShouldBe("body.markdown", "not present", markdown)});
  }
  if (rich_text == nullptr && markdown == nullptr) return api::NotDefined("body.rich_text");

  CommentBody c;
  if (rich_text != nullptr) {
    LN_ASSIGN_OR_RETURN(c.rich_text, api::NormalizeRichText("body.rich_text", *rich_text));
  } else {
    if (!markdown->is_string()) return api::FailedValidation("body.markdown", "a string", markdown);
    LN_ASSIGN_OR_RETURN(
        c.rich_text,
        api::NormalizeRichText("body.markdown", json::value(api::markdown::ParseInline(markdown->get_string()))));
  }

  if (const json::value* d = Find(o, "display_name")) {
    const json::value* type = d->is_object() ? Find(d->get_object(), "type") : nullptr;
    if (!d->is_object()) return api::FailedValidation("body.display_name", "an object", d);
    if (type == nullptr) return api::NotDefined("body.display_name.type");
    const std::string_view t = type->is_string() ? std::string_view(type->get_string()) : std::string_view();
    if (t == "custom") {
      const json::value* custom = Find(d->get_object(), "custom");
      const json::value* name = custom && custom->is_object() ? Find(custom->get_object(), "name") : nullptr;
      if (custom == nullptr) return api::NotDefined("body.display_name.custom");
      if (name == nullptr) return api::NotDefined("body.display_name.custom.name");
      if (!name->is_string() || name->get_string().empty()) {
        return api::FailedValidation("body.display_name.custom.name", "a non-empty string", name);
      }
      c.custom_name = std::string(name->get_string());
    } else if (t != "user" && t != "integration") {
      return api::FailedValidation("body.display_name.type", "`\"integration\"`, `\"user\"`, or `\"custom\"`", type);
    }
    c.display_type = std::string(t);
  }

  if (parent) {
    if (!parent->is_object()) return api::FailedValidation("body.parent", "an object", parent);
    const json::value* page_id = Find(parent->get_object(), "page_id");
    const json::value* block_id = Find(parent->get_object(), "block_id");
    if (!page_id && !block_id) {
      return api::FixOne({api::ShouldBe("body.parent.page_id", "defined", nullptr),
                          api::ShouldBe("body.parent.block_id", "defined", nullptr)});
    }
    if (page_id) {
      LN_ASSIGN_OR_RETURN(c.parent_page_id, BodyId("body.parent.page_id", *page_id));
    } else {
      LN_ASSIGN_OR_RETURN(c.parent_block_id, BodyId("body.parent.block_id", *block_id));
    }
  } else {
    LN_ASSIGN_OR_RETURN(c.discussion_id, BodyId("body.discussion_id", *discussion));
  }
  c.attachments = Find(o, "attachments");
  return c;
}

Status ReadCommentAttachments(const json::value& a) {
  if (!a.is_array()) return api::FailedValidation("body.attachments", "an array", &a);
  if (a.get_array().size() > kMaxCommentAttachments) {
    return api::TooLong("body.attachments", kMaxCommentAttachments, a.get_array().size());
  }
  return OkStatus();
}

Result<std::string> ReadCommentAttachment(size_t i, const json::value& item) {
  std::string path = api::Index("body.attachments", i);
  if (!item.is_object()) return api::FailedValidation(path, "an object", &item);
  const json::value* fid = Find(item.get_object(), "file_upload_id");
  if (fid == nullptr) return api::NotDefined(api::Field(path, "file_upload_id"));
  for (const auto& kv : item.get_object()) {
    if (kv.key() == "type" && kv.value().is_string() && kv.value().get_string() == "file_upload") continue;
    if (kv.key() != "file_upload_id") return api::NotPresent(api::Field(path, kv.key()), kv.value());
  }
  return BodyId(api::Field(path, "file_upload_id"), *fid);
}

}  // namespace localnotion::validation
