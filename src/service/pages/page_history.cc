// Page history for the admin API: every write of a page's properties, icon, cover,
// trash or lock is recorded in the same store unit as the write (so a request that
// fails leaves no entry), with the request id, the integration, the time and the
// before and after values. Property values are recorded in their stored form together
// with the property's definition at the time of the change, and shown as Notion's
// 2025-09-03 page response shows them ({"id","type",<type>: value}) under that
// definition, so a later rename of an option does not rewrite history (user names and
// page titles inside values are today's). Computed properties (formula,
// rollup, created_*, last_edited_*) are not recorded: they are not written. Entries are
// recorded by the write path (Context::RecordPageHistory, core/writer.cc) and shown here.
#include "api/lists.h"
#include "api/rich_text.h"
#include "schema/registry.h"
#include "service/pages/pages.h"

namespace localnotion::service::pages {
namespace {

// A recorded stored value as the 2025-09-03 page response shows it, under the property's
// definition at the time of the change.
Result<json::value> RenderRecordedValue(Context& ctx, const LoadedPage& current, const json::value& definition,
                                        const std::string& property_id, const json::value& stored) {
  LN_ASSIGN_OR_RETURN(schema::Schema defs, schema::SchemaFromStored(definition));
  LoadedPage shown = current;
  shown.schema = std::make_shared<const schema::Schema>(std::move(defs));
  shown.page.properties = stored.is_null() ? json::object{} : json::object{{property_id, stored}};
  Caller caller;
  caller.version = api::ApiVersion::k2025_09_03;
  LN_ASSIGN_OR_RETURN(json::object values, ctx.RenderValues(caller, shown, 0));
  const json::value* v = Find(values, property_id);
  return v ? *v : json::value(nullptr);
}

// The property's definition as the entry recorded it: whole for a type that renders from
// its config, as its type alone for any other, whose id and name are the entry's
// property_id and property (core/writer.cc, WriteHistoryDefinition). Entries written
// before that kept every definition whole.
json::value RecordedDefinition(const json::object& change) {
  if (const json::value* definition = change.if_contains("definition")) return *definition;
  return json::array{json::object{{"id", change.at("property_id")},
                                  {"name", change.at("property")},
                                  {"type", change.at("type")},
                                  {"config", json::object{}}}};
}

}  // namespace

Result<json::value> PageHistory(Context& ctx, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("page_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto page, ctx.store().GetPage(id));
  if (!page) return NotFound("page", id);
  LN_ASSIGN_OR_RETURN(LoadedPage current, ctx.LoadRecord(std::move(*page)));
  LN_ASSIGN_OR_RETURN(auto entries, ctx.store().ListPageHistory(id));
  json::array results;
  results.reserve(entries.size());
  for (auto& e : entries) {
    for (auto& change : e.changes) {
      json::object& c = change.as_object();
      if (!c.contains("property_id")) continue;  // a page field (icon, cover, in_trash, is_locked)
      const json::value definition = RecordedDefinition(c);
      const std::string property_id(c.at("property_id").as_string());
      // Title and rich text are recorded in their short form (api::WriteCompactRichText).
      const json::string* type_name = definition.at(0).at("type").if_string();
      const schema::PropertyType* type = type_name != nullptr ? schema::FindType(*type_name) : nullptr;
      if (type != nullptr && type->holds_rich_text()) {
        api::ExpandCompactRichText(c.at("before_stored"));
        api::ExpandCompactRichText(c.at("after_stored"));
      }
      // A creation has no value before it.
      json::value before = nullptr;
      if (e.action != "created") {
        LN_ASSIGN_OR_RETURN(before, RenderRecordedValue(ctx, current, definition, property_id, c.at("before_stored")));
      }
      LN_ASSIGN_OR_RETURN(json::value after,
                          RenderRecordedValue(ctx, current, definition, property_id, c.at("after_stored")));
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

}  // namespace localnotion::service::pages
