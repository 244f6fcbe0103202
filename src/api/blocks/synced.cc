// The synced block (https://developers.notion.com/reference/block#synced-block): an
// original, `{"synced_from": null}`, holds children like any container; a reference,
// `{"synced_from": {"type": "block_id", "block_id": ID}}`, shows the original's
// children as its own (has_children and GET /v1/blocks/{id}/children read the
// original's) and takes none of its own. The request may leave out `type` in
// synced_from. Whether the original exists is the service's check (block_tree.cc).
#include <fmt/format.h>

#include <string>

#include "api/blocks/families.h"
#include "api/messages.h"
#include "common/uuid.h"

namespace localnotion::api::blocks {
namespace {

Status ReadSyncedFrom(const ReadContext&, std::string_view, const std::string& key_path, const json::value& value,
                      json::object& out) {
  if (value.is_null()) {
    out["synced_from"] = nullptr;
    return OkStatus();
  }
  if (!value.is_object()) return FailedValidation(key_path, "an object or `null`", &value);
  const json::object& o = value.get_object();
  for (const auto& kv : o) {
    if (kv.key() != "type" && kv.key() != "block_id") return NotPresent(Field(key_path, kv.key()), kv.value());
  }
  if (const json::value* type = Find(o, "type"); type && !(type->is_string() && type->get_string() == "block_id")) {
    return FailedValidation(Field(key_path, "type"), "`\"block_id\"` or `undefined`", type);
  }
  const json::value* id = Find(o, "block_id");
  if (id == nullptr) return NotDefined(Field(key_path, "block_id"));
  auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
  if (!norm) return FailedValidation(Field(key_path, "block_id"), "a valid uuid", id);
  out["synced_from"] = json::object{{"type", "block_id"}, {"block_id", *norm}};
  return OkStatus();
}

// A reference shows the original's children: it takes none of its own (text chosen,
// docs/compat.md).
Status CheckSyncedChild(const std::string& child_path, const json::object& parent_content, const json::object&) {
  if (!SyncedFrom(parent_content).empty()) {
    return ValidationError(fmt::format(
        "body failed validation: {} cannot be added: a synced_block synced from another block takes no children.",
        child_path));
  }
  return OkStatus();
}

}  // namespace

std::string SyncedFrom(const json::object& content) {
  const json::value* from = Find(content, "synced_from");
  if (from == nullptr || !from->is_object()) return "";
  const json::value* id = Find(from->get_object(), "block_id");
  return id != nullptr && id->is_string() ? std::string(id->get_string()) : "";
}

std::vector<BlockType> SyncedBlocks() {
  BlockType synced;
  synced.name = "synced_block";
  synced.keys = {{"synced_from", ReadSyncedFrom, true}};
  synced.defaults["synced_from"] = nullptr;
  synced.children.takes_children = true;
  synced.children.check_child = CheckSyncedChild;
  synced.children.children_from = SyncedFrom;
  std::vector<BlockType> v;
  v.push_back(std::move(synced));
  return v;
}

}  // namespace localnotion::api::blocks
