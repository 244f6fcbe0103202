// GET /v1/pages/{page_id}/properties/{property_id}
// (https://developers.notion.com/reference/retrieve-a-page-property): a single property
// item for simple types; for title, rich_text, relation, people and rollup a paginated
// list of property items ({object:"list", results, next_cursor, has_more,
// type:"property_item", property_item:{id, next_url, type, <type>}}). Cursors are the
// offset of the next item, as a string.
#include <charconv>

#include <fmt/format.h>

#include "api/lists.h"
#include "schema/property_def.h"
#include "schema/registry.h"
#include "service/pages/pages.h"
#include "validation/pagination.h"

namespace localnotion::service::pages {
namespace {

json::object Item(const std::string& id, std::string_view type, json::value value) {
  return json::object{{"object", "property_item"}, {"id", id}, {"type", type}, {type, std::move(value)}};
}

}  // namespace

Result<json::value> GetPageProperty(Context& ctx, const Caller& caller, std::string_view raw_page_id,
                                    std::string_view property_id, const PageArgs& args) {
  LN_ASSIGN_OR_RETURN(std::string page_id, PathId("page_id", raw_page_id));
  LN_ASSIGN_OR_RETURN(const validation::Pagination paging,
                      validation::ReadPagination(args.start_cursor, args.page_size, validation::PaginationSource::kQuery));
  const int page_size = paging.page_size;
  LN_ASSIGN_OR_RETURN(LoadedPage loaded, ctx.LoadPage(page_id));
  const schema::PropertyDef* def = nullptr;
  for (const auto& d : *loaded.schema) {
    if (d.id == property_id) def = &d;
  }
  if (def == nullptr) {
    return NotFound("property", property_id);
  }
  LN_ASSIGN_OR_RETURN(json::object values, ctx.RenderValues(caller, loaded, 0));
  json::object& value = values.at(def->id).as_object();
  const std::string& type = def->type;

  const schema::PropertyType* property_type = schema::FindType(type);
  const bool listed = property_type != nullptr && property_type->render_extras().paginated_item;
  if (!listed) return json::value(Item(def->id, type, std::move(value.at(type))));

  json::array all;
  json::object summary{{"id", def->id}, {"next_url", nullptr}, {"type", type}, {type, json::object{}}};
  if (property_type->computed_from() == schema::ComputedFrom::kRelatedPages) {
    // A rollup's items are its array's items; its summary is the whole rollup value.
    json::object rollup = value.at(type).as_object();
    if (rollup.at("type") == "array") {
      for (auto& v : rollup.at("array").as_array()) {
        json::object item = v.as_object();
        item["object"] = "property_item";
        item["id"] = def->id;
        all.push_back(std::move(item));
      }
    }
    summary[type] = std::move(rollup);
  } else {
    for (auto& v : value.at(type).as_array()) all.push_back(Item(def->id, type, std::move(v)));
  }

  size_t start = 0;
  if (paging.start_cursor) {
    const std::string& c = *paging.start_cursor;
    auto [p, ec] = std::from_chars(c.data(), c.data() + c.size(), start);
    if (ec != std::errc() || p != c.data() + c.size() || start > all.size()) {
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", c));
    }
  }
  size_t end = std::min(all.size(), start + static_cast<size_t>(page_size));
  json::array results;
  for (size_t i = start; i < end; ++i) results.push_back(std::move(all[i]));
  const bool has_more = end < all.size();
  if (has_more) {
    // Notion gives the URL of the next page of items beside next_cursor.
    summary["next_url"] = fmt::format("{}/v1/pages/{}/properties/{}?start_cursor={}", caller.base_url, page_id,
                                      def->id, end);
  }
  return json::value(api::RenderList({.results = std::move(results),
                                      .next_cursor = has_more ? json::value(std::to_string(end)) : json::value(nullptr),
                                      .type = "property_item",
                                      .type_object = std::move(summary)}));
}

}  // namespace localnotion::service::pages
