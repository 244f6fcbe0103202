// bookmark and embed (https://developers.notion.com/reference/block#bookmark): a required
// url and an optional caption. link_to_page
// (https://developers.notion.com/reference/block#link-to-page): exactly one of page_id
// and database_id, which replaces the whole stored content.
#include <string>

#include "api/blocks/families.h"
#include "api/blocks/readers.h"
#include "api/messages.h"
#include "common/uuid.h"

namespace localnotion::api::blocks {
namespace {

BlockType UrlBlock(std::string_view name) {
  BlockType t;
  t.name = name;
  t.keys = {{"url", ReadUrl, true}, {"caption", ReadRichText}};
  t.defaults["caption"] = json::array{};
  t.rich_text_keys = {"caption"};
  return t;
}

// page_id or database_id: the target, stored as {type, <key>: id}.
Status ReadTarget(const ReadContext&, std::string_view key, const std::string& key_path, const json::value& value,
                  json::object& out) {
  auto norm = value.is_string() ? NormalizeUuid(value.get_string()) : std::nullopt;
  if (!norm) return FailedValidation(key_path, "a valid uuid", &value);
  out = json::object{{"type", key}, {key, *norm}};
  return OkStatus();
}

// The optional `type` names the target key; the target key itself decides.
Status ReadTargetType(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
                      json::object&) {
  if (!value.is_string() || (value.get_string() != "page_id" && value.get_string() != "database_id")) {
    return FailedValidation(key_path, "`\"page_id\"` or `\"database_id\"`", &value);
  }
  return OkStatus();
}

// A new link_to_page needs a target.
Status RequireTarget(const ReadContext& ctx, json::object& out) {
  if (!ctx.partial && !Find(out, "type")) {
    return FixOne({ShouldBe(Field(ctx.path, "page_id"), "defined", nullptr),
                   ShouldBe(Field(ctx.path, "database_id"), "defined", nullptr)});
  }
  return OkStatus();
}

}  // namespace

std::vector<BlockType> LinkBlocks() {
  BlockType link;
  link.name = "link_to_page";
  link.keys = {{"page_id", ReadTarget}, {"database_id", ReadTarget}, {"type", ReadTargetType}};
  link.read_last = RequireTarget;
  return {UrlBlock("bookmark"), UrlBlock("embed"), std::move(link)};
}

}  // namespace localnotion::api::blocks
