// POST /v1/databases/{id}/query (2022-06-28) and POST /v1/data_sources/{id}/query
// (2025-09-03): filter, sort and page through the pages of a data source.
//
// Trashed pages are left out unless `in_trash` (or `archived`) is true, which asks for
// the trashed ones instead. Without sorts, pages come in creation order. Paging works on
// a snapshot of the result (service/query_snapshots.h), cut at the result limit with
// Notion's request_status. Filters and sorts storage can answer are pushed down to it
// (query/plan.h).
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "api/lists.h"
#include "api/messages.h"
#include "common/deadline.h"
#include "common/json_arena.h"
#include "common/uuid.h"
#include "query/filter.h"
#include "query/plan.h"
#include "query/sort.h"
#include "service/databases/databases.h"
#include "validation/query_body.h"

namespace localnotion::service::databases {
namespace {

// Cursor lifetimes run on a monotonic clock, whatever the wall clock does.
Millis MonotonicMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The ordered ids of a query's result, at most the result limit.
Result<std::shared_ptr<const QuerySnapshot>> EvaluateQuery(
    Context& ctx, const Caller& caller, const DataSourcePtr& source, const schema::Schema& schema,
    const json::value* filter_json, const std::shared_ptr<const query::Filter>& filter, const json::value* sorts_json,
    const std::shared_ptr<const query::Sorter>& sorter, bool in_trash, const std::string& fingerprint);

}  // namespace

Result<std::string> QueryDataSourceText(Context& ctx, const Caller& caller, std::string_view raw_id, bool by_database,
                                        const json::value& body, const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId(by_database ? "database_id" : "data_source_id", raw_id));
  const bool data_sources = api::HasDataSources(caller.version);
  LN_ASSIGN_OR_RETURN(validation::QueryBody q, validation::ReadQueryBody(body, data_sources, caller.version));
  const int page_size = q.page.page_size;

  DataSourcePtr source;
  if (by_database) {
    LN_ASSIGN_OR_RETURN(source, ctx.SourceForDatabaseParent(id));
  } else {
    LN_ASSIGN_OR_RETURN(source, ctx.LoadDataSource(id));
  }
  LN_ASSIGN_OR_RETURN(SchemaPtr schema, ctx.SchemaOf(source));
  std::shared_ptr<const query::Filter> filter;
  if (q.filter) {
    LN_ASSIGN_OR_RETURN(filter, query::ParseFilter(*q.filter, *schema));
  }
  std::shared_ptr<const query::Sorter> sorter;
  if (q.sorts) {
    LN_ASSIGN_OR_RETURN(sorter, query::ParseSorts(*q.sorts, *schema));
  }
  LN_ASSIGN_OR_RETURN(std::optional<std::string> cursor,
                      validation::ReadUuidCursor(q.page.start_cursor, validation::PaginationSource::kBody));

