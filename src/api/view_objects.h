// The wire shapes of the Views API (https://developers.notion.com/guides/data-apis/working-with-views;
// the SDK's src/api-endpoints/views.ts): the view object, the partial view a delete
// returns, a view query with its first page of results, and a deleted view query. The
// service fills the *View structs; these functions give the keys in Notion's order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::api {

struct ViewView {
  std::string id;
  std::string database_id;
  std::string data_source_id;     // "" for a dashboard: shown as null
  std::string dashboard_view_id;  // "" unless a widget: then the key is shown
  std::string name;
  std::string type;
  json::value filter;
  json::value sorts;
  json::value quick_filters;
  json::value configuration;
  Millis created_time = 0;
  std::string created_by;
  Millis last_edited_time = 0;
  std::string last_edited_by;
};

// The full view object, in the order of Notion's guide: object, id, parent,
// data_source_id, name, type, filter, sorts, quick_filters, configuration, created_time,
// last_edited_time, created_by, last_edited_by, url, and dashboard_view_id on widgets.
json::object RenderView(const ViewView& view);

// {object:"view", id, parent, type}: what DELETE /v1/views/{id} returns.
json::object RenderPartialView(const std::string& id, const std::string& database_id, const std::string& type);

// "https://www.notion.so/<database id without dashes>?v=<view id without dashes>".
std::string ViewUrl(const std::string& database_id, const std::string& view_id);

struct ViewQueryView {
  std::string id;
  std::string view_id;
  Millis expires_at = 0;
  size_t total_count = 0;
  std::vector<std::string> page_ids;  // this page of results
  std::optional<std::string> next_cursor;
  bool incomplete = false;  // the result limit cut the result short
};

// {object:"view_query", id, view_id, expires_at, total_count, results:[{object:"page",
// id}], next_cursor, has_more, request_status?}.
json::object RenderViewQuery(const ViewQueryView& query);

// A page of a view query's results: the list envelope of type "page".
json::object RenderViewQueryPage(const std::vector<std::string>& page_ids,
                                 const std::optional<std::string>& next_cursor, bool incomplete);

// {object:"view_query", id, deleted:true}.
json::object RenderDeletedViewQuery(const std::string& id);

}  // namespace localnotion::api
