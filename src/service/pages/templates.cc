// Data source templates (https://developers.notion.com/reference/list-data-source-templates,
// https://developers.notion.com/guides/data-apis/creating-pages-from-templates):
//   GET /v1/data_sources/{id}/templates?name=&start_cursor=&page_size=
//       {"templates": [{id, name, is_default}], "has_more", "next_cursor"}
//   POST /v1/pages with `template` {type: default | template_id}
// A template is an ordinary page of the data source marked as one through the admin API
// (POST /_localnotion/data_sources/{id}/templates {page_id, is_default}); the marks are
// kept in the store's meta values. Applying a template copies its property values (the
// request's own values win) and its content into the new page, at once rather than
// asynchronously as Notion does (docs/compat.md).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "api/blocks/registry.h"
#include "api/messages.h"
#include "api/rich_text.h"
#include "common/uuid.h"
#include "service/blocks/blocks.h"
#include "service/pages/carry_properties.h"
#include "service/pages/pages.h"
#include "validation/pagination.h"

namespace localnotion::service::pages {
namespace {

// {"<data source id>": [{"id", "is_default"}, ...]}.
constexpr std::string_view kMetaKey = "data_source_templates";

Result<json::object> LoadMarks(Context& ctx) {
  LN_ASSIGN_OR_RETURN(auto stored, ctx.store().GetMeta(kMetaKey));
  if (!stored) return json::object{};
  auto parsed = ParseJson(*stored);
  if (!parsed || !parsed->is_object()) return InternalError("templates: corrupt meta value");
  return parsed->as_object();
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string Title(const LoadedPage& page) {
  for (const auto& def : *page.schema) {
    if (def.type != "title") continue;
    const json::value* v = Find(page.page.properties, def.id);
    return v && v->is_array() ? api::PlainText(v->get_array()) : std::string();
  }
  return "";
}

// The content of `from` copied under `to`, nested blocks included; blocks that show a
// page or database (child_page, child_database) are not copied.
Result<std::vector<validation::NewBlock>> CopyTree(Context& ctx, const std::string& from, int depth) {
  std::vector<validation::NewBlock> out;
  if (depth > 32) return out;
  LN_ASSIGN_OR_RETURN(auto rows, ctx.store().ListBlockChildren(from, INT64_MIN, 100000));
  for (auto& row : rows) {
    const api::blocks::BlockType* type = api::blocks::FindBlockType(row.type);
    if (type == nullptr || type->shows_object) continue;
    validation::NewBlock b{.path = "template", .type = row.type, .content = std::move(row.content), .children = {}};
    LN_ASSIGN_OR_RETURN(b.children, CopyTree(ctx, row.id, depth + 1));
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

Result<json::value> ListDataSourceTemplates(Context& ctx, const Caller&, std::string_view raw_id,
                                            const std::optional<std::string>& name, const PageArgs& args) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("data_source_id", raw_id));
  LN_ASSIGN_OR_RETURN(
      const validation::Pagination paging,
      validation::ReadPagination(args.start_cursor, args.page_size, validation::PaginationSource::kQuery));
  LN_ASSIGN_OR_RETURN(DataSourcePtr source, ctx.LoadDataSource(id));
  LN_ASSIGN_OR_RETURN(json::object marks, LoadMarks(ctx));
  json::array all;
  if (const json::value* list = Find(marks, source->id)) {
    for (const auto& m : list->as_array()) {
      const std::string page_id(m.as_object().at("id").as_string());
      auto loaded = ctx.LoadPage(page_id);
      if (!loaded.ok() || loaded->trashed) continue;
      std::string title = Title(*loaded);
      if (name && Lower(title).find(Lower(*name)) == std::string::npos) continue;
      all.push_back(json::object{{"id", page_id}, {"name", title}, {"is_default", m.as_object().at("is_default")}});
    }
  }
  size_t start = 0;
  if (paging.start_cursor) {
    start = all.size() + 1;
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].as_object().at("id").as_string() == *paging.start_cursor) start = i;
    }
    if (start > all.size())
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *paging.start_cursor));
  }
  const size_t end = std::min(all.size(), start + static_cast<size_t>(paging.page_size));
  json::array templates(all.begin() + static_cast<std::ptrdiff_t>(start),
                        all.begin() + static_cast<std::ptrdiff_t>(end));
  json::object out;
  out["templates"] = std::move(templates);
  out["has_more"] = end < all.size();
  out["next_cursor"] = end < all.size() ? json::value(all[end].as_object().at("id")) : json::value(nullptr);
  return json::value(std::move(out));
}

