// POST /v1/search: pages and databases (2022-06-28) or data sources (2025-09-03) whose
// title contains `query` (ignoring case, folded with query::FoldCase as filters fold
// text), newest edit first unless `sort` says otherwise. Trashed objects are left out.
// The cursor is the id of the next result. Storage narrows the pages by title
// (PageRecords::ScanPagesByTitle); each page it returns is checked again here. Without a
// query every page is a candidate: they are chosen by their heads alone
// (PageRecords::ListPageHeads), and only the pages of the results are read.
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "api/lists.h"
#include "api/messages.h"
#include "api/rich_text.h"
#include "common/json_arena.h"
#include "common/uuid.h"
#include "query/values.h"
#include "service/search/search.h"
#include "validation/search_body.h"

namespace localnotion::service::search {
namespace {

// Whether `title` contains the folded needle, ignoring case.
bool TitleMatches(std::string_view title, const std::string& needle) {
  return needle.empty() || query::FoldCase(title).find(needle) != std::string::npos;
}

}  // namespace

Result<json::value> Search(Context& ctx, const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string text, SearchText(ctx, caller, body));
  return AnswerValue(text);
}

Result<std::string> SearchText(Context& ctx, const Caller& caller, const json::value& body) {
  const bool data_sources = api::HasDataSources(caller.version);
  LN_ASSIGN_OR_RETURN(validation::SearchBody b, validation::ReadSearchBody(body, data_sources));
  const int page_size = b.page.page_size;
  const std::string needle = query::FoldCase(b.query);

  // A candidate is rendered only if it lands on the page of results asked for.
  struct Hit {
    std::string id;
    Millis edited;
    std::optional<storage::PageRecord> page;
    DataSourcePtr source;
    DatabasePtr db;
    bool head_only = false;  // a page chosen by its head: read when it is shown
  };
  std::vector<Hit> hits;
  if ((b.object.empty() || b.object == "page") && needle.empty()) {
    LN_ASSIGN_OR_RETURN(std::vector<storage::PageHead> heads, ctx.store().ListPageHeads());
    // Whether a parent puts its pages in the trash (its data source or database, a page or
    // block above it), asked once per parent: most pages share a few.
    std::unordered_map<std::string, bool> parent_trashed;
    for (storage::PageHead& head : heads) {
      if (head.in_trash) continue;
      storage::PageRecord record;
      record.id = std::move(head.id);
      record.parent_type = std::move(head.parent_type);
      record.parent_id = std::move(head.parent_id);
      std::string parent = record.parent_type + '/' + record.parent_id;
      auto known = parent_trashed.find(parent);
      if (known == parent_trashed.end()) {
        LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadRecord(record));
        known = parent_trashed.emplace(std::move(parent), loaded.trashed).first;
      }
      if (known->second) continue;
      LN_ASSIGN_OR_RETURN(bool visible, ctx.Visible("page", record.id));
      if (!visible) continue;
      hits.push_back(Hit{std::move(record.id), head.last_edited_time, std::nullopt, nullptr, nullptr, true});
    }
  } else if (b.object.empty() || b.object == "page") {
    LN_ASSIGN_OR_RETURN(auto pages, ctx.store().ScanPagesByTitle(needle));
    for (auto& page : pages) {
      const json::value* title = Find(page.properties, "title");
      std::string text = title && title->is_array() ? api::PlainText(title->get_array()) : "";
      if (!TitleMatches(text, needle)) continue;
      // Out of the trash (its own, its container's) and visible: only where the page is and
      // its trash flag are read, so LoadRecord gets it without its values.
      LN_ASSIGN_OR_RETURN(LoadedPage loaded,
                          ctx.LoadRecord(storage::CopyPage(page, JsonArena::Storage(), /*properties=*/false)));
      if (loaded.trashed) continue;
      LN_ASSIGN_OR_RETURN(bool visible, ctx.Visible("page", page.id));
      if (!visible) continue;
      hits.push_back(Hit{page.id, page.last_edited_time, std::move(page), nullptr, nullptr});
    }
  }
  if (b.object.empty() || b.object != "page") {
    LN_ASSIGN_OR_RETURN(auto sources, ctx.store().ListAllDataSources());
    for (const auto& source : sources) {
      LN_ASSIGN_OR_RETURN(DatabasePtr db, ctx.store().GetDatabase(source->database_id));
      if (!db || db->in_trash || source->in_trash) continue;
      LN_ASSIGN_OR_RETURN(bool visible, ctx.Visible("data_source", source->id));
      if (!visible) continue;
      if (data_sources) {
        if (!TitleMatches(api::PlainText(source->title), needle)) continue;
        hits.push_back(Hit{source->id, source->last_edited_time, std::nullopt, source, nullptr});
      } else {
        // 2022-06-28 lists databases; one with several data sources is listed once.
        bool seen = std::any_of(hits.begin(), hits.end(), [&](const Hit& h) { return h.db && h.db->id == db->id; });
        if (seen) continue;
        if (!TitleMatches(api::PlainText(db->title), needle)) continue;
        hits.push_back(Hit{db->id, db->last_edited_time, std::nullopt, nullptr, db});
      }
    }
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [&](const Hit& x, const Hit& y) { return b.ascending ? x.edited < y.edited : x.edited > y.edited; });
  size_t start = 0;
  if (b.cursor) {
    auto it = std::find_if(hits.begin(), hits.end(), [&](const Hit& h) { return h.id == *b.cursor; });
    if (it == hits.end()) {
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *b.page.start_cursor));
    }
    start = static_cast<size_t>(it - hits.begin());
  }
  size_t end = std::min(hits.size(), start + static_cast<size_t>(page_size));
  // The pages chosen by their heads, read in one call (one round trip on PostgreSQL).
  std::vector<std::string> head_ids;
  for (size_t i = start; i < end; ++i) {
    if (hits[i].head_only) head_ids.push_back(hits[i].id);
  }
  std::vector<std::shared_ptr<const storage::PageRecord>> head_pages;
  if (!head_ids.empty()) {
    LN_ASSIGN_OR_RETURN(head_pages, ctx.store().GetPagesShared(head_ids));
  }
  size_t next_head = 0;
  // Each result written as text (pages by Context::RenderPageText), then the list around them.
  std::vector<std::string> results;
  results.reserve(end - start);
  PageParents parents;
  for (size_t i = start; i < end; ++i) {
    Hit& h = hits[i];
    if (h.head_only) {
      std::shared_ptr<const storage::PageRecord> record = std::move(head_pages[next_head++]);
      if (!record) return InternalError("search: a page listed by its head is missing");  // one snapshot: never
      LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadShownRecord(std::move(record), &parents));
      LN_ASSIGN_OR_RETURN(std::string page, ctx.RenderPageText(caller, std::move(loaded)));
      results.push_back(std::move(page));
    } else if (h.page) {
      LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadRecord(std::move(*h.page)));
      LN_ASSIGN_OR_RETURN(std::string page, ctx.RenderPageText(caller, std::move(loaded)));
      results.push_back(std::move(page));
    } else if (h.source) {
      LN_ASSIGN_OR_RETURN(json::value source, ctx.RenderDataSourceObject(caller, h.source));
      results.push_back(SerializeJson(source));
    } else {
      auto db = ctx.RenderDatabaseObject(caller, h.db);
      if (!db.ok()) continue;  // a database with several data sources has no 2022 shape
      results.push_back(SerializeJson(*db));
    }
  }
  const bool has_more = end < hits.size();
  const char* type = data_sources ? "page_or_data_source" : "page_or_database";
  std::string out;
  api::WriteList({.results = json::array(),
                  .next_cursor = has_more ? json::value(hits[end].id) : json::value(nullptr),
                  .type = type},
                 results, out);
  return out;
}

}  // namespace localnotion::service::search
