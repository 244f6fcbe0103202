// GET /v1/blocks/{id}, GET and PATCH /v1/blocks/{id}/children, PATCH and DELETE
// /v1/blocks/{id}. Decisions where Notion's behaviour is not documented are listed in
// docs/compat.md ("Blocks").
#include <fmt/format.h>

#include <climits>
#include <span>

#include "api/block_objects.h"
#include "api/blocks/registry.h"
#include "api/messages.h"
#include "api/rich_text.h"
#include "common/json_fields.h"
#include "common/uuid.h"
#include "service/blocks/block_tree.h"
#include "service/blocks/blocks.h"
#include "validation/append_body.h"
#include "validation/pagination.h"

namespace localnotion::service::blocks {
namespace {

std::string PageTitle(const storage::PageRecord& page) {
  const json::value* title = Find(page.properties, "title");
  return title && title->is_array() ? api::PlainText(title->get_array()) : std::string();
}

api::ParentRef ParentOf(const std::string& type, const std::string& id) {
  if (type == "workspace" || type.empty()) return api::ParentRef{"workspace", "", ""};
  return api::ParentRef{type, id, ""};
}

}  // namespace

// A block the integration cannot see (its page is not shared with it) is not found,
// like one that does not exist (core/access.cc).
Result<BlockTarget> LoadBlockTarget(Context& ctx, const std::string& id) {
  BlockTarget t;
  t.id = id;
  LN_ASSIGN_OR_RETURN(t.row, ctx.store().GetBlock(id));
  {
    const bool is_page = !t.row || t.row->type == "child_page";
    LN_ASSIGN_OR_RETURN(bool visible, ctx.Visible(t.row && t.row->type == "child_database" ? "database"
                                                  : t.row && !is_page                      ? "block"
                                                                                           : "page",
                                                  id));
    if (!visible && !t.row) {
      // Not a page: perhaps a database known only by its id.
      LN_ASSIGN_OR_RETURN(visible, ctx.Visible("database", id));
    }
    if (!visible) return NotFound("block", id);
  }
  if (!t.row || t.row->type == "child_page") {
    LN_ASSIGN_OR_RETURN(auto page, ctx.store().GetPage(id));
    if (page) {
      LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadRecord(std::move(*page)));
      t.type = "child_page";
      t.self_trashed =
          loaded.page.in_trash || (loaded.source && loaded.source->in_trash) || (loaded.db && loaded.db->in_trash);
      t.ancestor_trashed = loaded.ancestor_trashed;
      t.page = std::move(loaded);
      return t;
    }
  }
  if (!t.row || t.row->type == "child_database") {
    LN_ASSIGN_OR_RETURN(t.db, ctx.store().GetDatabase(id));
    if (t.db) {
      t.type = "child_database";
      t.self_trashed = t.db->in_trash;
      LN_ASSIGN_OR_RETURN(t.ancestor_trashed, ctx.ContainerTrashed(t.db->parent_type, t.db->parent_id));
      return t;
    }
  }
  // A child_page / child_database row whose page or database is gone shows nothing.
  if (!t.row || t.row->type == "child_page" || t.row->type == "child_database") return NotFound("block", id);
  t.type = t.row->type;
  t.self_trashed = t.row->in_trash;
  LN_ASSIGN_OR_RETURN(t.ancestor_trashed, ctx.ContainerTrashed(t.row->parent_type, t.row->parent_id));
  return t;
}

// Shared with block_subtree.cc through block_tree.h.

// The block whose children `id` shows: its own, or, when the registry says so (a synced
// block reference), another block's.
std::string ChildrenHolder(const std::string& id, const api::blocks::BlockType* type, const json::object& content) {
  if (type == nullptr || type->children.children_from == nullptr) return id;
  std::string other = type->children.children_from(content);
  return other.empty() ? id : other;
}

Result<json::value> RenderBlockTarget(Context& ctx, const Caller& caller, const BlockTarget& t) {
  if (t.row && t.type == t.row->type && !t.page && !t.db)
    return RenderBlockRow(ctx, caller, *t.row, t.ancestor_trashed);
  api::BlockView view;
  view.id = t.id;
  view.type = t.type;
  view.in_trash = t.self_trashed || t.ancestor_trashed;
  if (t.page) {
    const LoadedPage& p = *t.page;
    if (p.source) {
      view.parent = api::ParentRef{"database_id", p.db->id, p.source->id};
    } else {
      view.parent = ParentOf(p.page.parent_type, p.page.parent_id);
    }
    view.created_time = p.page.created_time;
    view.created_by = p.page.created_by;
    view.last_edited_time = p.page.last_edited_time;
    view.last_edited_by = p.page.last_edited_by;
    view.content = json::object{{"title", PageTitle(p.page)}};
  } else {
    view.parent = ParentOf(t.db->parent_type, t.db->parent_id);
    view.created_time = t.db->created_time;
    view.created_by = t.db->created_by;
    view.last_edited_time = t.db->last_edited_time;
    view.last_edited_by = t.db->last_edited_by;
    view.content = json::object{{"title", api::PlainText(t.db->title)}};
  }
  LN_ASSIGN_OR_RETURN(auto first, ctx.store().ListBlockChildren(t.id, INT64_MIN, 1));
  view.has_children = !first.empty();
  return json::value(api::RenderBlock(std::move(view), caller.version));
}

