// Page history for the admin API: every write of a page's properties, icon, cover,
// trash or lock is recorded in the same store unit as the write (so a request that
// fails leaves no entry), with the request id, the integration, the time and the
// before and after values. Property values are recorded as Notion's 2025-09-03 page
// response shows them ({"id","type",<type>: value}) at the time of the change, so a
// later rename of an option does not rewrite history. Computed properties (formula,
// rollup, created_*, last_edited_*) are not recorded: they are not written.
#include "schema/registry.h"
#include "service/service.h"

namespace localnotion::service {
namespace {

bool SameStored(const json::value* a, const json::value* b) {
  bool a_empty = a == nullptr || a->is_null();
  bool b_empty = b == nullptr || b->is_null();
  if (a_empty || b_empty) return a_empty == b_empty;
  return *a == *b;
}

// Fields of the page itself, in the order they are listed.
struct Field {
  const char* name;
  json::value (*get)(const storage::PageRecord&);
};
const Field kFields[] = {
    {"icon", [](const storage::PageRecord& p) { return p.icon; }},
    {"cover", [](const storage::PageRecord& p) { return p.cover; }},
    {"in_trash", [](const storage::PageRecord& p) { return json::value(p.in_trash); }},
    {"is_locked", [](const storage::PageRecord& p) { return json::value(p.is_locked); }},
};

}  // namespace

Status Service::RecordPageHistory(const Caller& caller, const storage::PageRecord* before,
                                  const storage::PageRecord& after) {
  LN_ASSIGN_OR_RETURN(LoadedPage loaded_after, LoadRecord(after));
  // Only the properties whose stored value changed are rendered (twice).
  auto changed = std::make_shared<schema::Schema>();
  for (const auto& def : *loaded_after.schema) {
    const schema::PropertyType* type = schema::FindType(def.type);
    if (type == nullptr || (!type->writable() && def.type != "unique_id")) continue;
    const json::value* a = Find(after.properties, def.id);
    const json::value* b = before ? Find(before->properties, def.id) : nullptr;
    if (!SameStored(a, b)) changed->push_back(def);
  }
  Caller shown = caller;
  shown.version = api::ApiVersion::k2025_09_03;
  json::object after_values, before_values;
  if (!changed->empty()) {
    loaded_after.schema = changed;
    LN_ASSIGN_OR_RETURN(after_values, RenderValues(shown, loaded_after, 0));
    if (before) {
      LN_ASSIGN_OR_RETURN(LoadedPage loaded_before, LoadRecord(*before));
      loaded_before.schema = changed;
      LN_ASSIGN_OR_RETURN(before_values, RenderValues(shown, loaded_before, 0));
    }
  }
  json::array changes;
  for (const auto& def : *changed) {
    const json::value* b = before ? Find(before_values, def.id) : nullptr;
    const json::value* a = Find(after_values, def.id);
    changes.push_back(json::object{{"property", def.name},
                                   {"property_id", def.id},
                                   {"before", b ? *b : json::value(nullptr)},
                                   {"after", a ? *a : json::value(nullptr)}});
  }
  for (const Field& f : kFields) {
    json::value a = f.get(after);
    json::value b = before ? f.get(*before) : json::value(nullptr);
    bool differs = before ? a != b : !(a.is_null() || (a.is_bool() && !a.get_bool()));
    if (differs) changes.push_back(json::object{{"field", f.name}, {"before", b}, {"after", a}});
  }
  if (before && changes.empty()) return OkStatus();
  storage::PageHistoryRecord entry;
  entry.page_id = after.id;
  entry.time = after.last_edited_time;
  entry.request_id = caller.request_id;
  entry.integration_id = caller.integration.id;
  entry.integration_name = caller.integration.name;
  entry.action = before ? "updated" : "created";
  entry.changes = std::move(changes);
  return store_.AppendPageHistory(entry);
}

Result<json::value> Service::PageHistory(std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto page, store_.GetPage(id));
  if (!page) return NotFound("page", id);
  LN_ASSIGN_OR_RETURN(auto entries, store_.ListPageHistory(id));
  json::array results;
  results.reserve(entries.size());
  for (auto& e : entries) {
    results.push_back(json::object{{"object", "page_history_entry"},
                                   {"sequence", e.sequence},
                                   {"page_id", e.page_id},
                                   {"time", FormatIso8601(e.time)},
                                   {"request_id", e.request_id},
                                   {"integration", json::object{{"id", e.integration_id}, {"name", e.integration_name}}},
                                   {"action", e.action},
                                   {"changes", std::move(e.changes)}});
  }
  // Complete, never paginated: a page's history is short next to the request log.
  return json::value(json::object{
      {"object", "list"}, {"results", std::move(results)}, {"next_cursor", nullptr}, {"has_more", false}});
}

}  // namespace localnotion::service
