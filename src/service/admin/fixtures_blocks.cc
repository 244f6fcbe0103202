// The "blocks" of a fixture (docs/fixtures.md): page content
// (https://developers.notion.com/reference/block), one entry per block, each naming its
// parent (a page, or a block of the fixture) and its `position` among the parent's
// children. The type object is the **stored form**, as the export writes it: complete
// rich text, files in the stored file form (naming an upload of body.file_uploads),
// `synced_from` naming an original synced block of the fixture. It is kept as written;
// the type must be one the server knows. Rows of type child_page / child_database hold
// the place of a sub-page or inline database among its parent's children (their id is
// the page's or database's). Meeting notes blocks and what is inside them are the
// "meeting_notes" array's, not this one's.
//
// Read after pages and file uploads; written depth first under each page in the export's
// page order, children by position, trashed blocks included.
#include <fmt/format.h>
#include <tuple>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "api/blocks/registry.h"
#include "service/admin/fixtures_reader.h"

namespace localnotion::service::admin {
namespace {

constexpr std::string_view kMeetingNotes = "meeting_notes";

}  // namespace

Status SeedBlocks(Context& ctx, const json::object& fixture, const AuthorFn& author) {
  LN_ASSIGN_OR_RETURN(auto blocks, Items(fixture, "blocks"));
  std::set<std::string> ids;
  std::vector<std::pair<size_t, std::string>> block_parents;  // (entry, parent block id), checked at the end
  std::vector<std::pair<size_t, std::string>> sources;        // (entry, synced original id)
  const Millis now = NowMillis();
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Reader& r = blocks[i];
    storage::BlockRecord b;
    LN_ASSIGN_OR_RETURN(b.id, r.Id("id", true));
    LN_ASSIGN_OR_RETURN(b.type, r.String("type"));
    const api::blocks::BlockType* type = api::blocks::FindBlockType(b.type);
    if (type == nullptr || b.type == kMeetingNotes) {
      return api::FailedValidation(
          r.At("type"), "a block type such as `\"paragraph\"` (meeting notes go in body.meeting_notes)", r.Get("type"));
    }
    // A child_page / child_database row is its page's or database's; any other block has
    // an id of its own.
    LN_ASSIGN_OR_RETURN(auto page, ctx.store().GetPage(b.id));
    LN_ASSIGN_OR_RETURN(auto database, ctx.store().GetDatabase(b.id));
    if (b.type == "child_page" && !page) {
      return api::FailedValidation(r.At("id"), "the id of one of body.pages for a child_page block", r.Get("id"));
    }
    if (b.type == "child_database" && !database) {
      return api::FailedValidation(r.At("id"), "the id of one of body.databases for a child_database block",
                                   r.Get("id"));
    }
    bool own = b.type == "child_page" || b.type == "child_database";
    if (!ids.insert(b.id).second || (!own && (page || database))) {
      json::value shown(b.id);
      return api::FailedValidation(r.At("id"), "an id not used before in the fixture", &shown);
    }
    auto parent = r.PageOrBlockParent();
    if (!parent) return r.BadPageOrBlockParent();
    std::tie(b.parent_type, b.parent_id) = *parent;
    if (b.parent_type == "page_id") {
      LN_ASSIGN_OR_RETURN(auto parent_page, ctx.store().GetPage(b.parent_id));
      if (!parent_page) return r.BadPageOrBlockParent();
    } else {
      block_parents.emplace_back(i, b.parent_id);  // blocks may come in any order: checked at the end
    }
    const json::value* content = r.Get(b.type);
    if (content != nullptr && !content->is_object()) return api::FailedValidation(r.At(b.type), "an object", content);
    b.content = content ? content->get_object() : json::object{};
    LN_RETURN_IF_ERROR(CheckFileUploadIds(ctx, json::value(b.content), r.At(b.type)));
    if (type->children.children_from != nullptr) {
      std::string source = type->children.children_from(b.content);
      if (!source.empty()) sources.emplace_back(i, std::move(source));
    }
    const json::value* position = r.Get("position");
    if (position != nullptr && !(position->is_int64() && position->get_int64() >= 1)) {
      return api::FailedValidation(r.At("position"), "an integer ≥ `1`", position);
    }
    if (position != nullptr) {
      b.position = position->get_int64();
    } else {
      LN_ASSIGN_OR_RETURN(int64_t last, ctx.store().LastBlockPosition(b.parent_id));
      b.position = last + 1;
    }
    LN_ASSIGN_OR_RETURN(b.in_trash, r.Bool("in_trash"));
    LN_ASSIGN_OR_RETURN(b.created_time, r.Time("created_time", now));
    LN_ASSIGN_OR_RETURN(b.last_edited_time, r.Time("last_edited_time", b.created_time));
    LN_ASSIGN_OR_RETURN(b.created_by, author(r, "created_by"));
    LN_ASSIGN_OR_RETURN(b.last_edited_by, author(r, "last_edited_by"));
    LN_RETURN_IF_ERROR(ctx.WriteBlock(Caller{}, nullptr, b, WriteMode::kImport));
  }
  for (const auto& [i, id] : block_parents) {
    LN_ASSIGN_OR_RETURN(auto found, ctx.store().GetBlock(id));
    if (!found || !ids.count(id)) {
      json::value shown(id);
      return api::FailedValidation(api::Field(blocks[i].At("parent"), "block_id"), "the id of one of body.blocks",
                                   &shown);
    }
  }
  for (const auto& [i, id] : sources) {
    LN_ASSIGN_OR_RETURN(auto found, ctx.store().GetBlock(id));
    LN_ASSIGN_OR_RETURN(std::string type, blocks[i].String("type"));
    if (!found || found->type != type) {
      json::value shown(id);
      return api::FailedValidation(blocks[i].At(type), fmt::format("to name an original {} block of body.blocks", type),
                                   &shown);
    }
  }
  return OkStatus();
}

Result<json::array> ExportBlocks(Context& ctx, std::vector<std::string>& order) {
  LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListBlocksOfType(""));
  std::map<std::string, std::vector<const storage::BlockRecord*>> children;
  for (const auto& b : all) children[b.parent_id].push_back(&b);
  for (auto& [parent, list] : children) {
    std::stable_sort(list.begin(), list.end(), [](const storage::BlockRecord* a, const storage::BlockRecord* b) {
      return a->position < b->position;
    });
  }
  json::array out;
  std::function<void(const std::string&)> walk = [&](const std::string& parent) {
    auto it = children.find(parent);
    if (it == children.end()) return;
    for (const storage::BlockRecord* b : it->second) {
      if (b->type == kMeetingNotes) continue;  // body.meeting_notes holds it and its tabs
      json::object o{{"id", b->id}};
      o["parent"] = json::object{{"type", b->parent_type}, {b->parent_type, b->parent_id}};
      o["position"] = b->position;
      o["type"] = b->type;
      o[b->type] = b->content;
      o["in_trash"] = b->in_trash;
      o["created_time"] = FormatIso8601(b->created_time);
      o["created_by"] = b->created_by.empty() ? json::value(nullptr) : json::value(b->created_by);
      o["last_edited_time"] = FormatIso8601(b->last_edited_time);
      o["last_edited_by"] = b->last_edited_by.empty() ? json::value(nullptr) : json::value(b->last_edited_by);
      out.push_back(std::move(o));
      // A sub-page's content is written under that page, in the page order.
      if (b->type == "child_page" || b->type == "child_database") continue;
      order.push_back(b->id);
      walk(b->id);
    }
  };
  for (const std::string& page : std::vector<std::string>(order)) walk(page);
  return out;
}

}  // namespace localnotion::service::admin
