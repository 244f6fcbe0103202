#include "api/lists.h"

namespace localnotion::api {

json::object RenderList(ListResponse&& list) {
  // In the results' resource (a request's arena for pages, common/json_arena.h), so that
  // they move into the list rather than being copied.
  json::object o(list.results.storage());
  o.reserve(6);
  const bool has_more = !list.next_cursor.is_null();
  o["object"] = "list";
  o["results"] = std::move(list.results);
  o["next_cursor"] = std::move(list.next_cursor);
  o["has_more"] = has_more;
  if (!list.type.empty()) {
    o["type"] = list.type;
    o[list.type] = std::move(list.type_object);
  }
  return o;
}

json::object RenderResultsList(json::array results) {
  return json::object{{"object", "list"}, {"results", std::move(results)}};
}

}  // namespace localnotion::api