Result<json::array> AllTemplateMarks(Context& ctx) {
  LN_ASSIGN_OR_RETURN(json::object marks, LoadMarks(ctx));
  json::array out;
  for (const auto& kv : marks) {
    for (const auto& m : kv.value().as_array()) {
      out.push_back(json::object{{"data_source_id", kv.key()},
                                 {"page_id", m.as_object().at("id")},
                                 {"is_default", m.as_object().at("is_default")}});
    }
  }
  return out;
}

Result<json::value> MarkTemplate(Context& ctx, std::string_view raw_id, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("data_source_id", raw_id));
  const json::value* page_id = body.is_object() ? Find(body.get_object(), "page_id") : nullptr;
  if (page_id == nullptr) return api::NotDefined("body.page_id");
  auto pid = page_id->is_string() ? NormalizeUuid(page_id->get_string()) : std::nullopt;
  if (!pid) return api::FailedValidation("body.page_id", "a valid uuid", page_id);
  const json::value* is_default = Find(body.get_object(), "is_default");
  if (is_default && !is_default->is_bool()) return api::FailedValidation("body.is_default", "a boolean", is_default);
  LN_ASSIGN_OR_RETURN(auto page, ctx.store().GetPage(*pid));
  if (!page || page->parent_type != "data_source_id" || page->parent_id != id) {
    return ValidationError(fmt::format("Page {} is not a page of data source {}.", *pid, id));
  }
  LN_ASSIGN_OR_RETURN(json::object marks, LoadMarks(ctx));
  json::array list = marks.contains(id) ? marks.at(id).as_array() : json::array{};
  const bool make_default = is_default && is_default->get_bool();
  json::array kept;
  for (auto& m : list) {
    if (m.as_object().at("id").as_string() == *pid) continue;
    if (make_default) m.as_object()["is_default"] = false;
    kept.push_back(std::move(m));
  }
  kept.push_back(json::object{{"id", *pid}, {"is_default", make_default}});
  marks[id] = std::move(kept);
  LN_RETURN_IF_ERROR(ctx.store().PutMeta(kMetaKey, SerializeJson(json::value(marks))));
  return json::value(json::object{{"id", *pid}, {"is_default", make_default}});
}

Result<std::string> ApplyTemplateProperties(Context& ctx, LoadedPage& page, const validation::TemplateChoice& choice,
                                            const json::object* request_properties) {
  std::string template_id = choice.template_id;
  if (choice.type == "default") {
    LN_ASSIGN_OR_RETURN(json::object marks, LoadMarks(ctx));
    const json::value* list = page.source ? Find(marks, page.source->id) : nullptr;
    for (const auto& m : list ? list->as_array() : json::array{}) {
      if (m.as_object().at("is_default").as_bool()) template_id = std::string(m.as_object().at("id").as_string());
    }
    if (template_id.empty()) return ValidationError("This data source has no default template.");
  }
  auto loaded = ctx.LoadPage(template_id);
  if (!loaded.ok()) return ValidationError(fmt::format("Could not find template with ID: {}.", template_id));
  json::object carried = CarryProperties(loaded->page.properties, *loaded->schema, *page.schema);
  for (auto& [key, value] : carried) {
    const schema::PropertyDef* def = schema::FindPropertyById(*page.schema, key);
    const bool given = request_properties != nullptr && def != nullptr &&
                       (request_properties->contains(def->name) || request_properties->contains(def->id));
    if (!given) page.page.properties[key] = value;
  }
  return template_id;
}

Status EraseContent(Context& ctx, const Caller& caller, const std::string& page_id) {
  // One pass over every child: a child page's row stays listed while its page is in the
  // trash, so listing until empty would not end.
  LN_ASSIGN_OR_RETURN(auto rows, ctx.store().ListBlockChildren(page_id, INT64_MIN, INT32_MAX));
  for (const storage::BlockRecord& row : rows) {
    Result<json::value> trashed = blocks::DeleteBlock(ctx, caller, row.id);
    if (!trashed.ok()) return std::move(trashed).error();
  }
  return OkStatus();
}

Status CopyTemplateContent(Context& ctx, const Caller& caller, const std::string& template_id,
                           const std::string& page_id) {
  LN_ASSIGN_OR_RETURN(std::vector<validation::NewBlock> blocks, CopyTree(ctx, template_id, 0));
  return blocks::InsertBlocks(ctx, caller, "page_id", page_id, std::nullopt, blocks, nullptr);
}

}  // namespace localnotion::service::pages
