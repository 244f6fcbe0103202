#include "api/view_objects.h"

#include "api/lists.h"
#include "api/objects.h"
#include "common/uuid.h"

namespace localnotion::api {
namespace {

json::object DatabaseParent(const std::string& database_id) {
  return json::object{{"type", "database_id"}, {"database_id", database_id}};
}

json::array PageRefs(const std::vector<std::string>& ids) {
  json::array out;
  out.reserve(ids.size());
  for (const std::string& id : ids) out.push_back(json::object{{"object", "page"}, {"id", id}});
  return out;
}

// The request_status Notion adds when a result was cut at the result limit (the shape of
// @notionhq/client's RequestStatusResponse, as data source queries give it).
json::object IncompleteStatus() {
  return json::object{{"type", "incomplete"}, {"incomplete_reason", "query_result_limit_reached"}};
}

}  // namespace

std::string ViewUrl(const std::string& database_id, const std::string& view_id) {
  return "https://www.notion.so/" + CompactUuid(database_id) + "?v=" + CompactUuid(view_id);
}

json::object RenderView(const ViewView& v) {
  json::object o;
  o["object"] = "view";
  o["id"] = v.id;
  o["parent"] = DatabaseParent(v.database_id);
  o["data_source_id"] = v.data_source_id.empty() ? json::value(nullptr) : json::value(v.data_source_id);
  o["name"] = v.name;
  o["type"] = v.type;
  o["filter"] = v.filter;
  o["sorts"] = v.sorts;
  o["quick_filters"] = v.quick_filters;
  o["configuration"] = v.configuration;
  o["created_time"] = FormatIso8601Minute(v.created_time);
  o["last_edited_time"] = FormatIso8601Minute(v.last_edited_time);
  o["created_by"] = PartialUser(v.created_by);
  o["last_edited_by"] = PartialUser(v.last_edited_by);
  o["url"] = ViewUrl(v.database_id, v.id);
  if (!v.dashboard_view_id.empty()) o["dashboard_view_id"] = v.dashboard_view_id;
  return o;
}

json::object RenderPartialView(const std::string& id, const std::string& database_id, const std::string& type) {
  return json::object{{"object", "view"}, {"id", id}, {"parent", DatabaseParent(database_id)}, {"type", type}};
}

json::object RenderViewQuery(const ViewQueryView& q) {
  json::object o;
  o["object"] = "view_query";
  o["id"] = q.id;
  o["view_id"] = q.view_id;
  o["expires_at"] = FormatIso8601(q.expires_at);
  o["total_count"] = static_cast<int64_t>(q.total_count);
  o["results"] = PageRefs(q.page_ids);
  o["next_cursor"] = q.next_cursor ? json::value(*q.next_cursor) : json::value(nullptr);
  o["has_more"] = q.next_cursor.has_value();
  if (q.incomplete) o["request_status"] = IncompleteStatus();
  return o;
}

json::object RenderViewQueryPage(const std::vector<std::string>& page_ids,
                                 const std::optional<std::string>& next_cursor, bool incomplete) {
  json::object o = RenderList({.results = PageRefs(page_ids),
                               .next_cursor = next_cursor ? json::value(*next_cursor) : json::value(nullptr),
                               .type = "page"});
  if (incomplete) o["request_status"] = IncompleteStatus();
  return o;
}

json::object RenderDeletedViewQuery(const std::string& id) {
  return json::object{{"object", "view_query"}, {"id", id}, {"deleted", true}};
}

}  // namespace localnotion::api
