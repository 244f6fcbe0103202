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
#include "service/blocks/blocks.h"
#include "service/comments/comments.h"
#include "service/uploads/file_upload_state.h"
#include "service/uploads/uploads.h"
#include "validation/comment_body.h"
#include "validation/pagination.h"

namespace localnotion::service::comments {
namespace {

// THE resolution of a comment parent id: {"page_id", id} for a page, {"block_id", id}
// for another block. Unknown ids give kObjectNotFound "Could not find block with ID: ...".
struct CommentParent {
  std::string type;  // "page_id" or "block_id"
  std::string id;
};

Result<CommentParent> ResolveCommentParent(Context& ctx, const std::string& id) {
  // Pages are blocks: a page id is a valid block_id, and its comments have a page_id
  // parent. Other blocks give a block_id parent. LoadBlockTarget applies sharing: a block
  // the integration cannot see is not found. Databases take no comments.
  LN_ASSIGN_OR_RETURN(blocks::BlockTarget target, blocks::LoadBlockTarget(ctx, id));
  if (target.type == "child_database") return NotFound("block", id);
  if (target.self_trashed || target.ancestor_trashed) return api::ArchivedError();
  return CommentParent{target.type == "child_page" ? "page_id" : "block_id", id};
}

Result<json::object> RenderComment(Context& ctx, const storage::CommentRecord& c, json::array attachments) {
  json::array rich_text = c.rich_text;
  LN_RETURN_IF_ERROR(ctx.NameMentions(rich_text));
  return api::RenderComment(api::CommentView{.id = c.id,
                                             .parent_type = c.parent_type,
                                             .parent_id = c.parent_id,
                                             .discussion_id = c.discussion_id,
                                             .created_time = c.created_time,
                                             .last_edited_time = c.last_edited_time,
                                             .created_by = c.created_by,
                                             .rich_text = std::move(rich_text),
                                             .display_name = c.display_name,
                                             .attachments = std::move(attachments)});
}

}  // namespace

Result<json::value> CreateComment(Context& ctx, const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(validation::CommentBody b, validation::ReadCommentBody(body));
  storage::CommentRecord c;
  // Stored as written; mentions are named when shown, as the reader may see them.
  c.rich_text = std::move(b.rich_text);

  // display_name: integration (default), user or custom.
  c.display_name = json::object{{"type", "integration"}, {"resolved_name", caller.integration.name}};
  if (b.display_type == "custom") {
    c.display_name = json::object{{"type", "custom"}, {"resolved_name", b.custom_name}};
  } else if (b.display_type == "user") {
    LN_ASSIGN_OR_RETURN(auto owner_id, ctx.store().GetMeta("owner_user_id"));
    std::optional<storage::UserRecord> owner;
    if (owner_id) {
      LN_ASSIGN_OR_RETURN(owner, ctx.store().GetUser(*owner_id));
    }
    c.display_name =
        json::object{{"type", "user"}, {"resolved_name", owner ? json::value(owner->name) : json::value(nullptr)}};
  }

  if (!b.discussion_id) {
    const std::string id = b.parent_page_id ? *b.parent_page_id : *b.parent_block_id;
    if (b.parent_page_id) {
      if (auto loaded = ctx.LoadPage(id); !loaded.ok()) return std::move(loaded).error();
    }
    LN_ASSIGN_OR_RETURN(CommentParent resolved, ResolveCommentParent(ctx, id));
    c.parent_type = resolved.type;
    c.parent_id = resolved.id;
    c.discussion_id = NewUuid();
  } else {
    const std::string& id = *b.discussion_id;
    LN_ASSIGN_OR_RETURN(auto first, ctx.store().FirstCommentOf(id));
    if (!first) return NotFound("discussion", id);
    LN_ASSIGN_OR_RETURN(CommentParent resolved, ResolveCommentParent(ctx, first->parent_id));
    c.parent_type = resolved.type;
    c.parent_id = resolved.id;
    c.discussion_id = id;
  }

  json::array shown_attachments;
  if (const json::value* a = b.attachments) {
    LN_RETURN_IF_ERROR(validation::ReadCommentAttachments(*a));
    for (size_t i = 0; i < a->get_array().size(); ++i) {
      LN_ASSIGN_OR_RETURN(std::string upload_id, validation::ReadCommentAttachment(i, a->get_array()[i]));
      std::string path = api::Index("body.attachments", i);
      json::value request = json::object{{"file_upload", json::object{{"id", upload_id}}}};
      LN_ASSIGN_OR_RETURN(json::value stored, uploads::AttachFileUpload(ctx, caller, request, path));
      const json::value* type = Find(stored.get_object().at("file").as_object(), "content_type");
      std::string_view category =
          AttachmentCategory(type && type->is_string() ? std::string_view(type->get_string()) : "");
      c.attachments.push_back(json::object{{"category", category}, {"file", std::move(stored)}});
    }
  }

  c.id = NewUuid();
  c.created_time = c.last_edited_time = NowMillis();
  c.created_by = caller.integration.bot_user_id;
  LN_RETURN_IF_ERROR(ctx.WriteComment(caller, c));
  for (const auto& a : c.attachments) {
    LN_ASSIGN_OR_RETURN(json::value file, ctx.RenderFileObject(caller, a.as_object().at("file")));
    shown_attachments.push_back(
        json::object{{"category", a.as_object().at("category")}, {"file", file.as_object().at("file")}});
  }
  LN_ASSIGN_OR_RETURN(json::object shown, RenderComment(ctx, c, std::move(shown_attachments)));
  return json::value(std::move(shown));
}

Result<json::value> GetComment(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("comment_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto c, ctx.store().GetComment(id));
  if (!c) return NotFound("comment", id);
  // A comment on something the integration cannot see is not found either.
  if (!blocks::LoadBlockTarget(ctx, c->parent_id).ok()) return NotFound("comment", id);
  json::array attachments;
  for (const auto& a : c->attachments) {
    LN_ASSIGN_OR_RETURN(json::value file, ctx.RenderFileObject(caller, a.as_object().at("file")));
    attachments.push_back(
        json::object{{"category", a.as_object().at("category")}, {"file", file.as_object().at("file")}});
  }
  LN_ASSIGN_OR_RETURN(json::object shown, RenderComment(ctx, *c, std::move(attachments)));
  return json::value(std::move(shown));
}

Result<json::value> ListComments(Context& ctx, const Caller& caller, const std::optional<std::string>& block_id,
                                 const PageArgs& args) {
  if (!block_id) return api::NotDefined("query.block_id");
  json::value shown_id(*block_id);
  auto id = NormalizeUuid(*block_id);
  if (!id) return api::FailedValidation("query.block_id", "a valid uuid", &shown_id);
  LN_ASSIGN_OR_RETURN(
      const validation::Pagination paging,
      validation::ReadPagination(args.start_cursor, args.page_size, validation::PaginationSource::kQuery));
  const int page_size = paging.page_size;
  // The block (or page) must exist and be visible; trashed ones still list their comments.
  if (auto target = blocks::LoadBlockTarget(ctx, *id); !target.ok()) return std::move(target).error();
  LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListComments(*id));
  size_t start = 0;
  if (paging.start_cursor) {
    auto cursor = NormalizeUuid(*paging.start_cursor);
    start = all.size() + 1;
    for (size_t i = 0; cursor && i < all.size(); ++i) {
      if (all[i].id == *cursor) start = i;
    }
    if (start > all.size())
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *paging.start_cursor));
  }
  json::array results;
  size_t end = std::min(all.size(), start + static_cast<size_t>(page_size));
  for (size_t i = start; i < end; ++i) {
    LN_ASSIGN_OR_RETURN(json::value one, GetComment(ctx, caller, all[i].id));
    results.push_back(std::move(one));
  }
  const bool has_more = end < all.size();
  return json::value(api::RenderList({.results = std::move(results),
                                      .next_cursor = has_more ? json::value(all[end].id) : json::value(nullptr),
                                      .type = "comment"}));
}

}  // namespace localnotion::service::comments
