// Comments (reference: comment-object, create-a-comment, list-comments, retrieve-comment):
//   POST /v1/comments            {parent:{page_id}|{block_id}} or {discussion_id}; rich_text;
//                                attachments [{file_upload_id}] (at most 3); display_name
//   GET  /v1/comments?block_id=  the comments on a page or block, oldest first, paginated
//   GET  /v1/comments/{id}
// A comment on a page or block starts a new discussion; a comment with discussion_id
// joins that discussion and takes its parent. Parent ids are resolved by
// ResolveCommentParent alone. Choices where Notion's behaviour is unknown: docs/compat.md
// "Comments".
#include <fmt/format.h>

#include "api/comment_objects.h"
#include "api/lists.h"
#include "api/messages.h"
#include "api/objects.h"
#include "api/rich_text.h"
#include "common/uuid.h"
#include "service/file_upload_state.h"
#include "service/service.h"

namespace localnotion::service {
namespace {

constexpr size_t kMaxAttachments = 3;
// Notion's answer to a comment on a trashed page: the 400 validation_error
// (https://developers.notion.com/reference/status-codes) it gives for editing an archived
// block, with the same text.
constexpr std::string_view kArchived = "Can't edit block that is archived. You must unarchive the block before editing.";

Result<std::string> BodyId(std::string_view path, const json::value& v) {
  auto id = v.is_string() ? NormalizeUuid(v.get_string()) : std::nullopt;
  if (!id) return api::FailedValidation(path, "a valid uuid", &v);
  return *id;
}

}  // namespace

Result<Service::CommentParent> Service::ResolveCommentParent(const std::string& id) {
  // Pages are blocks: a page id is a valid block_id, and its comments have a page_id
  // parent. Other blocks give a block_id parent. LoadBlockTarget applies sharing: a block
  // the integration cannot see is not found. Databases take no comments.
  LN_ASSIGN_OR_RETURN(BlockTarget target, LoadBlockTarget(id));
  if (target.type == "child_database") return NotFound("block", id);
  if (target.self_trashed || target.ancestor_trashed) return ValidationError(std::string(kArchived));
  return CommentParent{target.type == "child_page" ? "page_id" : "block_id", id};
}

namespace {

json::object RenderComment(const storage::CommentRecord& c, json::array attachments) {
  return api::RenderComment(api::CommentView{.id = c.id,
                                             .parent_type = c.parent_type,
                                             .parent_id = c.parent_id,
                                             .discussion_id = c.discussion_id,
                                             .created_time = c.created_time,
                                             .last_edited_time = c.last_edited_time,
                                             .created_by = c.created_by,
                                             .rich_text = c.rich_text,
                                             .display_name = c.display_name,
                                             .attachments = std::move(attachments)});
}

}  // namespace

Result<json::value> Service::CreateComment(const Caller& caller, const json::value& body) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  const json::object& o = body.get_object();
  for (const auto& kv : o) {
    const std::string_view k = kv.key();
    if (k != "parent" && k != "discussion_id" && k != "rich_text" && k != "attachments" && k != "display_name") {
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
    return api::FixOne({api::ShouldBe("body.parent", "defined", nullptr),
                        api::ShouldBe("body.discussion_id", "defined", nullptr)});
  }
  const json::value* rich_text = Find(o, "rich_text");
  if (rich_text == nullptr) return api::NotDefined("body.rich_text");

  storage::CommentRecord c;
  LN_ASSIGN_OR_RETURN(c.rich_text, api::NormalizeRichText("body.rich_text", *rich_text));
  NameMentions(c.rich_text);

  // display_name: integration (default), user or custom.
  c.display_name = json::object{{"type", "integration"}, {"resolved_name", caller.integration.name}};
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
      c.display_name = json::object{{"type", "custom"}, {"resolved_name", *name}};
    } else if (t == "user") {
      LN_ASSIGN_OR_RETURN(auto owner_id, store_.GetMeta("owner_user_id"));
      std::optional<storage::UserRecord> owner;
      if (owner_id) {
        LN_ASSIGN_OR_RETURN(owner, store_.GetUser(*owner_id));
      }
      c.display_name = json::object{{"type", "user"}, {"resolved_name", owner ? json::value(owner->name) : json::value(nullptr)}};
    } else if (t != "integration") {
      return api::FailedValidation("body.display_name.type", "`\"integration\"`, `\"user\"`, or `\"custom\"`", type);
    }
  }

  if (parent) {
    if (!parent->is_object()) return api::FailedValidation("body.parent", "an object", parent);
    const json::value* page_id = Find(parent->get_object(), "page_id");
    const json::value* block_id = Find(parent->get_object(), "block_id");
    if (!page_id && !block_id) {
      return api::FixOne({api::ShouldBe("body.parent.page_id", "defined", nullptr),
                          api::ShouldBe("body.parent.block_id", "defined", nullptr)});
    }
    std::string id;
    if (page_id) {
      LN_ASSIGN_OR_RETURN(id, BodyId("body.parent.page_id", *page_id));
      if (auto loaded = LoadPage(id); !loaded.ok()) return std::move(loaded).error();
    } else {
      LN_ASSIGN_OR_RETURN(id, BodyId("body.parent.block_id", *block_id));
    }
    LN_ASSIGN_OR_RETURN(CommentParent resolved, ResolveCommentParent(id));
    c.parent_type = resolved.type;
    c.parent_id = resolved.id;
    c.discussion_id = NewUuid();
  } else {
    LN_ASSIGN_OR_RETURN(std::string id, BodyId("body.discussion_id", *discussion));
    LN_ASSIGN_OR_RETURN(auto first, store_.FirstCommentOf(id));
    if (!first) return NotFound("discussion", id);
    LN_ASSIGN_OR_RETURN(CommentParent resolved, ResolveCommentParent(first->parent_id));
    c.parent_type = resolved.type;
    c.parent_id = resolved.id;
    c.discussion_id = id;
  }

  json::array shown_attachments;
  if (const json::value* a = Find(o, "attachments")) {
    if (!a->is_array()) return api::FailedValidation("body.attachments", "an array", a);
    if (a->get_array().size() > kMaxAttachments) return api::TooLong("body.attachments", kMaxAttachments, a->get_array().size());
    for (size_t i = 0; i < a->get_array().size(); ++i) {
      const json::value& item = a->get_array()[i];
      std::string path = api::Index("body.attachments", i);
      if (!item.is_object()) return api::FailedValidation(path, "an object", &item);
      const json::value* fid = Find(item.get_object(), "file_upload_id");
      if (fid == nullptr) return api::NotDefined(api::Field(path, "file_upload_id"));
      for (const auto& kv : item.get_object()) {
        if (kv.key() == "type" && kv.value().is_string() && kv.value().get_string() == "file_upload") continue;
        if (kv.key() != "file_upload_id") return api::NotPresent(api::Field(path, kv.key()), kv.value());
      }
      LN_ASSIGN_OR_RETURN(std::string upload_id, BodyId(api::Field(path, "file_upload_id"), *fid));
      json::value request = json::object{{"file_upload", json::object{{"id", upload_id}}}};
      LN_ASSIGN_OR_RETURN(json::value stored, AttachFileUpload(caller, request, path));
      const json::value* type = Find(stored.get_object().at("file").as_object(), "content_type");
      std::string_view category = AttachmentCategory(type && type->is_string() ? std::string_view(type->get_string()) : "");
      c.attachments.push_back(json::object{{"category", category}, {"file", std::move(stored)}});
    }
  }

  c.id = NewUuid();
  c.created_time = c.last_edited_time = NowMillis();
  c.created_by = caller.integration.bot_user_id;
  LN_RETURN_IF_ERROR(WriteComment(caller, c));
  for (const auto& a : c.attachments) {
    LN_ASSIGN_OR_RETURN(json::value file, RenderFileObject(caller, a.as_object().at("file")));
    shown_attachments.push_back(json::object{{"category", a.as_object().at("category")}, {"file", file.as_object().at("file")}});
  }
  return json::value(RenderComment(c, std::move(shown_attachments)));
}

