#include "api/block_objects.h"

#include "api/lists.h"

namespace localnotion::api {
namespace {

json::object RenderBlockParent(const ParentRef& p, ApiVersion version) {
  if (p.type == "workspace") return json::object{{"type", "workspace"}, {"workspace", true}};
  if (p.type == "database_id" && HasDataSources(version) && !p.data_source_id.empty()) {
    return json::object{{"type", "data_source_id"}, {"data_source_id", p.data_source_id}, {"database_id", p.id}};
  }
  return json::object{{"type", p.type}, {p.type, p.id}};
}

}  // namespace

json::object RenderBlock(BlockView&& block, ApiVersion version) {
  json::object o;
  o.reserve(14);
  o["object"] = "block";
  o["id"] = block.id;
  o["parent"] = RenderBlockParent(block.parent, version);
  o["created_time"] = FormatIso8601Minute(block.created_time);
  o["last_edited_time"] = FormatIso8601Minute(block.last_edited_time);
  o["created_by"] = PartialUser(block.created_by);
  o["last_edited_by"] = PartialUser(block.last_edited_by);
  o["has_children"] = block.has_children;
  if (HasArchivedAlias(version)) o["archived"] = block.in_trash;
  o["in_trash"] = block.in_trash;
  // The AI meeting notes block (read-only, from fixtures) is named by the version:
  // `meeting_notes` from 2026-03-11, `transcription` before, with the same content.
  if (block.type == "transcription" || block.type == "meeting_notes") {
    block.type = NamesMeetingNotes(version) ? "meeting_notes" : "transcription";
  }
  o["type"] = block.type;
  o[block.type] = std::move(block.content);
  return o;
}

json::object BlockList(json::array results, const std::string& next_cursor) {
  return RenderList(ListResponse{.results = std::move(results),
                                 .next_cursor = next_cursor.empty() ? json::value(nullptr) : json::value(next_cursor),
                                 .type = "block"});
}

}  // namespace localnotion::api
