#include "api/lists.h"

#include <cassert>
#include <string_view>

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
  if (!list.request_status.is_null()) o["request_status"] = std::move(list.request_status);
  return o;
}

void WriteList(ListResponse&& list, const std::vector<std::string>& results, std::string& out) {
  assert(list.results.empty());
  // The envelope as RenderList makes it, with the results written into its empty array:
  // "results" is its second member, so the array opens at a fixed offset.
  static constexpr std::string_view kHead = R"({"object":"list","results":[)";
  const std::string envelope = SerializeJson(json::value(RenderList(std::move(list))));
  assert(envelope.compare(0, kHead.size(), kHead) == 0 && envelope[kHead.size()] == ']');
  size_t size = envelope.size() + (results.empty() ? 0 : results.size() - 1);
  for (const std::string& r : results) size += r.size();
  out.reserve(out.size() + size);
  out.append(kHead);
  for (size_t i = 0; i < results.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(results[i]);
  }
  out.append(envelope, kHead.size(), std::string::npos);
}

json::object RenderResultsList(json::array results) {
  return json::object{{"object", "list"}, {"results", std::move(results)}};
}

}  // namespace localnotion::api