Result<json::value> RenderBlockRow(Context& ctx, const Caller& caller, const storage::BlockRecord& row,
                                   bool ancestor_trashed) {
  const api::blocks::BlockType* type = api::blocks::FindBlockType(row.type);
  if (type != nullptr && type->shows_object) {
    // Shown from the page or database itself: its title follows renames.
    LN_ASSIGN_OR_RETURN(BlockTarget t, LoadBlockTarget(ctx, row.id));
    t.ancestor_trashed = t.ancestor_trashed || ancestor_trashed;
    return RenderBlockTarget(ctx, caller, t);
  }
  api::BlockView view;
  view.id = row.id;
  view.parent = ParentOf(row.parent_type, row.parent_id);
  view.created_time = row.created_time;
  view.created_by = row.created_by;
  view.last_edited_time = row.last_edited_time;
  view.last_edited_by = row.last_edited_by;
  view.in_trash = row.in_trash || ancestor_trashed;
  view.type = row.type;
  view.content = row.content;
  if (const json::value* source = view.content.if_contains("type"); source && *source == "file") {
    // An uploaded file (block_tree.cc ResolveFileUpload) gets a fresh signed link.
    LN_ASSIGN_OR_RETURN(json::value shown, ctx.RenderFileObject(caller, json::value(view.content)));
    view.content = std::move(shown.as_object());
  }
  if (json::value* icon = view.content.if_contains("icon");
      icon && icon->is_object() && StringAt(icon->get_object(), "type") == "file") {
    // An uploaded icon (block_tree.cc ResolveBlockIcon) gets a fresh signed link too.
    LN_ASSIGN_OR_RETURN(*icon, ctx.RenderFileObject(caller, *icon));
  }
  // Mentions in the rich text a type shows are named as the caller may see them.
  for (std::string_view key : type != nullptr ? std::span(type->rich_text_keys) : std::span<const std::string_view>{}) {
    if (json::value* rt = view.content.if_contains(key); rt && rt->is_array()) {
      LN_RETURN_IF_ERROR(ctx.NameMentions(rt->as_array()));
    }
  }
  LN_ASSIGN_OR_RETURN(auto first,
                      ctx.store().ListBlockChildren(ChildrenHolder(row.id, type, row.content), INT64_MIN, 1));
  view.has_children = !first.empty();
  return json::value(api::RenderBlock(std::move(view), caller.version));
}

Result<json::value> GetBlock(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("block_id", raw_id));
  LN_ASSIGN_OR_RETURN(BlockTarget t, LoadBlockTarget(ctx, id));
  return RenderBlockTarget(ctx, caller, t);
}

Result<json::value> ListBlockChildren(Context& ctx, const Caller& caller, std::string_view raw_id,
                                      const PageArgs& args) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("block_id", raw_id));
  LN_ASSIGN_OR_RETURN(
      const validation::Pagination paging,
      validation::ReadPagination(args.start_cursor, args.page_size, validation::PaginationSource::kQuery));
  const int page_size = paging.page_size;
  LN_ASSIGN_OR_RETURN(std::optional<std::string> cursor,
                      validation::ReadUuidCursor(paging.start_cursor, validation::PaginationSource::kQuery));
  LN_ASSIGN_OR_RETURN(BlockTarget t, LoadBlockTarget(ctx, id));
  // A synced block reference lists its original's children.
  const std::string holder =
      t.row ? ChildrenHolder(id, api::blocks::FindBlockType(t.row->type), t.row->content) : std::string(id);
  int64_t from = INT64_MIN;
  if (cursor) {
    // The cursor is the id of the first child of the next page.
    LN_ASSIGN_OR_RETURN(auto at, ctx.store().GetBlock(*cursor));
    if (!at || at->parent_id != holder || at->in_trash) {
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *paging.start_cursor));
    }
    from = at->position;
  }
  LN_ASSIGN_OR_RETURN(auto rows, ctx.store().ListBlockChildren(holder, from, page_size + 1));
  std::string next_cursor;
  if (static_cast<int>(rows.size()) > page_size) {
    next_cursor = rows.back().id;
    rows.pop_back();
  }
  const bool trashed = t.self_trashed || t.ancestor_trashed;
  json::array results;
  results.reserve(rows.size());
  for (const auto& row : rows) {
    LN_ASSIGN_OR_RETURN(json::value block, RenderBlockRow(ctx, caller, row, trashed));
    results.push_back(std::move(block));
  }
  return json::value(api::BlockList(std::move(results), next_cursor));
}

