#include "validation/query_body.h"

#include "api/messages.h"

namespace localnotion::validation {

Result<QueryBody> ReadQueryBody(const json::value& body, bool data_sources, api::ApiVersion version) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  QueryBody q;
  std::optional<std::string> start_cursor;
  std::optional<std::string> page_size;
  for (const auto& kv : body.get_object()) {
    std::string_view k = kv.key();
    std::string path = api::Field("body", k);
    const json::value& v = kv.value();
    if (k == "filter") {
      q.filter = &v;
    } else if (k == "sorts") {
      q.sorts = &v;
    } else if (k == "start_cursor") {
      if (v.is_null()) continue;
      if (!v.is_string()) return api::FailedValidation(path, "a string or `undefined`", &v);
      start_cursor = std::string(v.get_string());
    } else if (k == "page_size") {
      if (!v.is_number()) return api::FailedValidation(path, "a number or `undefined`", &v);
      page_size = SerializeJson(v);
    } else if (k == "in_trash" || (k == "archived" && api::HasArchivedAlias(version))) {
      if (!v.is_bool()) return api::FailedValidation(path, "a boolean or `undefined`", &v);
      q.in_trash = q.in_trash || v.get_bool();
    } else if (k == "result_type" && data_sources) {
      if (!v.is_string() || (v.get_string() != "page" && v.get_string() != "data_source")) {
        return api::FailedValidation(path, "`\"page\"` or `\"data_source\"`", &v);
      }
    } else {
      return api::NotPresent(path, v);
    }
  }
  LN_ASSIGN_OR_RETURN(q.page, ReadPagination(start_cursor, page_size, PaginationSource::kBody));
  return q;
}

}  // namespace localnotion::validation
