#include "validation/search_body.h"

#include <fmt/format.h>

#include "api/messages.h"

namespace localnotion::validation {

Result<SearchBody> ReadSearchBody(const json::value& body, bool data_sources) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  SearchBody b;
  std::optional<std::string> start_cursor;
  std::optional<std::string> page_size;
  const char* other = data_sources ? "data_source" : "database";
  for (const auto& kv : body.get_object()) {
    std::string_view k = kv.key();
    std::string path = api::Field("body", k);
    const json::value& v = kv.value();
    if (k == "query") {
      if (!v.is_string()) return api::FailedValidation(path, "a string or `undefined`", &v);
      b.query = std::string(v.get_string());
    } else if (k == "filter") {
      if (!v.is_object()) return api::FailedValidation(path, "an object or `undefined`", &v);
      const json::value* property = Find(v.get_object(), "property");
      const json::value* value = Find(v.get_object(), "value");
      if (property == nullptr) return api::NotDefined("body.filter.property");
      if (*property != "object") return api::FailedValidation("body.filter.property", "`\"object\"`", property);
      if (value == nullptr) return api::NotDefined("body.filter.value");
      if (!value->is_string() || (value->get_string() != "page" && value->get_string() != other)) {
        return api::FailedValidation("body.filter.value", fmt::format("`\"page\"` or `\"{}\"`", other), value);
      }
      b.object = std::string(value->get_string());
    } else if (k == "sort") {
      if (!v.is_object()) return api::FailedValidation(path, "an object or `undefined`", &v);
      const json::value* ts = Find(v.get_object(), "timestamp");
      const json::value* dir = Find(v.get_object(), "direction");
      if (ts == nullptr) return api::NotDefined("body.sort.timestamp");
      if (*ts != "last_edited_time") return api::FailedValidation("body.sort.timestamp", "`\"last_edited_time\"`", ts);
      if (dir == nullptr) return api::NotDefined("body.sort.direction");
      if (*dir != "ascending" && *dir != "descending") {
        return api::FailedValidation("body.sort.direction", "`\"ascending\"` or `\"descending\"`", dir);
      }
      b.ascending = *dir == "ascending";
    } else if (k == "start_cursor") {
      if (v.is_null()) continue;
      if (!v.is_string()) return api::FailedValidation(path, "a string or `undefined`", &v);
      start_cursor = std::string(v.get_string());
    } else if (k == "page_size") {
      if (!v.is_number()) return api::FailedValidation(path, "a number or `undefined`", &v);
      page_size = SerializeJson(v);
    } else {
      return api::NotPresent(path, v);
    }
  }
  LN_ASSIGN_OR_RETURN(b.page, ReadPagination(start_cursor, page_size, PaginationSource::kBody));
  LN_ASSIGN_OR_RETURN(b.cursor, ReadUuidCursor(b.page.start_cursor, PaginationSource::kBody));
  return b;
}

}  // namespace localnotion::validation