  const Millis monotonic = MonotonicMillis();
  // What makes two calls the same query (page_size and filter_properties do not).
  const std::string fingerprint =
      SerializeJson(json::value(json::object{{"filter", q.filter ? *q.filter : json::value(nullptr)},
                                             {"sorts", q.sorts ? *q.sorts : json::value(nullptr)},
                                             {"in_trash", q.in_trash}}));
  std::shared_ptr<const QuerySnapshot> snapshot;
  size_t start = 0;
  if (cursor) {
    if (auto place = ctx.state().snapshots.Find(source->id, fingerprint, *cursor, monotonic)) {
      snapshot = place->snapshot;
      start = place->offset;
    }
  }
  if (!snapshot) {
    LN_ASSIGN_OR_RETURN(snapshot, EvaluateQuery(ctx, caller, source, *schema, q.filter, filter, q.sorts, sorter,
                                                q.in_trash, fingerprint));
    if (cursor) {
      auto it = std::find(snapshot->ids.begin(), snapshot->ids.end(), *cursor);
      if (it == snapshot->ids.end()) {
        return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *q.page.start_cursor));
      }
      start = static_cast<size_t>(it - snapshot->ids.begin());
    }
  }

  const size_t end = std::min(snapshot->ids.size(), start + static_cast<size_t>(page_size));
  // Each page written as text (Context::RenderPageText), then the list around them.
  std::vector<std::string> results;
  results.reserve(end - start);
  // The page's records in one call (one round trip on PostgreSQL), as the store keeps
  // them: a page read again is not parsed again (storage::CachingStore).
  const std::vector<std::string> page_ids(snapshot->ids.begin() + static_cast<std::ptrdiff_t>(start),
                                          snapshot->ids.begin() + static_cast<std::ptrdiff_t>(end));
  LN_ASSIGN_OR_RETURN(auto records, ctx.store().GetPagesShared(page_ids));
  PageParents parents;
  for (auto& record : records) {
    if (!record) continue;  // pages are never deleted; kept for safety
    LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadShownRecord(std::move(record), &parents));
    LN_ASSIGN_OR_RETURN(std::string page, ctx.RenderPageText(caller, std::move(loaded), filter_properties));
    results.push_back(std::move(page));
  }
  const bool has_more = end < snapshot->ids.size();
  const char* type = data_sources ? "page_or_data_source" : "page_or_database";
  api::ListResponse list{.results = json::array(),
                         .next_cursor = has_more ? json::value(ctx.state().snapshots.Remember(snapshot, end, monotonic))
                                                 : json::value(nullptr),
                         .type = type};
  if (snapshot->incomplete) {
    // The shape of @notionhq/client's RequestStatusResponse; see docs/compat.md.
    list.request_status = json::object{{"type", "incomplete"}, {"incomplete_reason", "query_result_limit_reached"}};
  }
  std::string out;
  api::WriteList(std::move(list), results, out);
  return out;
}

Result<json::value> QueryDataSource(Context& ctx, const Caller& caller, std::string_view raw_id, bool by_database,
                                    const json::value& body, const std::vector<std::string>& filter_properties) {
  LN_ASSIGN_OR_RETURN(std::string text, QueryDataSourceText(ctx, caller, raw_id, by_database, body, filter_properties));
  return AnswerValue(text);
}

Result<std::shared_ptr<const QuerySnapshot>> EvaluateDataSource(Context& ctx, const Caller& caller,
                                                                const DataSourcePtr& source,
                                                                const json::value* filter_json,
                                                                const json::value* sorts_json) {
  LN_ASSIGN_OR_RETURN(SchemaPtr schema, ctx.SchemaOf(source));
  std::shared_ptr<const query::Filter> filter;
  if (filter_json) {
    LN_ASSIGN_OR_RETURN(filter, query::ParseFilter(*filter_json, *schema));
  }
  std::shared_ptr<const query::Sorter> sorter;
  if (sorts_json) {
    LN_ASSIGN_OR_RETURN(sorter, query::ParseSorts(*sorts_json, *schema));
  }
  return EvaluateQuery(ctx, caller, source, *schema, filter_json, filter, sorts_json, sorter, /*in_trash=*/false, "");
}

