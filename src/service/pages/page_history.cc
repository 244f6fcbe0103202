// Page history for the admin API: every write of a page's properties, icon, cover,
// trash or lock is recorded in the same store unit as the write (so a request that
// fails leaves no entry), with the request id, the integration, the time and the
// before and after values. Property values are recorded in their stored form together
// with the property's definition at the time of the change, and shown as Notion's
// 2025-09-03 page response shows them ({"id","type",<type>: value}) under that
// definition, so a later rename of an option does not rewrite history (user names and
// page titles inside values are today's). Computed properties (formula,
// rollup, created_*, last_edited_*) are not recorded: they are not written.
#include "api/lists.h"
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

// The part of a definition that rendering a value needs: options (select, multi_select,
// status) and the unique_id prefix; other types render from the value alone.
json::array HistoryDefinition(const schema::PropertyDef& def) {
  const schema::PropertyType* type = schema::FindType(def.type);
  const bool needs_config = type != nullptr && type->renders_from_config();
  schema::PropertyDef kept{def.id, def.name, def.type, needs_config ? def.config : json::object{}};
  return schema::SchemaToStored(schema::Schema{std::move(kept)});
}

}  // namespace

Status Service::RecordPageHistory(const Caller& caller, const storage::PageRecord* before,
                                  const storage::PageRecord& after, const schema::Schema* schema) {
  if (!state_.options.record_page_history) return OkStatus();
  SchemaPtr loaded_schema;
  if (schema == nullptr) {
    LN_ASSIGN_OR_RETURN(LoadedPage loaded_after, LoadRecord(after));
    loaded_schema = loaded_after.schema;
    schema = loaded_schema.get();
  }
  // Only the properties whose stored value changed are recorded.
  auto changed = std::make_shared<schema::Schema>();
  for (const auto& def : *schema) {
    const schema::PropertyType* type = schema::FindType(def.type);
    if (type == nullptr || !type->stored()) continue;
    const json::value* a = Find(after.properties, def.id);
    const json::value* b = before ? Find(before->properties, def.id) : nullptr;
    if (!SameStored(a, b)) changed->push_back(def);
  }
  // Recorded as stored, with the definition of the moment (options included); rendered
  // when the history is read (RenderRecordedValue), which keeps writes cheap.
  json::array changes;
  for (const auto& def : *changed) {
    const json::value* b = before ? Find(before->properties, def.id) : nullptr;
    const json::value* a = Find(after.properties, def.id);
    changes.push_back(json::object{{"property", def.name},
                                   {"property_id", def.id},
                                   {"definition", HistoryDefinition(def)},
                                   {"before_stored", b ? *b : json::value(nullptr)},
                                   {"after_stored", a ? *a : json::value(nullptr)}});
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

// A recorded stored value as the 2025-09-03 page response shows it, under the property's
// definition at the time of the change.
Result<json::value> Service::RenderRecordedValue(const LoadedPage& current, const json::value& definition,
                                                 const std::string& property_id, const json::value& stored) {
  LN_ASSIGN_OR_RETURN(schema::Schema defs, schema::SchemaFromStored(definition));
  LoadedPage shown = current;
  shown.schema = std::make_shared<const schema::Schema>(std::move(defs));
  shown.page.properties = stored.is_null() ? json::object{} : json::object{{property_id, stored}};
  Caller caller;
  caller.version = api::ApiVersion::k2025_09_03;
  LN_ASSIGN_OR_RETURN(json::object values, RenderValues(caller, shown, 0));
  const json::value* v = Find(values, property_id);
  return v ? *v : json::value(nullptr);
}

Result<json::value> Service::PageHistory(std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto page, store_.GetPage(id));
  if (!page) return NotFound("page", id);
  LN_ASSIGN_OR_RETURN(LoadedPage current, LoadRecord(std::move(*page)));
  LN_ASSIGN_OR_RETURN(auto entries, store_.ListPageHistory(id));
  json::array results;
  results.reserve(entries.size());
  for (auto& e : entries) {
    for (auto& change : e.changes) {
      json::object& c = change.as_object();
      const json::value* definition = c.if_contains("definition");
      if (definition == nullptr) continue;  // a page field (icon, cover, in_trash, is_locked)
      const std::string property_id(c.at("property_id").as_string());
      // A creation has no value before it.
      json::value before = nullptr;
      if (e.action != "created") {
        LN_ASSIGN_OR_RETURN(before, RenderRecordedValue(current, *definition, property_id, c.at("before_stored")));
      }
      LN_ASSIGN_OR_RETURN(json::value after, RenderRecordedValue(current, *definition, property_id, c.at("after_stored")));
      change = json::object{{"property", c.at("property")}, {"property_id", property_id}, {"before", std::move(before)},
                            {"after", std::move(after)}};
    }
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
  return json::value(api::RenderList({.results = std::move(results)}));
}

}  // namespace localnotion::service
