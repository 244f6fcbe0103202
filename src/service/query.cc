// POST /v1/databases/{id}/query (2022-06-28) and POST /v1/data_sources/{id}/query
// (2025-09-03): filter, sort and page through the pages of a data source.
//
// Trashed pages are left out unless `in_trash` (or `archived`) is true, which asks for
// the trashed ones instead. Without sorts, pages come in creation order. The cursor is
// the id of the first page of the next page of results (Notion's cursors are uuids).
#include <algorithm>

#include <fmt/format.h>

#include "api/messages.h"
#include "common/uuid.h"
#include "query/filter.h"
#include "query/sort.h"
#include "service/service.h"

namespace localnotion::service {
namespace {

struct QueryBody {
  const json::value* filter = nullptr;
  const json::value* sorts = nullptr;
  std::optional<std::string> start_cursor;
  std::optional<std::string> page_size;
  bool in_trash = false;
};

Result<QueryBody> ReadQueryBody(const json::value& body, bool v2025) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  QueryBody q;
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
      q.start_cursor = std::string(v.get_string());
    } else if (k == "page_size") {
      if (!v.is_number()) return api::FailedValidation(path, "a number or `undefined`", &v);
      q.page_size = SerializeJson(v);
    } else if (k == "in_trash" || k == "archived") {
      if (!v.is_bool()) return api::FailedValidation(path, "a boolean or `undefined`", &v);
      q.in_trash = q.in_trash || v.get_bool();
    } else if (k == "result_type" && v2025) {
      if (!v.is_string() || (v.get_string() != "page" && v.get_string() != "data_source")) {
        return api::FailedValidation(path, "`\"page\"` or `\"data_source\"`", &v);
      }
    } else {
      return api::NotPresent(path, v);
    }
  }
  return q;
}

}  // namespace

Result<json::value> Service::QueryDataSource(const Caller& caller, std::string_view raw_id, bool by_database,
                                             const json::value& body,
                                             const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId(by_database ? "database_id" : "data_source_id", raw_id));
  const bool v2025 = api::HasDataSources(caller.version);
  LN_ASSIGN_OR_RETURN(QueryBody q, ReadQueryBody(body, v2025));
  LN_ASSIGN_OR_RETURN(const int page_size, ParsePageSize(q.page_size, "body.page_size"));

  DataSourcePtr source;
  if (by_database) {
    LN_ASSIGN_OR_RETURN(source, SourceForDatabaseParent(id));
  } else {
    LN_ASSIGN_OR_RETURN(source, LoadDataSource(id));
  }
  LN_ASSIGN_OR_RETURN(SchemaPtr schema, SchemaOf(source));
  std::shared_ptr<const query::Filter> filter;
  if (q.filter) {
    LN_ASSIGN_OR_RETURN(filter, query::ParseFilter(*q.filter, *schema));
  }
  std::shared_ptr<const query::Sorter> sorter;
  if (q.sorts) {
    LN_ASSIGN_OR_RETURN(sorter, query::ParseSorts(*q.sorts, *schema));
  }
  if (q.start_cursor) {
    if (!NormalizeUuid(*q.start_cursor)) {
      json::value shown(*q.start_cursor);
      return api::FailedValidation("body.start_cursor", "a valid uuid or `undefined`", &shown);
    }
  }

  // Evaluate against one consistent view of the data source: every page is loaded and
  // rendered once, inside this request's unit.
  LN_ASSIGN_OR_RETURN(auto records, store_.ListPagesOf(source->id));
  struct Row {
    LoadedPage page;
    json::object values;
    query::SortKey key;
  };
  std::vector<Row> rows;
  rows.reserve(records.size());
  const Millis now = NowMillis();
  for (auto& record : records) {
    LN_ASSIGN_OR_RETURN(LoadedPage loaded, LoadRecord(std::move(record)));
    if (loaded.trashed != q.in_trash) continue;
    LN_ASSIGN_OR_RETURN(json::object values, RenderValues(caller, loaded, 0));
    if (filter) {
      query::PageFacts facts{&values, loaded.page.created_time, loaded.page.last_edited_time, loaded.page.created_by,
                             loaded.page.last_edited_by};
      if (!query::Matches(*filter, facts, now)) continue;
    }
    rows.push_back(Row{std::move(loaded), std::move(values), {}});
  }
  if (sorter) {
    // Each page's sort key is computed once, then compared.
    for (Row& r : rows) {
      query::PageFacts facts{&r.values, r.page.page.created_time, r.page.page.last_edited_time, r.page.page.created_by,
                             r.page.page.last_edited_by};
      r.key = query::KeyOf(*sorter, facts);
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const Row& a, const Row& b) { return query::KeyLess(*sorter, a.key, b.key); });
  }
  size_t start = 0;
  if (q.start_cursor) {
    std::string cursor = *NormalizeUuid(*q.start_cursor);
    auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.page.page.id == cursor; });
    if (it == rows.end()) {
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *q.start_cursor));
    }
    start = static_cast<size_t>(it - rows.begin());
  }
  size_t end = std::min(rows.size(), start + static_cast<size_t>(page_size));
  json::array results;
  for (size_t i = start; i < end; ++i) {
    LN_ASSIGN_OR_RETURN(json::value page, RenderPage(caller, rows[i].page, filter_properties));
    results.push_back(std::move(page));
  }
  const bool has_more = end < rows.size();
  const char* type = v2025 ? "page_or_data_source" : "page_or_database";
  return json::value(json::object{{"object", "list"},
                                  {"results", std::move(results)},
                                  {"next_cursor", has_more ? json::value(rows[end].page.page.id) : json::value(nullptr)},
                                  {"has_more", has_more},
                                  {"type", type},
                                  {type, json::object{}}});
}

}  // namespace localnotion::service
