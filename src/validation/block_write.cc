#include "validation/block_write.h"

#include <fmt/format.h>

#include "api/blocks/registry.h"
#include "api/messages.h"

namespace localnotion::validation {
namespace {

using api::Field;
using api::blocks::BlockType;


// Checks the object under the type key of a block request against `type`'s keys
// (api/blocks/) and writes the stored fields into `out` (which holds the defaults on
// create, the current content on update). `partial` (updates) lets required fields be
// left out. `children` receives the `children` array, when the type takes one and the
// request has it.
Status CheckContent(const std::string& path, const BlockType& type, const json::value& v, bool partial,
                    json::object& out, const json::value** children) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::object& in = v.get_object();
  const api::blocks::ReadContext ctx{path, in, partial};
  if (type.read_first != nullptr) LN_RETURN_IF_ERROR(type.read_first(ctx, out));
  for (const api::blocks::BlockKey& key : type.keys) {
    if (key.required && !partial && Find(in, key.name) == nullptr) return api::NotDefined(Field(path, key.name));
  }
  for (const auto& kv : in) {
    const std::string_view key = kv.key();
    const std::string kp = Field(path, key);
    if (key == "children" && children != nullptr && type.children.takes_children) {
      *children = &kv.value();
    } else if (const api::blocks::BlockKey* reader = type.FindKey(key)) {
      LN_RETURN_IF_ERROR(reader->read(ctx, key, kp, kv.value(), out));
    } else {
      return api::NotPresent(kp, kv.value());
    }
  }
  if (type.read_last != nullptr) LN_RETURN_IF_ERROR(type.read_last(ctx, out));
  return OkStatus();
}

// The type key of a block request: the first key of Notion's union that is present.
std::string_view TypeKey(const json::object& item) {
  for (std::string_view t : api::blocks::WritableBlockTypes()) {
    if (item.contains(t)) return t;
  }
  return {};
}

size_t CountBlocks(const std::vector<NewBlock>& blocks) {
  size_t n = blocks.size();
  for (const auto& b : blocks) n += CountBlocks(b.children);
  return n;
}

Result<std::vector<NewBlock>> CheckLevel(const std::string& path, const json::value& v, int level,
                                         const BlockLimits& limits, const BlockType* parent);

// One block request at `path`, `level` 1 for the top-level array; `parent` is the type
// of the block request it is nested in, null at the top level.
Result<NewBlock> CheckBlock(const std::string& path, const json::value& item, int level, const BlockLimits& limits,
                            const BlockType* parent) {
  if (!item.is_object()) return api::FailedValidation(path, "an object", &item);
  const json::object& obj = item.get_object();
  std::string_view type = TypeKey(obj);
  if (type.empty()) {
    std::vector<std::string> alts;
    for (std::string_view t : api::blocks::WritableBlockTypes()) alts.push_back(api::ShouldBe(Field(path, t), "defined", nullptr));
    return api::FixOne(alts);
  }
  for (const auto& kv : obj) {
    if (kv.key() == type) continue;
    if (kv.key() == "type") {
      if (!kv.value().is_string() || kv.value().get_string() != type) {
        return api::FailedValidation(Field(path, "type"), fmt::format("`\"{}\"` or `undefined`", type), &kv.value());
      }
    } else if (kv.key() == "object") {
      if (!kv.value().is_string() || kv.value().get_string() != "block") {
        return api::FailedValidation(Field(path, "object"), "`\"block\"` or `undefined`", &kv.value());
      }
    } else {
      return api::NotPresent(Field(path, kv.key()), kv.value());
    }
  }
  const BlockType& bt = *api::blocks::FindWritableBlockType(type);
  NewBlock block;
  block.path = path;
  block.type = std::string(type);
  block.content = bt.defaults;
  const std::string content_path = Field(path, type);
  const json::value* children = nullptr;
  LN_RETURN_IF_ERROR(CheckContent(content_path, bt, obj.at(type), false, block.content, &children));
  const std::string children_path = Field(content_path, "children");
  if (children != nullptr) {
    // Two levels per request; the columns of a column list, the rows of a table and the
    // items of a tab are part of their container, so their own children do not count
    // as a level.
    const bool part = bt.children.children_part_of_container || (parent && parent->children.items_hold_content);
    const bool allowed = level < limits.max_levels || (level == limits.max_levels && part);
    if (!allowed) return api::NotPresent(children_path, *children);
    LN_ASSIGN_OR_RETURN(block.children, CheckLevel(children_path, *children, level + 1, limits, &bt));
    if (block.children.size() < bt.children.min_children) {
      const json::value got = static_cast<int64_t>(block.children.size());
      return api::FailedValidation(Field(children_path, "length"), fmt::format("≥ `{}`", bt.children.min_children),
                                   &got);
    }
  }
  if (bt.children.children_required && children == nullptr) return api::NotDefined(children_path);
  LN_RETURN_IF_ERROR(CheckPlacement(children_path, type, block.content, block.children));
  return block;
}

Result<std::vector<NewBlock>> CheckLevel(const std::string& path, const json::value& v, int level,
                                         const BlockLimits& limits, const BlockType* parent) {
  if (!v.is_array()) return api::FailedValidation(path, "an array", &v);
  const json::array& arr = v.get_array();
  if (arr.size() > limits.max_per_array) return api::TooLong(path, limits.max_per_array, arr.size());
  std::vector<NewBlock> out;
  out.reserve(arr.size());
  for (size_t i = 0; i < arr.size(); ++i) {
    LN_ASSIGN_OR_RETURN(NewBlock b, CheckBlock(api::Index(path, i), arr[i], level, limits, parent));
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

Error TooManyBlocks(size_t count, std::string_view path, size_t max) {
  return ValidationError(fmt::format(
      "body failed validation: the number of blocks in {}, nested ones included, should be ≤ `{}`, "
      "instead was `{}`.",
      path, max, count));
}

Status CheckPlacement(std::string_view path, std::string_view parent_type, const json::object& parent_content,
                      std::vector<NewBlock>& children) {
  const BlockType* parent = api::blocks::FindBlockType(parent_type);
  const std::string_view want = parent != nullptr ? parent->children.only_child : std::string_view{};
  for (size_t i = 0; i < children.size(); ++i) {
    const NewBlock& child = children[i];
    const std::string child_path = api::Index(path, i);
    if (!want.empty() && child.type != want) {
      json::value got = json::string(child.type);
      return api::FailedValidation(Field(child_path, "type"), fmt::format("`\"{}\"`", want), &got);
    }
    const BlockType* child_type = api::blocks::FindBlockType(child.type);
    const std::string_view only_parent = child_type != nullptr ? child_type->children.only_parent : std::string_view{};
    if (want.empty() && !only_parent.empty()) {
      return ValidationError(fmt::format("body failed validation: {} is a {} block, which is only allowed inside a {} block.",
                                         child_path, child.type, only_parent));
    }
    if (child_type != nullptr) {
      for (const api::blocks::BlockKey& key : child_type->keys) {
        if (!key.only_inside.empty() && key.only_inside != parent_type && Find(child.content, key.name) != nullptr) {
          return api::blocks::KeyOnlyInside(Field(Field(child_path, child.type), key.name), child.type,
                                            key.only_inside);
        }
      }
    }
    if (parent != nullptr && parent->children.check_child != nullptr) {
      LN_RETURN_IF_ERROR(parent->children.check_child(child_path, parent_content, child.content));
    }
  }
  if (parent != nullptr) {
    for (NewBlock& child : children) {
      for (const auto& kv : parent->children.child_defaults) {
        if (!child.content.contains(kv.key())) child.content[kv.key()] = kv.value();
      }
    }
  }
  return OkStatus();
}

Result<std::vector<NewBlock>> CheckChildren(std::string_view path, const json::value& v, const BlockLimits& limits) {
  LN_ASSIGN_OR_RETURN(std::vector<NewBlock> blocks, CheckLevel(std::string(path), v, 1, limits, nullptr));
  size_t count = CountBlocks(blocks);
  if (count > limits.max_blocks) return TooManyBlocks(count, path, limits.max_blocks);
  return blocks;
}

Result<BlockUpdate> CheckBlockUpdate(const json::value& body, std::string_view type, const json::object& current,
                                     api::ApiVersion version) {
  if (!body.is_object()) return api::FailedValidation("body", "an object", &body);
  BlockUpdate out;
  std::optional<bool> archived;
  const Error wrong_type = ValidationError(fmt::format("Expected block type {} in request body", type));
  for (const auto& kv : body.get_object()) {
    const std::string_view key = kv.key();
    const std::string path = Field("body", key);
    if (key == "in_trash" || (key == "archived" && api::HasArchivedAlias(version))) {
      if (!kv.value().is_bool()) return api::FailedValidation(path, "a boolean or `undefined`", &kv.value());
      (key == "in_trash" ? out.in_trash : archived) = kv.value().get_bool();
    } else if (key == "type") {
      if (!kv.value().is_string() || kv.value().get_string() != type) return wrong_type;
    } else if (const BlockType* bt = api::blocks::FindWritableBlockType(key)) {
      if (key != type) return wrong_type;
      json::object content = current;
      LN_RETURN_IF_ERROR(CheckContent(path, *bt, kv.value(), true, content, nullptr));
      out.content = std::move(content);
    } else {
      return api::NotPresent(path, kv.value());
    }
  }
  // `archived` is the older alias of `in_trash`; when both are sent, in_trash wins.
  if (!out.in_trash && archived) out.in_trash = archived;
  return out;
}

}  // namespace localnotion::validation
