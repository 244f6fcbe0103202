// POST /v1/pages/{page_id}/move (https://developers.notion.com/reference/move-page; SDK
// 5.6 pages.move): a new parent for a page, a page or a data source. Notion's documented
// 400 validation_error texts, in the order they are checked here:
//   "Object <page_id> is in trash and cannot be moved"
//   "Parent ID must be different from the child ID: <page_id>"
//   "New parent must be different from the current parent"
//   "New parent <parent_id> cannot be under the hierarchy of child <page_id>"
// The page and the new parent must both be visible to the integration (404 otherwise,
// as for any unshared object), and the endpoint needs the update content capability.
// The id of a database with exactly one data source is accepted as a `page_id` parent
// and means that data source, as Notion allows. The page keeps its title and the values
// of properties whose name and type the new parent also has (docs/compat.md).
#include <fmt/format.h>

#include "api/messages.h"
#include "api/objects.h"
#include "common/uuid.h"
#include "service/blocks/blocks.h"
#include "service/pages/carry_properties.h"
#include "service/pages/pages.h"
#include "validation/move_body.h"

namespace localnotion::service::pages {
namespace {

// Parents are followed at most this far, as for access (core/access.cc).
constexpr int kMaxDepth = 256;

}  // namespace

Result<bool> IsUnder(Context& ctx, std::string id, std::string type, const std::string& page_id) {
  for (int depth = 0; depth < kMaxDepth && !id.empty(); ++depth) {
    if (id == page_id) return true;
    if (type == "page_id") {
      LN_ASSIGN_OR_RETURN(auto page, ctx.store().GetPage(id));
      if (!page) return false;
      type = page->parent_type, id = page->parent_id;
    } else if (type == "block_id") {
      LN_ASSIGN_OR_RETURN(auto block, ctx.store().GetBlock(id));
      if (!block) return false;
      type = block->parent_type, id = block->parent_id;
    } else if (type == "data_source_id") {
      LN_ASSIGN_OR_RETURN(auto source, ctx.store().GetDataSource(id));
      if (!source) return false;
      type = "database_id", id = source->database_id;
    } else if (type == "database_id") {
      LN_ASSIGN_OR_RETURN(auto db, ctx.store().GetDatabase(id));
      if (!db) return false;
      type = db->parent_type, id = db->parent_id;
    } else {
      return false;
    }
  }
  return false;
}

Status MoveChildObjectRow(Context& ctx, const Caller& caller, std::string_view row_type, const std::string& id,
                          const std::string& parent_type, const std::string& parent_id, Millis now) {
  LN_ASSIGN_OR_RETURN(auto row, ctx.store().GetBlock(id));
  if (!row) {
    if (parent_type != "page_id") return OkStatus();
    return blocks::AddChildObjectBlock(ctx, caller, row_type, id, parent_id, now);
  }
  storage::BlockRecord before = *row;
  row->parent_type = parent_type;
  row->parent_id = parent_id;
  if (parent_type == "page_id") {
    LN_ASSIGN_OR_RETURN(int64_t last, ctx.store().LastBlockPosition(parent_id));
    row->position = last + 1;
  }
  row->last_edited_time = now;
  row->last_edited_by = caller.integration.bot_user_id;
  return ctx.WriteBlock(caller, &before, *row);
}

json::object CarryProperties(const json::object& values, const schema::Schema& from, const schema::Schema& to) {
  json::object out;
  for (const auto& def : from) {
    const json::value* v = Find(values, def.id);
    if (v == nullptr) continue;
    for (const auto& target : to) {
      if (target.type == def.type && (def.type == "title" || target.name == def.name)) {
        out[target.id] = *v;
        break;
      }
    }
  }
  return out;
}

Result<json::value> MovePage(Context& ctx, const Caller& caller, std::string_view raw_id, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  LN_ASSIGN_OR_RETURN(validation::MoveBody req, validation::ReadMoveBody(body));
  LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadPage(id));
  if (loaded.trashed || loaded.ancestor_trashed) {
    return ValidationError(fmt::format("Object {} is in trash and cannot be moved", id));
  }
  if (req.parent_id == id) return ValidationError(fmt::format("Parent ID must be different from the child ID: {}", id));

  // The new parent, as the page record names it.
  std::string parent_type = req.parent_type;
  std::string parent_id = req.parent_id;
  DataSourcePtr source;
  if (parent_type == "page_id") {
    LN_ASSIGN_OR_RETURN(auto db, ctx.store().GetDatabase(parent_id));
    if (db) {
      LN_ASSIGN_OR_RETURN(source, ctx.SourceForDatabaseParent(parent_id));
    } else {
      LN_ASSIGN_OR_RETURN(LoadedPage parent, ctx.LoadPage(parent_id));
      if (parent.trashed || parent.ancestor_trashed) {
        return api::ArchivedError();
      }
    }
  } else {
    LN_ASSIGN_OR_RETURN(source, ctx.LoadDataSource(parent_id));
  }
  if (source) {
    if (source->in_trash) return api::ArchivedError();
    parent_type = "data_source_id";
    parent_id = source->id;
  }
  storage::PageRecord& page = loaded.page;
  if (page.parent_type == parent_type && page.parent_id == parent_id) {
    return ValidationError("New parent must be different from the current parent");
  }
  LN_ASSIGN_OR_RETURN(bool cycle, IsUnder(ctx, parent_id, parent_type, id));
  if (cycle)
    return ValidationError(fmt::format("New parent {} cannot be under the hierarchy of child {}", req.parent_id, id));

  const storage::PageRecord before = page;
  schema::Schema to_schema = validation::StandalonePageSchema();
  if (source) {
    LN_ASSIGN_OR_RETURN(SchemaPtr s, ctx.SchemaOf(source));
    to_schema = *s;
  }
  page.properties = CarryProperties(page.properties, *loaded.schema, to_schema);
  page.parent_type = parent_type;
  page.parent_id = parent_id;
  page.last_edited_time = NowMillis();
  page.last_edited_by = caller.integration.bot_user_id;
  LN_ASSIGN_OR_RETURN(LoadedPage moved, ctx.LoadRecord(page));
  LN_RETURN_IF_ERROR(ctx.WritePage(caller, &before, moved.page, moved.schema.get(), WriteMode::kNoHistory));
  LN_RETURN_IF_ERROR(MoveChildObjectRow(ctx, caller, "child_page", moved.page.id, moved.page.parent_type,
                                        moved.page.parent_id, moved.page.last_edited_time));
  if (!ctx.ReadsContent()) return json::value(api::PartialObject("page", id));
  return ctx.RenderPage(caller, moved);
}

}  // namespace localnotion::service::pages
