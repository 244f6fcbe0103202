// POST /v1/search: pages and databases (2022-06-28) or data sources (2025-09-03) whose
// title contains `query` (ignoring case, folded with query::FoldCase as filters fold
// text), newest edit first unless `sort` says otherwise. Trashed objects are left out.
// The cursor is the id of the next result. Storage narrows the pages by title
// (PageRecords::ScanPagesByTitle); each page it returns is checked again here. Without a
// query every page is a candidate: storage lists their heads in the order of the results
// from the cursor on (PageRecords::ListPageHeadsByEdit), a page of them at a time, until
// the page of results is full, and only the pages of the results are read.
#include <algorithm>
#include <cstdint>
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

// A candidate is rendered only if it lands on the page of results asked for.
struct Hit {
  std::string id;
  Millis edited;
  std::optional<storage::PageRecord> page;
  DataSourcePtr source;
  DatabasePtr db;
  bool head_only = false;  // a page chosen by its head: read when it is shown
};

// The data sources (2025-09-03) or databases (2022-06-28) whose title holds the needle, in
// the order of the results: by edit time, those edited at the same time as they are listed.
Result<std::vector<Hit>> Containers(Context& ctx, bool data_sources, const validation::SearchBody& b,
                                    const std::string& needle) {
  std::vector<Hit> hits;
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
  std::stable_sort(hits.begin(), hits.end(),
                   [&](const Hit& x, const Hit& y) { return b.ascending ? x.edited < y.edited : x.edited > y.edited; });
  return hits;
}

// Keeps the heads of pages shown to the caller: out of their container's trash and
// visible. Whether a parent puts its pages in the trash (its data source or database, a
// page or block above it) is asked once per parent: most pages share a few.
class HeadFilter {
 public:
  explicit HeadFilter(Context& ctx) : ctx_(ctx) {}
  Result<bool> Shown(const storage::PageHead& head) {
    if (head.in_trash) return false;
    std::string parent = head.parent_type + '/' + head.parent_id;
    auto known = parent_trashed_.find(parent);
    if (known == parent_trashed_.end()) {
      storage::PageRecord record;  // where the page is: all LoadRecord needs to tell
      record.id = head.id;
      record.parent_type = head.parent_type;
      record.parent_id = head.parent_id;
      LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx_.LoadRecord(std::move(record)));
      known = parent_trashed_.emplace(std::move(parent), loaded.trashed).first;
    }
    if (known->second) return false;
    return ctx_.Visible("page", head.id);
  }

 private:
  Context& ctx_;
  std::unordered_map<std::string, bool> parent_trashed_;
};

Error InvalidCursor(const validation::SearchBody& b) {
  return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *b.page.start_cursor));
}

