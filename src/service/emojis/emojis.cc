#include "service/emojis/emojis.h"

#include <fmt/format.h>

#include "api/custom_emojis.h"
#include "api/messages.h"
#include "common/uuid.h"
#include "validation/pagination.h"

namespace localnotion::service::emojis {
namespace {

// The meta value that holds the workspace's emojis: a JSON array of {id, name, url}.
constexpr std::string_view kMetaKey = "custom_emojis";

Result<std::vector<api::CustomEmojiView>> LoadEmojis(Context& ctx) {
  std::vector<api::CustomEmojiView> out;
  LN_ASSIGN_OR_RETURN(auto stored, ctx.store().GetMeta(kMetaKey));
  if (!stored) return out;
  auto parsed = ParseJson(*stored);
  if (!parsed || !parsed->is_array()) return InternalError("custom emojis: corrupt meta value");
  for (const auto& e : parsed->get_array()) {
    const json::object& o = e.as_object();
    out.push_back({std::string(o.at("id").as_string()), std::string(o.at("name").as_string()),
                   std::string(o.at("url").as_string())});
  }
  return out;
}

Result<std::string> StringField(const json::value& body, std::string_view key) {
  const json::value* v = body.is_object() ? Find(body.get_object(), key) : nullptr;
  if (v == nullptr) return api::NotDefined(api::Field("body", key));
  if (!v->is_string() || v->get_string().empty())
    return api::FailedValidation(api::Field("body", key), "a non-empty string", v);
  return std::string(v->get_string());
}

}  // namespace

Result<json::value> CustomEmojiIcon(Context& ctx, const std::string& id, std::string_view path) {
  LN_ASSIGN_OR_RETURN(auto all, LoadEmojis(ctx));
  for (const auto& e : all) {
    if (e.id == id) {
      return json::value(json::object{{"type", "custom_emoji"},
                                      {"custom_emoji", json::object{{"id", e.id}, {"name", e.name}, {"url", e.url}}}});
    }
  }
  return ValidationError(fmt::format("{}.custom_emoji.id names no custom emoji of this workspace: {}.", path, id));
}

Status ResolveCustomEmojiIcon(Context& ctx, json::value& icon, std::string_view path) {
  const json::object* o = icon.is_object() ? &icon.get_object() : nullptr;
  const json::value* type = o != nullptr ? Find(*o, "type") : nullptr;
  if (type == nullptr || !type->is_string() || type->get_string() != "custom_emoji") return OkStatus();
  const std::string id(o->at("custom_emoji").as_object().at("id").as_string());
  LN_ASSIGN_OR_RETURN(icon, CustomEmojiIcon(ctx, id, path));
  return OkStatus();
}

Result<json::value> ListCustomEmojis(Context& ctx, const std::optional<std::string>& name, const PageArgs& args) {
  LN_ASSIGN_OR_RETURN(
      const validation::Pagination paging,
      validation::ReadPagination(args.start_cursor, args.page_size, validation::PaginationSource::kQuery));
  LN_ASSIGN_OR_RETURN(auto all, LoadEmojis(ctx));
  if (name) std::erase_if(all, [&](const api::CustomEmojiView& e) { return e.name != *name; });
  size_t start = 0;
  if (paging.start_cursor) {
    start = all.size() + 1;
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].id == *paging.start_cursor) start = i;
    }
    if (start > all.size())
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *paging.start_cursor));
  }
  const size_t end = std::min(all.size(), start + static_cast<size_t>(paging.page_size));
  std::vector<api::CustomEmojiView> page(all.begin() + static_cast<std::ptrdiff_t>(start),
                                         all.begin() + static_cast<std::ptrdiff_t>(end));
  return json::value(api::RenderCustomEmojiList(page, end < all.size() ? all[end].id : ""));
}

Result<json::array> AllCustomEmojis(Context& ctx) {
  LN_ASSIGN_OR_RETURN(auto all, LoadEmojis(ctx));
  json::array out;
  for (const auto& e : all) out.push_back(api::RenderCustomEmoji(e));
  return out;
}

Result<json::value> AddCustomEmoji(Context& ctx, const json::value& body) {
  LN_ASSIGN_OR_RETURN(std::string name, StringField(body, "name"));
  LN_ASSIGN_OR_RETURN(std::string url, StringField(body, "url"));
  std::string id = NewUuid();
  if (const json::value* given = Find(body.get_object(), "id")) {
    auto norm = given->is_string() ? NormalizeUuid(given->get_string()) : std::nullopt;
    if (!norm) return api::FailedValidation("body.id", "a valid uuid", given);
    id = *norm;
  }
  LN_ASSIGN_OR_RETURN(auto all, LoadEmojis(ctx));
  for (const auto& e : all) {
    if (e.name == name) return ValidationError(fmt::format("A custom emoji named {} already exists.", name));
    if (e.id == id) return ValidationError(fmt::format("A custom emoji with id {} already exists.", id));
  }
  all.push_back({id, name, url});
  json::array stored;
  for (const auto& e : all) stored.push_back(api::RenderCustomEmoji(e));
  LN_RETURN_IF_ERROR(ctx.store().PutMeta(kMetaKey, SerializeJson(json::value(std::move(stored)))));
  return json::value(api::RenderCustomEmoji(all.back()));
}

}  // namespace localnotion::service::emojis