Result<json::value> Service::GetComment(const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("comment_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto c, store_.GetComment(id));
  if (!c) return NotFound("comment", id);
  // A comment on something the integration cannot see is not found either.
  if (!LoadBlockTarget(c->parent_id).ok()) return NotFound("comment", id);
  json::array attachments;
  for (const auto& a : c->attachments) {
    LN_ASSIGN_OR_RETURN(json::value file, RenderFileObject(caller, a.as_object().at("file")));
    attachments.push_back(json::object{{"category", a.as_object().at("category")}, {"file", file.as_object().at("file")}});
  }
  return json::value(RenderComment(*c, std::move(attachments)));
}

Result<json::value> Service::ListComments(const Caller& caller, const std::optional<std::string>& block_id,
                                          const PageArgs& args) {
  if (!block_id) return api::NotDefined("query.block_id");
  json::value shown_id(*block_id);
  auto id = NormalizeUuid(*block_id);
  if (!id) return api::FailedValidation("query.block_id", "a valid uuid", &shown_id);
  LN_ASSIGN_OR_RETURN(int page_size, ParsePageSize(args.page_size));
  // The block (or page) must exist and be visible; trashed ones still list their comments.
  if (auto target = LoadBlockTarget(*id); !target.ok()) return std::move(target).error();
  LN_ASSIGN_OR_RETURN(auto all, store_.ListComments(*id));
  size_t start = 0;
  if (args.start_cursor && *args.start_cursor != "null") {
    auto cursor = NormalizeUuid(*args.start_cursor);
    start = all.size() + 1;
    for (size_t i = 0; cursor && i < all.size(); ++i) {
      if (all[i].id == *cursor) start = i;
    }
    if (start > all.size()) return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *args.start_cursor));
  }
  json::array results;
  size_t end = std::min(all.size(), start + static_cast<size_t>(page_size));
  for (size_t i = start; i < end; ++i) {
    LN_ASSIGN_OR_RETURN(json::value one, GetComment(caller, all[i].id));
    results.push_back(std::move(one));
  }
  const bool has_more = end < all.size();
  return json::value(api::RenderList({.results = std::move(results),
                                      .next_cursor = has_more ? json::value(all[end].id) : json::value(nullptr),
                                      .type = "comment"}));
}

}  // namespace localnotion::service