// Search without a query over pages (and containers unless `object` is "page"): the
// results from the cursor on, at most page_size + 1 (the last one, if any, names the next
// cursor). Pages come from storage in the results' order a batch at a time and are merged
// with the containers; a page and a container edited at the same time: the page first,
// as the sort of every candidate put them.
Result<std::vector<Hit>> EveryPageFrom(Context& ctx, bool data_sources, const validation::SearchBody& b) {
  std::vector<Hit> containers;
  if (b.object.empty()) {
    LN_ASSIGN_OR_RETURN(containers, Containers(ctx, data_sources, b, ""));
  }
  const size_t want = static_cast<size_t>(b.page.page_size) + 1;
  // Whether a page edited at `edited` comes before a container edited at `c`.
  auto page_first = [&](Millis edited, Millis c) { return b.ascending ? edited <= c : edited >= c; };
  std::optional<storage::EditOrderStart> start;
  size_t next_container = 0;
  bool cursor_is_page = false;
  if (b.cursor) {
    auto it = std::find_if(containers.begin(), containers.end(), [&](const Hit& h) { return h.id == *b.cursor; });
    if (it != containers.end()) {
      next_container = static_cast<size_t>(it - containers.begin());
      start = storage::EditOrderStart{"", it->edited};
    } else {
      start = storage::EditOrderStart{*b.cursor, 0};
      cursor_is_page = true;
    }
  }
  HeadFilter filter(ctx);
  std::vector<Hit> out;
  std::vector<Hit> pages;  // shown pages not yet merged, in order
  size_t next_page = 0;
  bool pages_done = false;
  std::string last_head;  // the last head read: the next batch starts with it
  // A batch of heads is enough unless many are hidden from the caller; each next one is
  // kGrowth times larger, so that a store that reads every head to answer (without an
  // index on the edit time) reads them a few times at most, not once per batch: a caller
  // who sees 1 % of 1M pages fills a page of results at the third batch (25,857 heads).
  constexpr size_t kGrowth = 16;
  size_t batch = want;
  auto fetch = [&]() -> Status {
    const bool again = !last_head.empty();
    if (again) batch = batch > SIZE_MAX / kGrowth ? SIZE_MAX - 1 : batch * kGrowth;
    LN_ASSIGN_OR_RETURN(
        auto heads, ctx.store().ListPageHeadsByEdit(b.ascending, again ? storage::EditOrderStart{last_head, 0} : start,
                                                    batch + (again ? 1 : 0)));
    if (!heads) {
      if (again) return InternalError("search: a page listed by its head is missing");  // one snapshot: never
      return InvalidCursor(b);
    }
    const size_t skip = again && !heads->empty() && heads->front().id == last_head ? 1 : 0;
    if (cursor_is_page && !again && (heads->empty() || heads->front().id != *b.cursor)) return InvalidCursor(b);
    pages_done = heads->size() < batch + (again ? 1 : 0);
    if (!heads->empty()) last_head = heads->back().id;
    for (size_t i = skip; i < heads->size(); ++i) {
      storage::PageHead& head = (*heads)[i];
      LN_ASSIGN_OR_RETURN(bool shown, filter.Shown(head));
      if (cursor_is_page && !again && i == 0) {
        if (!shown) return InvalidCursor(b);
        // The containers shown after the cursor's page, then: those it comes before.
        while (next_container < containers.size() &&
               !page_first(head.last_edited_time, containers[next_container].edited)) {
          ++next_container;
        }
      }
      if (!shown) continue;
      pages.push_back(Hit{std::move(head.id), head.last_edited_time, std::nullopt, nullptr, nullptr, true});
    }
    if (pages_done) last_head.clear();
    return OkStatus();
  };
  if (b.object.empty() || b.object == "page") {
    LN_RETURN_IF_ERROR(fetch());
  } else {
    pages_done = true;
  }
  while (out.size() < want) {
    while (next_page == pages.size() && !pages_done) {
      pages.clear();
      next_page = 0;
      LN_RETURN_IF_ERROR(fetch());
    }
    const bool page_left = next_page < pages.size();
    const bool container_left = next_container < containers.size();
    if (!page_left && !container_left) break;
    if (page_left && (!container_left || page_first(pages[next_page].edited, containers[next_container].edited))) {
      out.push_back(std::move(pages[next_page++]));
    } else {
      out.push_back(std::move(containers[next_container++]));
    }
  }
  return out;
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

  std::vector<Hit> hits;
  size_t start = 0;
  if ((b.object.empty() || b.object == "page") && needle.empty()) {
    LN_ASSIGN_OR_RETURN(hits, EveryPageFrom(ctx, data_sources, b));
  } else {
    if (b.object.empty() || b.object == "page") {
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
      LN_ASSIGN_OR_RETURN(std::vector<Hit> containers, Containers(ctx, data_sources, b, needle));
      for (Hit& h : containers) hits.push_back(std::move(h));
    }
    std::stable_sort(hits.begin(), hits.end(), [&](const Hit& x, const Hit& y) {
      return b.ascending ? x.edited < y.edited : x.edited > y.edited;
    });
    if (b.cursor) {
      auto it = std::find_if(hits.begin(), hits.end(), [&](const Hit& h) { return h.id == *b.cursor; });
      if (it == hits.end()) return InvalidCursor(b);
      start = static_cast<size_t>(it - hits.begin());
    }
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