Result<json::value> AppendBlockChildren(Context& ctx, const Caller& caller, std::string_view raw_id,
                                        const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("block_id", raw_id));
  LN_ASSIGN_OR_RETURN(validation::AppendBody req, validation::ReadAppendBody(body, caller.version));
  LN_ASSIGN_OR_RETURN(std::vector<validation::NewBlock> blocks,
                      validation::CheckChildren("body.children", *req.children));

  LN_ASSIGN_OR_RETURN(BlockTarget t, LoadBlockTarget(ctx, id));
  if (t.self_trashed || t.ancestor_trashed) return api::ArchivedError();
  const api::blocks::BlockType* type = api::blocks::FindBlockType(t.type);
  if (type == nullptr || !type->children.takes_children) {
    return ValidationError(fmt::format("Block type {} does not support children.", t.type));
  }
  static const json::object kNoContent;
  LN_RETURN_IF_ERROR(validation::CheckPlacement("body.children", t.type,
                                                t.row && !t.page && !t.db ? t.row->content : kNoContent, blocks));
  // Positions start at 1 (block_tree.cc), so "after position 0" is the start.
  std::optional<int64_t> after_position;
  if (req.place == validation::AppendPlace::kStart) after_position = 0;
  if (req.place == validation::AppendPlace::kAfterBlock) {
    LN_ASSIGN_OR_RETURN(auto sibling, ctx.store().GetBlock(req.after_block_id));
    if (!sibling || sibling->parent_id != id || sibling->in_trash) {
      return ValidationError(fmt::format("Block {} is not a child of {}.", req.after_block_id, id));
    }
    after_position = sibling->position;
  }
  const std::string parent_type = t.type == "child_page" ? "page_id" : "block_id";
  std::vector<storage::BlockRecord> created;
  LN_RETURN_IF_ERROR(InsertBlocks(ctx, caller, parent_type, id, after_position, blocks, &created));
  json::array results;
  results.reserve(created.size());
  for (const auto& row : created) {
    LN_ASSIGN_OR_RETURN(json::value block, RenderBlockRow(ctx, caller, row, false));
    results.push_back(std::move(block));
  }
  return json::value(api::BlockList(std::move(results), ""));
}

Result<json::value> UpdateBlock(Context& ctx, const Caller& caller, std::string_view raw_id, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("block_id", raw_id));
  LN_ASSIGN_OR_RETURN(BlockTarget t, LoadBlockTarget(ctx, id));
  static const json::object kNoContent;
  LN_ASSIGN_OR_RETURN(validation::BlockUpdate req,
                      validation::CheckBlockUpdate(
                          body, t.type, t.row && !t.page && !t.db ? t.row->content : kNoContent, caller.version));
  const bool restoring = req.in_trash && !*req.in_trash;
  const bool edits = req.content.has_value() || (req.in_trash && *req.in_trash);
  if (t.ancestor_trashed && (edits || restoring)) return api::ArchivedError();
  if (t.self_trashed && !restoring && edits) return api::ArchivedError();

  const Millis now = NowMillis();
  if (t.page) {
    if (req.in_trash && *req.in_trash != t.page->page.in_trash) {
      storage::PageRecord p = t.page->page;
      p.in_trash = *req.in_trash;
      p.last_edited_time = now;
      p.last_edited_by = caller.integration.bot_user_id;
      // Through the write path, so that trashing a page as a block is page history too.
      LN_RETURN_IF_ERROR(ctx.WritePage(caller, &t.page->page, p, t.page->schema.get()));
    }
  } else if (t.db) {
    if (req.in_trash && *req.in_trash != t.db->in_trash) {
      storage::DatabaseRecord d = *t.db;
      d.in_trash = *req.in_trash;
      d.last_edited_time = now;
      d.last_edited_by = caller.integration.bot_user_id;
      LN_RETURN_IF_ERROR(ctx.WriteDatabase(caller, t.db.get(), d));
    }
  } else {
    const storage::BlockRecord before = *t.row;
    storage::BlockRecord row = *t.row;
    bool changed = false;
    if (const json::value* source = req.content ? req.content->if_contains("type") : nullptr;
        source && *source == "file_upload") {
      validation::NewBlock media{"body", row.type, std::move(*req.content), {}};
      LN_RETURN_IF_ERROR(ResolveFileUpload(ctx, caller, media));
      req.content = std::move(media.content);
    }
    if (req.content) LN_RETURN_IF_ERROR(ResolveBlockIcon(ctx, caller, *req.content, api::Field("body", row.type)));
    if (req.content && *req.content != row.content) row.content = std::move(*req.content), changed = true;
    if (req.in_trash && *req.in_trash != row.in_trash) row.in_trash = *req.in_trash, changed = true;
    if (changed) {
      row.last_edited_time = now;
      row.last_edited_by = caller.integration.bot_user_id;
      LN_RETURN_IF_ERROR(ctx.WriteBlock(caller, &before, row));
    }
  }
  LN_ASSIGN_OR_RETURN(BlockTarget after, LoadBlockTarget(ctx, id));
  return RenderBlockTarget(ctx, caller, after);
}

Result<json::value> DeleteBlock(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("block_id", raw_id));
  json::value body = json::object{{"in_trash", true}};
  return UpdateBlock(ctx, caller, id, body);
}

}  // namespace localnotion::service::blocks