namespace {

Result<std::shared_ptr<const QuerySnapshot>> EvaluateQuery(
    Context& ctx, const Caller& caller, const DataSourcePtr& source, const schema::Schema& schema,
    const json::value* filter_json, const std::shared_ptr<const query::Filter>& filter, const json::value* sorts_json,
    const std::shared_ptr<const query::Sorter>& sorter, bool in_trash, const std::string& fingerprint) {
  auto snapshot = std::make_shared<QuerySnapshot>();
  snapshot->source_id = source->id;
  snapshot->fingerprint = fingerprint;
  snapshot->id = QuerySnapshots::NewId();
  const size_t limit = ctx.state().options.query_result_limit;

  // A page counts as trashed when it, its data source or its database is in the trash.
  LN_ASSIGN_OR_RETURN(DatabasePtr db, ctx.store().GetDatabase(source->database_id));
  const bool container_trashed = source->in_trash || (db && db->in_trash);
  if (container_trashed && !in_trash) return std::shared_ptr<const QuerySnapshot>(std::move(snapshot));

  query::QueryPlan plan = query::PlanQuery(filter.get(), sorter.get(), schema);
  storage::PageScan scan;
  scan.parent_id = source->id;
  if (!container_trashed) scan.in_trash = in_trash;
  if (filter && plan.filter_pushed && !plan.text_properties.empty()) {
    // Text terms are exact only on values without mentions (query/plan.h): if a page of
    // this scan holds one in a property they read, the filter is evaluated here.
    storage::PageScan probe = scan;
    probe.where = query::ScanNode{query::ScanNode::Kind::kOr, {}, {}};
    for (const std::string& id : plan.text_properties) {
      query::ScanNode term;
      term.term.field = query::ScanField{query::ScanField::Kind::kProperty, id};
      term.term.op = query::ScanTerm::Op::kTextUnsettled;
      probe.where->children.push_back(std::move(term));
    }
    probe.limit = 1;
    LN_ASSIGN_OR_RETURN(std::vector<std::string> unsettled, ctx.store().ScanPageIds(probe));
    if (!unsettled.empty()) plan.filter_pushed = false;
  }
  scan.where = plan.where;
  if (plan.sorts_pushed) scan.order = plan.order;
  const bool exact = (!filter || plan.filter_pushed) && (!sorter || plan.sorts_pushed);
  if (exact) scan.limit = static_cast<int64_t>(limit) + 1;
  LN_ASSIGN_OR_RETURN(std::vector<std::string> ids, ctx.store().ScanPageIds(scan));

  if (!exact) {
    // Storage narrowed and perhaps ordered the candidates; the rest is evaluated here on
    // the pages' rendered values.
    struct Row {
      std::string id;
      query::SortKey key;
    };
    std::vector<Row> rows;
    const Millis now = NowMillis();
    const bool check_filter = filter && !plan.filter_pushed;
    const bool sort_here = sorter && !plan.sorts_pushed;
    // The candidates are read kChunk at a time (one round trip each on PostgreSQL), as the
    // store keeps them (a page the cache holds is not parsed again).
    constexpr size_t kChunk = 100;
    std::vector<std::shared_ptr<const storage::PageRecord>> chunk;
    PageParents parents;
    for (size_t i = 0; i < ids.size(); ++i) {
      std::string& id = ids[i];
      if (!sort_here && rows.size() > limit) break;
      // A filter on formulas or rollups over many pages is the slow case: stop at the
      // request's deadline (common/deadline.h) with 504 rather than hold a worker.
      LN_RETURN_IF_ERROR(CheckDeadline());
      if (i % kChunk == 0) {
        const std::vector<std::string> chunk_ids(
            ids.begin() + static_cast<std::ptrdiff_t>(i),
            ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), i + kChunk)));
        LN_ASSIGN_OR_RETURN(chunk, ctx.store().GetPagesShared(chunk_ids));
      }
      std::shared_ptr<const storage::PageRecord> record = std::move(chunk[i % kChunk]);
      if (!record) continue;
      LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadShownRecord(std::move(record), &parents));
      json::object values;
      if (check_filter || sort_here) {
        LN_ASSIGN_OR_RETURN(values, ctx.RenderValues(caller, loaded, 0));
      }
      const storage::PageRecord& page = loaded.Record();
      query::PageFacts facts{&values, page.created_time, page.last_edited_time, page.created_by, page.last_edited_by};
      if (check_filter && !query::Matches(*filter, facts, now)) continue;
      rows.push_back(Row{std::move(id), sort_here ? query::KeyOf(*sorter, facts) : query::SortKey{}});
    }
    LN_RETURN_IF_ERROR(CheckDeadline());
    if (sort_here) {
      std::stable_sort(rows.begin(), rows.end(),
                       [&](const Row& a, const Row& b) { return query::KeyLess(*sorter, a.key, b.key); });
    }
    ids.clear();
    for (Row& r : rows) ids.push_back(std::move(r.id));
  }
  if (ids.size() > limit) {
    ids.resize(limit);
    snapshot->incomplete = true;
  }
  snapshot->ids = std::move(ids);
  return std::shared_ptr<const QuerySnapshot>(std::move(snapshot));
}

}  // namespace

}  // namespace localnotion::service::databases
