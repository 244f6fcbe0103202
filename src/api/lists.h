// The list envelope of every paginated endpoint
// (https://developers.notion.com/reference/intro#pagination):
//   {object:"list", results, next_cursor, has_more, type, <type>:{...}}
// next_cursor is null on the last page and has_more is true exactly when it is not.
// The service fills a ListResponse; RenderList gives the keys in Notion's order, which
// golden tests compare byte for byte.
#pragma once

#include <string>
#include <vector>

#include "common/json.h"

namespace localnotion::api {

struct ListResponse {
  json::array results;
  json::value next_cursor = nullptr;  // the cursor of the next page (a string), or null on the last
  // The kind of result ("block", "user", "comment", "page_or_data_source", ...). Empty
  // for lists Notion gives no type (page history), which then end after has_more.
  std::string type{};
  json::object type_object{};         // shown under `type`: {} except for property items
  // Shown last when not null: a query's results cut at the result limit
  // ({type:"incomplete", incomplete_reason}, docs/compat.md).
  json::value request_status = nullptr;
};

json::object RenderList(ListResponse&& list);
// The same list as JSON text appended to `out`, its results given as JSON texts already
// written (api::WritePage), in order; `list.results` must be empty.
void WriteList(ListResponse&& list, const std::vector<std::string>& results, std::string& out);

// {object:"list", results}: an unpaginated list (the admin integration list).
json::object RenderResultsList(json::array results);

}  // namespace localnotion::api
